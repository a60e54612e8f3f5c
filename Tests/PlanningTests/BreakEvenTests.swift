import Testing
import Planning
import ReturnsNetwork

/// A network small enough to solve by hand.
///
/// One German zone Z returns `q` parcels a week of apparel worth £100, all resellable; the UK origin O
/// restocks at 50 % (recovers £50 each). Two ways home:
/// - direct: parcel lane Z→O at £10 a parcel, plus a UK customs entry per parcel (£5); returned-goods
///   relief means no duty. Net per parcel: 10 + 5 − 50 = −£35.
/// - via the candidate hub H in Germany (fixed £200/week, handling £1/parcel): parcel lane Z→H at £2,
///   then a consolidated truck H→O at £300 per dispatch carrying up to 100 parcels, one customs entry
///   (£5) per dispatch. Net per parcel 2 + 1 − 50 = −£47, plus £305 per dispatch and £200 to open H.
///
/// Opening H for one truck pays when 12·q > 505, i.e. above q ≈ 42.1 parcels; a second truck pays when it
/// carries more than 305/12 ≈ 25.4 parcels.
enum BreakEvenNetwork {
    static func yaml(parcels: Double) -> String {
        """
        name: break-even
        merchant: {country: GB}
        currency: GBP
        categories:
          - {id: apparel, recovery: {restock: 0.5}}
        customs:
          - {id: GB, brokeragePerEntry: 5, duty: {apparel: 0.12}, returnedGoodsRelief: true}
          - {id: EU, countries: [EU], brokeragePerEntry: 5, duty: {apparel: 0.12}}
        nodes:
          - {id: Z, kind: zone, country: DE, lat: 52.52, lon: 13.40}
          - {id: H, kind: hub, country: DE, lat: 51.34, lon: 12.37, handling: 1, fixedCost: 200}
          - {id: O, kind: origin, country: GB, lat: 52.48, lon: -1.89}
        lanes:
          - {id: direct, from: Z, to: O, mode: parcel, perParcel: 10, transitDays: 4}
          - {id: to-hub, from: Z, to: H, mode: parcel, perParcel: 2, transitDays: 1}
          - {id: truck, from: H, to: O, mode: consolidated, perDispatch: 300, capacityParcels: 100, transitDays: 2}
        demand:
          - {zone: Z, category: apparel, parcels: \(parcels), meanWeightKg: 1, meanValue: 100, resellableShare: 1}
        """
    }

    static func plan(parcels: Double) throws -> Plan {
        let scenario = try ScenarioLoader.parse(yaml(parcels: parcels), file: "break-even.yaml")
        return try Planner.plan(scenario)
    }
}

@Suite struct BreakEvenTests {
    @Test(arguments: [nil, 0] as [Int?]) func aHubThatIsNotACandidateIsOpenAndPaysItsFixedCost(aggregateAbove: Int?) throws {
        // H is part of the network (candidate: false): open whatever the volume, its £200 paid. At 40 parcels (below the
        // break-even of a candidate H) the truck then pays: 40 · (−47) + 305 + 200 = −1,375, against 40 · (−35) + 200 = −1,200 direct.
        let yaml = BreakEvenNetwork.yaml(parcels: 40).replacingOccurrences(of: "fixedCost: 200}", with: "fixedCost: 200, candidate: false}")
        let scenario = try ScenarioLoader.parse(yaml, file: "standing-hub.yaml")
        var options = PlanOptions(timeLimit: 10)
        options.aggregateAbove = aggregateAbove
        let plan = try Planner.plan(scenario, options: options)
        let hub = try #require(plan.hubs.first { $0.id == "H" })
        #expect(hub.open && !hub.candidate)
        #expect(abs(plan.costs.hubFixed - 200) < 1e-9)
        #expect(abs(plan.netCost - (-1_375)) < 1e-6)
        #expect(abs((plan.solve.objective ?? 0) - plan.netCost) < 1e-6)
        #expect((plan.solve.bestBound ?? .infinity) <= plan.netCost + 1e-6)
        #expect((plan.solve.bestBound ?? -.infinity) >= plan.netCost - 1e-3 * abs(plan.netCost), "the bound counts the standing hub too")
    }

    @Test func belowBreakEvenEverythingGoesDirect() throws {
        let plan = try BreakEvenNetwork.plan(parcels: 40)
        #expect(plan.solve.status == .optimal)
        #expect(abs(plan.netCost - (-35 * 40)) < 1e-6)
        #expect(abs((plan.solve.objective ?? 0) - plan.netCost) < 1e-6)
        #expect(plan.hubs.first { $0.id == "H" }?.open == false)
        #expect(plan.lanes.first { $0.id == "truck" } == nil)
        #expect(abs(plan.costs.brokerage - 5 * 40) < 1e-6, "one UK entry per parcel")
        #expect(plan.costs.duty == 0, "returned-goods relief")
    }

    @Test func aboveBreakEvenOneTruckThroughTheHub() throws {
        let plan = try BreakEvenNetwork.plan(parcels: 50)
        #expect(plan.solve.status == .optimal)
        #expect(abs(plan.netCost - (-47 * 50 + 505)) < 1e-6)
        #expect(plan.hubs.first { $0.id == "H" }?.open == true)
        let truck = try #require(plan.lanes.first { $0.id == "truck" })
        #expect(truck.dispatches == 1)
        #expect(abs(truck.parcels - 50) < 1e-6)
        #expect(abs((truck.fillRate ?? 0) - 0.5) < 1e-9)
        #expect(abs(plan.costs.brokerage - 5) < 1e-6, "one UK entry for the whole dispatch")
        #expect(abs(plan.costs.hubFixed - 200) < 1e-6)
    }

    @Test func aRemainderTooSmallForASecondTruckGoesDirect() throws {
        // 120 parcels: one full truck (100) and 20 direct, since a second truck pays only above 25.4.
        let plan = try BreakEvenNetwork.plan(parcels: 120)
        #expect(abs(plan.netCost - (-47 * 100 + 505 - 35 * 20)) < 1e-6)
        #expect(plan.lanes.first { $0.id == "truck" }?.dispatches == 1)
        #expect(abs((plan.lanes.first { $0.id == "direct" }?.parcels ?? 0) - 20) < 1e-6)
    }

    @Test func aLargeRemainderFillsASecondTruck() throws {
        // 150 parcels: two trucks beat one truck plus 50 direct (−6240 against −5945).
        let plan = try BreakEvenNetwork.plan(parcels: 150)
        #expect(abs(plan.netCost - (-47 * 150 + 2 * 305 + 200)) < 1e-6)
        #expect(plan.lanes.first { $0.id == "truck" }?.dispatches == 2)
    }
}
