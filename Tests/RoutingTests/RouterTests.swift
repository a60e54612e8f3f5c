import Foundation
import Testing
import Planning
import ReturnsNetwork
import Routing
import Synthetic

/// The break-even network of the planning tests (see BreakEvenTests): a German zone Z, a candidate hub H
/// (handling £1) and the UK origin O that restocks at 50 %. Direct parcel lane £10 + a UK entry £5; via the
/// hub £2 to H, then a truck (£300 + £5 entry per dispatch, 100 parcels).
enum RouterFixtures {
    static func yaml(parcels: Double, policy: String = "{windowDays: 30, finalSale: [underwear], acceptedConditions: [new, opened], returnlessRefundBelow: 8}") -> String {
        """
        name: break-even
        merchant: {country: GB}
        currency: GBP
        policy: \(policy)
        categories:
          - {id: apparel, recovery: {restock: 0.5, liquidate: 0.1}}
          - {id: underwear, recovery: {restock: 0.5}}
        customs:
          - {id: GB, brokeragePerEntry: 5, deMinimis: 135, duty: {apparel: 0.12, underwear: 0.12}, returnedGoodsRelief: true}
        nodes:
          - {id: Z, kind: zone, country: DE, lat: 52.52, lon: 13.40}
          - {id: DP, kind: dropoff, country: DE, lat: 52.50, lon: 13.38}
          - {id: H, kind: hub, country: DE, lat: 51.34, lon: 12.37, handling: 1, fixedCost: 200}
          - {id: O, kind: origin, country: GB, lat: 52.48, lon: -1.89}
        lanes:
          - {id: direct, from: Z, to: O, mode: parcel, perParcel: 10, transitDays: 4}
          - {id: to-hub, from: Z, to: H, mode: parcel, perParcel: 2, transitDays: 1}
          - {id: truck, from: H, to: O, mode: consolidated, perDispatch: 300, capacityParcels: 100, transitDays: 2}
        demand:
          - {zone: Z, category: apparel, parcels: \(parcels), meanWeightKg: 1, meanValue: 100, resellableShare: 1}
        postcodes:
          - {country: DE, prefix: "10", zone: Z}
        """
    }

    static func router(parcels: Double) throws -> (Router, Plan) {
        let scenario = try ScenarioLoader.parse(yaml(parcels: parcels))
        let plan = try Planner.plan(scenario)
        return (try Router(scenario: scenario, plan: plan), plan)
    }

    static func request(weight: Double = 1, value: Double = 100, condition: ItemCondition = .new, category: String = "apparel", delivered: String = "2026-11-01", requested: String = "2026-11-10", zone: String? = "Z") -> ParcelRequest {
        ParcelRequest(id: "R1", zone: zone, category: category, weightKg: weight, value: value, currency: "GBP", condition: condition, deliveredOn: delivered, requestedOn: requested, freeReturns: true)
    }
}

@Suite struct RouterTests {
    @Test func aLightParcelJoinsThePlannedTruck() throws {
        // Plan for 120 a week: one truck of 100 (£305 per 100 kg → £3.05/kg). Via the hub: 2 + 1 + 3.05 − 50.
        let (router, _) = try RouterFixtures.router(parcels: 120)
        let record = try router.route(RouterFixtures.request())
        #expect(record.decision == "route")
        #expect(record.legs.map(\.lane) == ["to-hub", "truck"])
        #expect(abs(record.cost - (-43.95)) < 1e-9)
        #expect(record.customs.first?.treatment == .relief)
        #expect(record.customs.first?.entry == "consolidated")
        #expect(record.disposition == "restock")
        #expect(record.eta == "2026-11-13")
        // The route starts with a parcel lane straight to the hub: no drop-off point to walk to.
        #expect(record.dropoffs.isEmpty)
    }

    @Test func thePolicyDecidesTheFeeAndAWaiverIsRecorded() throws {
        // The light parcel of the test above nets −43.95 before any fee.
        let charged = try ScenarioLoader.parse(RouterFixtures.yaml(parcels: 120, policy: "{freeReturns: false, customerFee: 4}"))
        let router = try Router(scenario: charged, plan: try Planner.plan(charged))
        var request = RouterFixtures.request()
        request.freeReturns = nil
        let policyFee = try router.route(request)
        #expect(policyFee.fee == 4 && policyFee.feeWaived == nil)
        #expect(abs(policyFee.cost - (-47.95)) < 1e-9)
        request.freeReturns = false
        #expect(try router.route(request) == policyFee)
        request.freeReturns = true
        let waived = try router.route(request)
        #expect(waived.fee == 0 && waived.feeWaived == true)
        #expect(abs(waived.cost - (-43.95)) < 1e-9)
        #expect(ReferenceRouter(scenario: charged, plan: try Planner.plan(charged)).decide(request).cost == waived.cost)

        // Free returns under the policy: a fee in the policy is not charged, whatever the request says.
        let free = try ScenarioLoader.parse(RouterFixtures.yaml(parcels: 120, policy: "{freeReturns: true, customerFee: 4}"))
        let freeRouter = try Router(scenario: free, plan: try Planner.plan(free))
        request.freeReturns = false
        let record = try freeRouter.route(request)
        #expect(record.fee == 0 && record.feeWaived == nil)
        #expect(abs(record.cost - (-43.95)) < 1e-9)
    }

    @Test func aReturnExportedBeforeTheReliefWindowPaysDutyEverywhere() throws {
        // Relief for one year. Exported in 2024, the light parcel owes 12 % of £100 on the truck (a dispatch has no
        // de minimis): via the hub −43.95 + 12 = −31.95; direct, £100 is under the £135 de minimis: 10 + 5 − 50 = −35.
        let yaml = RouterFixtures.yaml(parcels: 120).replacingOccurrences(of: "returnedGoodsRelief: true}", with: "returnedGoodsRelief: true, reliefWindowDays: 365}")
        let scenario = try ScenarioLoader.parse(yaml)
        let plan = try Planner.plan(scenario)
        let router = try Router(scenario: scenario, plan: plan)
        var request = RouterFixtures.request()
        request.exportedOn = "2026-01-15"
        let inside = try router.route(request)
        #expect(inside.legs.map(\.lane) == ["to-hub", "truck"] && inside.customs.first?.treatment == .relief)
        request.exportedOn = "2024-06-01"
        let lapsed = try router.route(request)
        #expect(lapsed.legs.map(\.lane) == ["direct"])
        #expect(lapsed.customs.first?.treatment == .deMinimis)
        #expect(abs(lapsed.cost - (-35)) < 1e-9)
        #expect(abs(ReferenceRouter(scenario: scenario, plan: plan).decide(request).cost - lapsed.cost) < 1e-9)
        // Priced on the truck it would pay the duty the manifest charges.
        let table = router.table
        let truckCandidate = table.candidates.indices.first { table.lanes(of: $0).count == 2 && table.candidates[$0].disposition == .restock }
        #expect(truckCandidate.map { table.duty(candidate: $0, value: 100, reliefLapsed: true) } == 12)
        #expect(truckCandidate.map { table.duty(candidate: $0, value: 100, reliefLapsed: false) } == 0)
    }

    @Test func aHeavyParcelGoesDirect() throws {
        // 10 kg: via the hub 3 + 30.5 − 50 = −16.5; direct 10 + 5 − 50 = −35.
        let (router, _) = try RouterFixtures.router(parcels: 120)
        let record = try router.route(RouterFixtures.request(weight: 10))
        #expect(record.legs.map(\.lane) == ["direct"])
        #expect(abs(record.cost - (-35)) < 1e-9)
        #expect(record.customs.first?.brokerage == 5)
    }

    @Test func aClosedHubIsNeverUsed() throws {
        let (router, plan) = try RouterFixtures.router(parcels: 40)
        #expect(plan.hubs.first?.open == false)
        let record = try router.route(RouterFixtures.request())
        #expect(record.legs.map(\.lane) == ["direct"])
    }

    @Test func damagedGoodsPayDutyAboveDeMinimis() throws {
        // Damaged goods claim no relief and cannot be restocked; O also liquidates (50 % here).
        // Value £200 > £135 de minimis: duty 12 % = 24. Direct: 10 + 5 + 24 − 100 = −61.
        let yaml = RouterFixtures.yaml(parcels: 40, policy: "{acceptedConditions: [new, opened, damaged]}")
            .replacingOccurrences(of: "liquidate: 0.1", with: "liquidate: 0.5")
            .replacingOccurrences(of: "lat: 52.48, lon: -1.89}", with: "lat: 52.48, lon: -1.89, dispositions: [restock, liquidate]}")
        let scenario = try ScenarioLoader.parse(yaml)
        let router = try Router(scenario: scenario, plan: try Planner.plan(scenario))
        let record = try router.route(RouterFixtures.request(value: 200, condition: .damaged))
        #expect(record.decision == "route")
        #expect(record.disposition == "liquidate")
        #expect(record.customs.first?.treatment == .duty)
        #expect(abs((record.customs.first?.duty ?? 0) - 24) < 1e-9)
        #expect(abs(record.cost - (-61)) < 1e-9)
        // £100 is under de minimis: no duty, 15 − 50 = −35.
        let small = try router.route(RouterFixtures.request(value: 100, condition: .damaged))
        #expect(small.customs.first?.treatment == .deMinimis)
        #expect(abs(small.cost - (-35)) < 1e-9)
    }

    @Test func thePolicyRefusesWithReasons() throws {
        let (router, _) = try RouterFixtures.router(parcels: 120)
        #expect(try router.route(RouterFixtures.request(requested: "2026-12-02")).reason == "window_expired")
        #expect(try router.route(RouterFixtures.request(requested: "2026-12-01")).decision == "route", "day 30 is inside the window")
        #expect(try router.route(RouterFixtures.request(category: "underwear")).reason == "final_sale")
        #expect(try router.route(RouterFixtures.request(condition: .damaged)).reason == "condition_not_accepted")
        #expect(try router.route(RouterFixtures.request(zone: "nowhere")).reason == "unknown_zone")
        #expect(try router.route(RouterFixtures.request(category: "hats")).reason == "unknown_category")
        let cheap = try router.route(RouterFixtures.request(value: 5))
        #expect(cheap.decision == "keep")
        #expect(cheap.reason == "below_returnless_threshold")
        // £20: direct 15 − 10 = +5 and via the hub 6.05 − 10 = −3.95: the truck still pays.
        #expect(try router.route(RouterFixtures.request(value: 20)).decision == "route")
        // £9: via the hub 6.05 − 4.5 > 0: returning costs more than it recovers.
        #expect(try router.route(RouterFixtures.request(value: 9)).reason == "cost_exceeds_recovery")
    }

    @Test func postcodesFindTheZone() throws {
        let (router, _) = try RouterFixtures.router(parcels: 120)
        var request = RouterFixtures.request(zone: nil)
        request.country = "DE"
        request.postcode = "10 115"
        #expect(try router.route(request).zone == "Z")
        request.postcode = "80331"
        #expect(try router.route(request).reason == "unknown_zone")
    }

    @Test func badFieldsAreErrorsNamingTheField() throws {
        let (router, _) = try RouterFixtures.router(parcels: 120)
        #expect(throws: RouteTable.ParcelError.self) { try router.route(RouterFixtures.request(weight: -1)) }
        #expect(throws: RouteTable.ParcelError.self) { try router.route(RouterFixtures.request(delivered: "2026-02-30")) }
        var request = RouterFixtures.request()
        request.currency = "XYZ"
        do {
            _ = try router.route(request)
            Issue.record("expected an error")
        } catch {
            #expect(error.field == "currency")
        }
    }

    @Test func civilDatesRoundTrip() {
        #expect(CivilDate.day("1970-01-01") == 0)
        #expect(CivilDate.day("2000-03-01") == 11017)
        #expect(CivilDate.string(CivilDate.day("2028-02-29") ?? 0) == "2028-02-29")
        #expect(CivilDate.day("2027-02-29") == nil)
        #expect(CivilDate.day("2026-13-01") == nil)
        #expect(CivilDate.day("26-1-1") == nil)
    }
}

/// The table against the oracle: for thousands of random parcels, the table's decision costs exactly what the
/// cheapest allowed route found by a plain search costs.
@Suite(.serialized) struct OracleAgreementTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var examples: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Scenarios").path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }

    static func check(_ scenario: Scenario, plan: Plan, parcels count: Int, seed: UInt64) throws {
        let router = try Router(scenario: scenario, plan: plan)
        let oracle = ReferenceRouter(scenario: scenario, plan: plan)
        let parcels = ParcelGenerator(scenario: scenario).parcels(count: count, seed: seed)
        var routed = 0, mismatches = 0
        for request in parcels {
            let parcel = try router.table.resolve(request)
            let decision = router.decide(parcel)
            let expected = oracle.decide(request)
            if decision.kind != expected.kind || decision.reason != expected.reason || abs(decision.cost - expected.cost) > 1e-9 {
                mismatches += 1
                if mismatches <= 5 { Issue.record("\(request.id): table \(decision.kind) \(decision.reason) \(decision.cost), oracle \(expected.kind) \(expected.reason) \(expected.cost)") }
            }
            if decision.kind == .route { routed += 1 }
            // The hand-written JSON reads back as the record, and the request's canonical form as the request.
            let record = router.describe(decision, parcel: parcel, request: request)
            #expect(try JSONDecoder().decode(DecisionRecord.self, from: Data(record.json().utf8)) == record)
            #expect(try JSONDecoder().decode(ParcelRequest.self, from: Data(request.canonicalJSON().utf8)) == request)
            #expect(Array(request.canonicalJSON().utf8).withUnsafeBytes(ParcelJSON.parse) == request)
        }
        #expect(mismatches == 0)
        #expect(routed > count / 2, "most parcels should be routed, got \(routed) of \(count)")
    }

    @Test(arguments: examples)
    func exampleScenarios(_ name: String) throws {
        let scenario = try ScenarioLoader.load(path: Self.root.appendingPathComponent("Scenarios").appendingPathComponent(name).path)
        try Self.check(scenario, plan: try Planner.plan(scenario), parcels: 10_000, seed: 42)
    }

    @Test func generatedScenario() throws {
        var options = ScenarioGenerator.Options()
        options.zones = 40
        options.hubs = 5
        options.seed = 3
        let scenario = try ScenarioGenerator.scenario(options)
        let plan = try Planner.plan(scenario, options: PlanOptions(timeLimit: 20, relativeGap: 0.02))
        #expect([PlanStatus.optimal, .feasible].contains(plan.solve.status))
        try Self.check(scenario, plan: plan, parcels: 10_000, seed: 7)
    }
}

@Suite struct JSONWriterTests {
    @Test func writesWhatJSONEncoderWrites() throws {
        var request = ParcelRequest(id: "R\"1\\\n", zone: "Z", category: "apparel", weightKg: 0.5, value: 100, currency: "GBP", condition: .opened, deliveredOn: "2026-11-01", requestedOn: "2026-11-10", freeReturns: true, orderId: "O-1\u{1}")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(request.canonicalJSON() == String(decoding: try encoder.encode(request), as: UTF8.self))
        request.value = 12.345
        request.weightKg = 1e-7
        let decoded = try JSONDecoder().decode(ParcelRequest.self, from: Data(request.canonicalJSON().utf8))
        #expect(decoded == request)
    }
}

@Suite struct ParcelJSONTests {
    static let base = #"{"id":"R1","zone":"Z","category":"apparel","weightKg":0.5,"value":100,"currency":"GBP","condition":"new","deliveredOn":"2026-11-01","requestedOn":"2026-11-10","freeReturns":true}"#

    static let inputs: [String] = [
        base,
        " \n" + base + "\n ",
        base.replacingOccurrences(of: #""weightKg":0.5"#, with: #""weightKg":5e-1"#),
        base.replacingOccurrences(of: #""weightKg":0.5"#, with: #""weightKg":05"#),
        base.replacingOccurrences(of: #""weightKg":0.5"#, with: #""weightKg":.5"#),
        base.replacingOccurrences(of: #""weightKg":0.5"#, with: #""weightKg":"0.5""#),
        base.replacingOccurrences(of: #""weightKg":0.5"#, with: #""weightKg":-0.0"#),
        base.replacingOccurrences(of: #""weightKg":0.5"#, with: #""weightKg":1E+2"#),
        base.replacingOccurrences(of: #""value":100"#, with: #""value":1e-400"#),
        base.replacingOccurrences(of: #""id":"R1""#, with: #""id":"R\u0031""#),
        base.replacingOccurrences(of: #""id":"R1""#, with: #""id":"Rü""#),
        base.replacingOccurrences(of: #""id":"R1""#, with: #""id":"R1","id":"R2""#),
        base.replacingOccurrences(of: #""zone":"Z""#, with: #""zone":null"#),
        base.replacingOccurrences(of: #""zone":"Z""#, with: #""zone":1"#),
        base.replacingOccurrences(of: #""freeReturns":true"#, with: #""freeReturns":1"#),
        base.replacingOccurrences(of: #""condition":"new""#, with: #""condition":"mint""#),
        base.replacingOccurrences(of: "}", with: #","extra":{"a":[1]}}"#),
        base.replacingOccurrences(of: "}", with: #","extra":"x"}"#),
        base.replacingOccurrences(of: "}", with: ",}"),
        base + "x",
        "[" + base + "]",
        "{}",
        "",
    ]

    /// Whatever the fast reader accepts, JSONDecoder reads the same; what it leaves, JSONDecoder decides.
    @Test(arguments: inputs) func agreesWithJSONDecoder(_ text: String) {
        let fast = Array(text.utf8).withUnsafeBytes(ParcelJSON.parse)
        let slow = try? JSONDecoder().decode(ParcelRequest.self, from: Data(text.utf8))
        if let fast { #expect(fast == slow) }
    }

    @Test func readsTheUsualShape() {
        #expect(Array(Self.base.utf8).withUnsafeBytes(ParcelJSON.parse)?.weightKg == 0.5)
        #expect(Array(Self.inputs[2].utf8).withUnsafeBytes(ParcelJSON.parse)?.weightKg == 0.5)
        let extra = Self.base.replacingOccurrences(of: "}", with: #","extra":"x"}"#)
        #expect(Array(extra.utf8).withUnsafeBytes(ParcelJSON.parse)?.id == "R1", "unknown plain fields are ignored, as JSONDecoder does")
    }
}
