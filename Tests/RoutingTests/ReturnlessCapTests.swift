import Foundation
import Testing
import Planning
import ReturnsNetwork
import Routing

/// `policy.returnlessRefundMaxValue`: above it an item travels back however dear the trip, in the plan (exact and
/// aggregated) and in the router alike (`Scenario.returnlessRefundCeiling`).
@Suite struct ReturnlessCapTests {
    /// One lane home at £100 a parcel; restock recovers half the value. A £150 item recovers £75: dearer to return
    /// (+£25) than to refund without a return, so without a cap it is kept.
    static func yaml(cap: String?) -> String {
        """
        name: returnless cap
        merchant: {country: GB}
        currency: GBP
        policy: {freeReturns: true\(cap.map { ", returnlessRefundMaxValue: \($0)" } ?? "")}
        categories:
          - {id: watches, recovery: {restock: 0.5}}
        nodes:
          - {id: Z, kind: zone, country: GB, lat: 52.0, lon: -1.0}
          - {id: O, kind: origin, country: GB, lat: 52.2, lon: -1.2}
        lanes:
          - {id: courier, from: Z, to: O, mode: parcel, perParcel: 100, transitDays: 2}
        demand:
          - {zone: Z, category: watches, parcels: 10, meanWeightKg: 1, meanValue: 150, resellableShare: 1}
        """
    }

    static func request(value: Double) -> ParcelRequest {
        ParcelRequest(id: "W1", zone: "Z", category: "watches", weightKg: 1, value: value, currency: "GBP", condition: .new, deliveredOn: "2026-11-01", requestedOn: "2026-11-05")
    }

    @Test(arguments: [nil, 0] as [Int?]) func aboveTheCapThePlanReturnsWhatItWouldOtherwiseKeep(aggregateAbove: Int?) throws {
        var options = PlanOptions(timeLimit: 10)
        options.aggregateAbove = aggregateAbove
        let uncapped = try Planner.plan(try ScenarioLoader.parse(Self.yaml(cap: nil)), options: options)
        #expect(abs(uncapped.netCost) < 1e-9)
        #expect(uncapped.flows.flatMap(\.paths).allSatisfy { $0.disposition == .keep })

        let capped = try Planner.plan(try ScenarioLoader.parse(Self.yaml(cap: "120")), options: options)
        #expect(abs(capped.netCost - 10 * (100 - 75)) < 1e-6)
        #expect(capped.flows.flatMap(\.paths).allSatisfy { $0.disposition == .restock })
        // Over the cap, but a cheaper item is still worth keeping: the cap is on the commodity's mean value.
        let generous = try Planner.plan(try ScenarioLoader.parse(Self.yaml(cap: "150")), options: options)
        #expect(abs(generous.netCost) < 1e-9)
    }

    @Test func theRouterRoutesItemsAboveTheCapAndKeepsTheRest() throws {
        let scenario = try ScenarioLoader.parse(Self.yaml(cap: "120 GBP"))
        let router = try Router(scenario: scenario, plan: try Planner.plan(scenario))
        let dear = try router.route(Self.request(value: 150))
        #expect(dear.decision == "route" && dear.reason == "none")
        #expect(abs(dear.cost - 25) < 1e-9)
        let cheap = try router.route(Self.request(value: 100))
        #expect(cheap.decision == "keep" && cheap.reason == "cost_exceeds_recovery")
        // At the cap exactly, still kept; the oracle agrees on all three.
        let atCap = try router.route(Self.request(value: 120))
        #expect(atCap.decision == "keep")
        let oracle = ReferenceRouter(scenario: scenario, plan: try Planner.plan(scenario))
        for value in [150.0, 100, 120] {
            #expect(oracle.decide(Self.request(value: value)).kind == (value > 120 ? .route : .keep))
        }
    }

    @Test func theCapMayNotBeBelowTheReturnlessThreshold() throws {
        let yaml = Self.yaml(cap: "20").replacingOccurrences(of: "returnlessRefundMaxValue: 20", with: "returnlessRefundBelow: 30, returnlessRefundMaxValue: 20")
        #expect {
            try ScenarioLoader.parse(yaml)
        } throws: { error in
            "\(error)".contains("policy.returnlessRefundMaxValue") && "\(error)".contains("below returnlessRefundBelow")
        }
        // In two currencies, compared at the scenario's rates: 20 EUR is £17, under the £18 threshold; 25 EUR is £21.50.
        let mixed = Self.yaml(cap: "20 EUR").replacingOccurrences(of: "returnlessRefundMaxValue: 20 EUR", with: "returnlessRefundBelow: 18, returnlessRefundMaxValue: 20 EUR") + "\nexchangeRates: {EUR: 0.85}\n"
        #expect(throws: (any Error).self) { try ScenarioLoader.parse(mixed) }
        #expect(try ScenarioLoader.parse(mixed.replacingOccurrences(of: "20 EUR", with: "25 EUR")).policy.returnlessRefundMaxValue == Money(25, "EUR"))
    }
}
