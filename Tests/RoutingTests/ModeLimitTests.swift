import Foundation
import Testing
import Planning
import ReturnsNetwork
import Routing

/// Per-mode item limits (`ModeLimits`, `Scenario.carries`): a parcel lane takes nothing over `parcelMaxKg` or
/// `parcelMaxValue`, in the plan, the router and the oracle alike; what no lane carries is refused as input.
@Suite struct ModeLimitTests {
    /// A courier (£5 a parcel, up to 20 kg and £500 here) and a weekly freight pickup (£2,500 a dispatch, one tonne).
    static let yaml = """
        name: mode limits
        merchant: {country: GB}
        currency: GBP
        settings: {parcelMaxKg: 20, parcelMaxValue: 500}
        policy: {freeReturns: true, allowReturnlessRefunds: false}
        categories:
          - {id: apparel, recovery: {restock: 0.5}}
          - {id: furniture, recovery: {restock: 0.5}}
        nodes:
          - {id: Z, kind: zone, country: GB, lat: 52.0, lon: -1.0}
          - {id: O, kind: origin, country: GB, lat: 52.2, lon: -1.2}
        lanes:
          - {id: courier, from: Z, to: O, mode: parcel, perParcel: 5, transitDays: 2}
          - {id: freight, from: Z, to: O, mode: consolidated, perDispatch: 2500, capacityKg: 1000, maxDispatches: 1, transitDays: 3}
        demand:
          - {zone: Z, category: apparel, parcels: 100, meanWeightKg: 1, meanValue: 100, resellableShare: 1}
          - {zone: Z, category: furniture, parcels: 10, meanWeightKg: 25, meanValue: 300, resellableShare: 1}
        """

    static func request(_ category: String = "apparel", weight: Double, value: Double = 100) -> ParcelRequest {
        ParcelRequest(id: "P1", zone: "Z", category: category, weightKg: weight, value: value, currency: "GBP", condition: .new, deliveredOn: "2026-11-01", requestedOn: "2026-11-05")
    }

    @Test(arguments: [nil, 0] as [Int?]) func thePlanSendsWhatACourierCannotTakeByFreight(aggregateAbove: Int?) throws {
        let scenario = try ScenarioLoader.parse(Self.yaml)
        #expect(scenario.settings.parcelLimits == ModeLimits(maxKg: 20, maxValue: Money(500, "GBP")))
        var options = PlanOptions(timeLimit: 10)
        options.aggregateAbove = aggregateAbove
        let plan = try Planner.plan(scenario, options: options)
        let lanes = Dictionary(plan.flows.map { ($0.category, Set($0.paths.flatMap(\.lanes))) }, uniquingKeysWith: { $0.union($1) })
        #expect(lanes["furniture"] == ["freight"])
        // The truck runs for the furniture anyway, and 350 kg fit: the apparel rides it too.
        #expect(lanes["apparel"] == ["freight"])
        // One dispatch 2,500 − 100 × 50 − 10 × 150 recovered.
        #expect(abs(plan.netCost - (2_500 - 100 * 50 - 10 * 150)) < 1e-6)
        // Without the limit, the furniture goes by courier and no truck runs: 110 × 5 − 5,000 − 1,500.
        let unlimited = try Planner.plan(try ScenarioLoader.parse(Self.yaml.replacingOccurrences(of: "parcelMaxKg: 20, parcelMaxValue: 500", with: "maxLegs: 4")), options: options)
        #expect(abs(unlimited.netCost - (110 * 5 - 100 * 50 - 10 * 150)) < 1e-6)
    }

    @Test func theRouterKeepsHeavyAndValuableParcelsOffTheCourier() throws {
        let scenario = try ScenarioLoader.parse(Self.yaml)
        let plan = try Planner.plan(scenario)
        let router = try Router(scenario: scenario, plan: plan)
        let oracle = ReferenceRouter(scenario: scenario, plan: plan)
        let cases: [(ParcelRequest, String)] = [
            (Self.request(weight: 1), "courier"),
            (Self.request(weight: 20), "courier"),
            (Self.request(weight: 20.5), "freight"),
            (Self.request(weight: 1, value: 600), "freight"),
            (Self.request("furniture", weight: 5), "courier"),
        ]
        for (request, lane) in cases {
            let record = try router.route(request)
            #expect(record.legs.map(\.lane) == [lane], "\(request.weightKg) kg, £\(request.value)")
            let answer = oracle.decide(request)
            #expect(answer.kind == .route && abs(answer.cost - record.cost) < 1e-9, "\(request.weightKg) kg, £\(request.value)")
        }
    }

    @Test func whatNoLaneCarriesIsRefusedAsInput() throws {
        let scenario = try ScenarioLoader.parse(Self.yaml)
        let router = try Router(scenario: scenario, plan: try Planner.plan(scenario))
        #expect(throws: RouteTable.ParcelError.self) { try router.route(Self.request(weight: 3_000)) }
        do {
            _ = try router.route(Self.request(weight: 3_000))
        } catch {
            #expect(error.field == "weightKg")
            #expect(error.message.contains("more than any lane carries"))
        }
    }
}
