import Testing
import Planning
import ReturnsNetwork

/// Customs rules on border-crossing legs, checked on one parcel at a time.
///
/// A French zone sends parcels to a UK origin (the merchant's home) either by parcel lane or by a
/// consolidated truck. UK: brokerage £20 per entry, de minimis £135, duty 12 % on apparel, returned-goods
/// relief for goods coming back unchanged. A Swiss zone sends to an EU hub: the EU is not the merchant's
/// territory, so no relief applies there.
@Suite struct CustomsTests {
    static let yaml = """
    name: customs
    merchant: {country: GB}
    currency: GBP
    exchangeRates: {EUR: 0.85}
    categories: [{id: apparel, recovery: {restock: 0.5, liquidate: 0.1}}]
    customs:
      - {id: GB, brokeragePerEntry: 20, deMinimis: 135, duty: {apparel: 0.12}, returnedGoodsRelief: true}
      - {id: EU, countries: [EU], brokeragePerEntry: 30 EUR, deMinimis: 150 EUR, duty: {apparel: 0.10}, returnedGoodsRelief: true}
      - {id: CH, brokeragePerEntry: 10, duty: {apparel: 0}}
    nodes:
      - {id: FR, kind: zone, country: FR, lat: 48.85, lon: 2.35}
      - {id: ZH, kind: zone, country: CH, lat: 47.37, lon: 8.54}
      - {id: HUB, kind: hub, country: FR, lat: 49.0, lon: 2.5}
      - {id: LIQ, kind: liquidator, country: DE, lat: 51.0, lon: 7.0}
      - {id: O, kind: origin, country: GB, lat: 52.48, lon: -1.89}
    lanes:
      - {id: parcel, from: FR, to: O, mode: parcel, perParcel: 10, transitDays: 3}
      - {id: to-hub, from: FR, to: HUB, mode: parcel, perParcel: 2, transitDays: 1}
      - {id: truck, from: HUB, to: O, mode: consolidated, perDispatch: 300, capacityParcels: 100, transitDays: 2}
      - {id: swiss, from: ZH, to: LIQ, mode: parcel, perParcel: 8, transitDays: 2}
    demand:
      - {zone: FR, category: apparel, parcels: 10, meanWeightKg: 1, meanValue: 100}
    """

    static func costing() throws -> (RouteCosting, ReturnsGraph) {
        let graph = ReturnsGraph(try ScenarioLoader.parse(yaml))
        return (RouteCosting(graph), graph)
    }

    static func lane(_ graph: ReturnsGraph, _ id: String) throws -> Int {
        try #require(graph.lanes.firstIndex { $0.id == id })
    }

    @Test func unchangedGoodsComingHomeClaimRelief() throws {
        let (costing, graph) = try Self.costing()
        #expect(costing.duty(lane: try Self.lane(graph, "parcel"), category: "apparel", resellable: true, value: 500) == 0)
        #expect(costing.duty(lane: try Self.lane(graph, "truck"), category: "apparel", resellable: true, value: 500) == 0)
    }

    @Test func changedGoodsPayDutyAboveDeMinimisOnParcelLanes() throws {
        let (costing, graph) = try Self.costing()
        let parcel = try Self.lane(graph, "parcel")
        #expect(costing.duty(lane: parcel, category: "apparel", resellable: false, value: 135) == 0, "at de minimis")
        #expect(abs(costing.duty(lane: parcel, category: "apparel", resellable: false, value: 200) - 24) < 1e-12)
    }

    @Test func aConsolidatedDispatchIsOneConsignmentWithoutDeMinimis() throws {
        let (costing, graph) = try Self.costing()
        let truck = try Self.lane(graph, "truck")
        #expect(abs(costing.duty(lane: truck, category: "apparel", resellable: false, value: 100) - 12) < 1e-12)
        #expect(costing.brokeragePerEntry(lane: truck) == 20)
    }

    @Test func noBorderNoCustoms() throws {
        let (costing, graph) = try Self.costing()
        let toHub = try Self.lane(graph, "to-hub")
        #expect(costing.brokeragePerEntry(lane: toHub) == 0)
        #expect(costing.duty(lane: toHub, category: "apparel", resellable: false, value: 1000) == 0)
    }

    @Test func reliefOnlyForTheMerchantsOwnTerritory() throws {
        // Swiss goods entering the EU were never exported from it: duty applies in EUR, converted at 0.85.
        let (costing, graph) = try Self.costing()
        let swiss = try Self.lane(graph, "swiss")
        #expect(abs(costing.duty(lane: swiss, category: "apparel", resellable: true, value: 200) - 20) < 1e-12)
        #expect(abs(costing.brokeragePerEntry(lane: swiss) - 25.5) < 1e-12)
    }

    @Test func parcelLaneCostsCountBrokeragePerParcelAndRecovery() throws {
        let (costing, graph) = try Self.costing()
        let costs = costing.unitCosts(lanes: [try Self.lane(graph, "parcel")], disposition: .restock, category: "apparel", resellable: true, weightKg: 1, value: 100)
        #expect(costs.freight == 10)
        #expect(costs.brokerage == 20)
        #expect(costs.duty == 0)
        #expect(costs.recoveredValue == 50)
        #expect(costs.net == -20)
    }

    @Test func singleSourcingSendsEachZoneToOneHub() throws {
        // Two equal hubs, each with room for 60 of the zone's 100 parcels: split sourcing uses both, single
        // sourcing cannot, so the rest goes another way and the plan costs more.
        let yaml = """
        name: single
        merchant: {country: DE}
        currency: EUR
        policy: {allowReturnlessRefunds: false}
        categories: [{id: shoes, recovery: {restock: 0.8}}]
        nodes:
          - {id: Z, kind: zone, country: DE, lat: 52.5, lon: 13.4}
          - {id: A, kind: hub, country: DE, lat: 51.3, lon: 12.4, capacity: 60}
          - {id: B, kind: hub, country: DE, lat: 53.5, lon: 10.0, capacity: 60}
          - {id: W, kind: warehouse, country: DE, lat: 50.1, lon: 8.7}
        lanes:
          - {from: Z, to: A, mode: parcel, perParcel: 2, transitDays: 1}
          - {from: Z, to: B, mode: parcel, perParcel: 2, transitDays: 1}
          - {from: A, to: W, mode: parcel, perParcel: 1, transitDays: 1}
          - {from: B, to: W, mode: parcel, perParcel: 1, transitDays: 1}
          - {from: Z, to: W, mode: parcel, perParcel: 9, transitDays: 2}
        demand:
          - {zone: Z, category: shoes, parcels: 100, meanWeightKg: 1, meanValue: 50}
        """
        let scenario = try ScenarioLoader.parse(yaml)
        let split = try Planner.plan(scenario)
        let single = try Planner.plan(scenario, options: PlanOptions(singleSourcing: true))
        // Split: 100 parcels at 3 each = 300, minus 100 × 40 recovered.
        #expect(abs(split.netCost - (300 - 4000)) < 1e-6)
        // Single: 60 through one hub at 3, 40 direct at 9.
        #expect(abs(single.netCost - (60 * 3 + 40 * 9 - 4000)) < 1e-6)
        #expect(single.hubs.filter { $0.parcels > 1e-6 }.count == 1)
        let graph = ReturnsGraph(scenario)
        #expect(PlanRules(graph, options: PlanOptions(singleSourcing: true)).violations(of: single) == [])
        // The split plan breaks the rule, and the check says where.
        #expect(PlanRules(graph, options: PlanOptions(singleSourcing: true)).violations(of: split) == [.splitSourcing(zone: "Z", hubs: ["A", "B"])])
    }
}
