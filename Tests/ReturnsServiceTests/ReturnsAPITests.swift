import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Planning
import ReturnsNetwork
import ReturnsService
import Routing
import Testing

/// Every endpoint, in-process (`.router`), on the service-test network, with responses checked against the
/// OpenAPI document.
@Suite struct ReturnsAPITests {
    @Test(arguments: StoreKind.available) func recordsARouteAndReplaysIt(kind: StoreKind) async throws {
        let harness = try await ServiceHarness.make(kind)
        try await harness.application().test(.router) { client in
            let body = ServiceNetwork.parcel("R1")
            let first = try await client.send(.post, "/v1/returns", body: body)
            #expect(first.status == 201)
            #expect(first.headers[.location] == "/v1/returns/R1")
            #expect(first.object["status"] as? String == "in_batch")
            #expect(first.object["batch"] as? String == "truck-1")
            let decision = try #require(first.object["decision"] as? [String: Any])
            #expect(decision["decision"] as? String == "route")
            #expect((decision["legs"] as? [[String: Any]])?.map { $0["lane"] as? String } == ["to-hub", "truck"])

            // The same body again: the same answer, nothing recorded twice.
            let replay = try await client.send(.post, "/v1/returns", body: body)
            #expect(replay.status == 200)
            #expect(replay.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(replay.text == first.text)
            let batch = try await client.send(.get, "/v1/batches/truck-1", key: Keys.read)
            #expect(batch.object["parcels"] as? Int == 1)
            #expect(batch.object["returns"] as? [String] == ["R1"])

            // Same id, other body: a conflict naming the field.
            let conflict = try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("R1", weight: 2))
            #expect(conflict.status == 409)
            #expect(conflict.object["field"] as? String == "id")
            #expect(conflict.headers[.contentType] == "application/problem+json")

            // An Idempotency-Key reused for another parcel is a conflict too; reused for the same one, a replay.
            let keyed = try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("R2"), headers: [HTTPField.Name("Idempotency-Key")!: "order-77-return"])
            #expect(keyed.status == 201)
            let keyedAgain = try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("R2"), headers: [HTTPField.Name("Idempotency-Key")!: "order-77-return"])
            #expect(keyedAgain.status == 200)
            let otherParcel = try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("R3"), headers: [HTTPField.Name("Idempotency-Key")!: "order-77-return"])
            #expect(otherParcel.status == 409)
            #expect(otherParcel.object["field"] as? String == "Idempotency-Key")

            // Sent with a key, retried without one: still the same parcel.
            let headerFirst = try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("R5"), headers: [HTTPField.Name("Idempotency-Key")!: "k-5"])
            #expect(headerFirst.status == 201)
            let retried = try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("R5"))
            #expect(retried.status == 200)

            let fetched = try await client.send(.get, "/v1/returns/R1", key: Keys.read)
            #expect(fetched.status == 200)
            #expect(fetched.object["status"] as? String == "in_batch")
            let missing = try await client.send(.get, "/v1/returns/nope", key: Keys.read)
            #expect(missing.status == 404)
        }
        try await Invariants.check(harness.service.store)
        await harness.close()
    }

    /// Keys and ids are two namespaces: a parcel whose id another parcel used as its `Idempotency-Key` is a
    /// new parcel, whether it fits the open batch (one insert) or must close it first (looked up, then
    /// inserted).
    @Test(arguments: StoreKind.available) func aKeyNeverShadowsAnID(kind: StoreKind) async throws {
        let harness = try await ServiceHarness.make(kind)
        try await harness.application().test(.router) { client in
            let key = HTTPField.Name("Idempotency-Key")!
            // The open batch has room.
            let y = try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("Y"), headers: [key: "X"])
            #expect(y.status == 201)
            let x = try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("X"))
            #expect(x.status == 201, "\(x.text)")
            #expect(x.object["batch"] as? String == "truck-1")
            // Fill truck-1 to 79.8 of its 80 kg, the last one keyed "X2": parcel X2 must close it.
            for i in 0..<52 {
                let filler = try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("F\(i)", weight: 1.5))
                #expect(filler.status == 201)
            }
            let y2 = try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("Y2", weight: 0.8), headers: [key: "X2"])
            #expect(y2.object["batch"] as? String == "truck-1")
            let x2 = try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("X2"))
            #expect(x2.status == 201, "\(x2.text)")
            #expect(x2.object["batch"] as? String == "truck-2")
            // Each replays under its own name.
            #expect(try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("X2")).status == 200)
            #expect(try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("Y2", weight: 0.8), headers: [key: "X2"]).status == 200)
            // A key names one parcel: used for another, a conflict, however full the batch.
            let reused = try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("Z"), headers: [key: "X2"])
            #expect(reused.status == 409)
            #expect(reused.object["field"] as? String == "Idempotency-Key")
        }
        try await Invariants.check(harness.service.store)
        await harness.close()
    }

    /// Ids and order ids that a spreadsheet would run as formulas are written as text in the manifest CSV;
    /// the JSON manifest keeps them as sent.
    @Test func manifestCSVCellsAreNeverFormulas() async throws {
        let harness = try await ServiceHarness.make()
        try await harness.application().test(.router) { client in
            let formulas = ["=HYPERLINK(\\\"http://evil.example\\\",\\\"x\\\")", "+1+1", "-2+3", "@SUM(A1)"]
            for (i, formula) in formulas.enumerated() {
                let body = ServiceNetwork.parcel(formula, extra: ",\"orderId\":\"\(formula)\"")
                let posted = try await client.send(.post, "/v1/returns", body: body)
                #expect(posted.status == 201, "\(i): \(posted.text)")
            }
            let csv = try await client.send(.get, "/v1/batches/truck-1/manifest", key: Keys.read, headers: [.accept: "text/csv"])
            let rows = csv.text.split(separator: "\n").dropFirst().dropLast().map(String.init)
            #expect(rows.count == 4)
            for row in rows {
                #expect(row.hasPrefix("'") || row.hasPrefix("\"'"), "\(row)")
                #expect(!row.contains(",=") && !row.contains(",+") && !row.contains(",@") && !row.contains(",-2"), "\(row)")
            }
            #expect(rows.contains { $0.hasPrefix("'+1+1,'+1+1,apparel,") }, "\(rows)")
            let json = try await client.send(.get, "/v1/batches/truck-1/manifest", key: Keys.read)
            let ids = (json.object["parcels"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
            #expect(ids?.contains("@SUM(A1)") == true)
        }
        await harness.close()
    }

    /// A posted plan is held to the scenario's rules like a planned one; a broken one is refused and the
    /// plan in service stays.
    @Test func postedPlansAreHeldToTheScenario() async throws {
        let harness = try await ServiceHarness.make()
        try await harness.application().test(.router) { client in
            let good = ServiceNetwork.model.plan
            let truck = try #require(good.lanes.firstIndex { $0.id == "truck" })
            var negative = good, zero = good, noLanes = good, ghost = good, noDispatch = good
            negative.lanes[truck].capacityKg = -5
            zero.lanes[truck].capacityParcels = 0
            noLanes.lanes = []
            ghost.lanes[truck].id = "ghost"
            noDispatch.lanes[truck].dispatches = 0
            let cases: [(String, Plan, String)] = [
                ("negative capacity", negative, "capacityKg -5.0 is not the scenario's 80.0"),
                ("zero capacity", zero, "capacityParcels 0.0 is not the scenario's 100.0"),
                ("no lanes", noLanes, "lane truck carries"),
                ("unknown lane", ghost, "not in the scenario: lane ghost"),
                ("no dispatch", noDispatch, "lane truck carries"),
            ]
            for (name, plan, says) in cases {
                let reply = try await client.send(.post, "/v1/plan", body: String(decoding: try JSONEncoder().encode(plan), as: UTF8.self))
                #expect(reply.status == 422, "\(name): \(reply.text)")
                #expect(reply.object["field"] as? String == "plan")
                #expect((reply.object["detail"] as? String)?.contains(says) == true, "\(name): \(reply.text)")
            }
            #expect(try await client.send(.get, "/v1/plan", key: Keys.read).object["source"] as? String == "test", "the plan in service stays")
            let accepted = try await client.send(.post, "/v1/plan", body: String(decoding: try JSONEncoder().encode(good), as: UTF8.self))
            #expect(accepted.status == 200)
        }
        await harness.close()
    }

    /// Dates stay within `settings.plausibleYears` (2000 to 2100 by default), so the latest request's ETA is still a `YYYY-MM-DD`
    /// the schema accepts; an export on the request day is fine, a day later is not.
    @Test func theLatestPlausibleDateHasAnETAInTheSchema() async throws {
        let harness = try await ServiceHarness.make()
        try await harness.application().test(.router) { client in
            let last = try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("D1", requested: "2100-12-31", delivered: "2100-12-20", extra: ",\"exportedOn\":\"2100-12-31\""))
            #expect(last.status == 201, "\(last.text)")
            let decision = try #require(last.object["decision"] as? [String: Any])
            // Requested on the last day, three days on the way (to-hub 1 + truck 2).
            #expect(decision["eta"] as? String == "2101-01-03")
            let late = try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("D2", requested: "2100-12-31", delivered: "2100-12-20", extra: ",\"exportedOn\":\"2101-01-01\""))
            #expect(late.status == 422)
            #expect(late.object["field"] as? String == "exportedOn")
            #expect((late.object["detail"] as? String)?.contains("2000 to 2100") == true, "\(late.text)")
        }
        await harness.close()
    }

    @Test(arguments: StoreKind.available) func postcodeAddressesAndRefusalsAreRecorded(kind: StoreKind) async throws {
        let harness = try await ServiceHarness.make(kind)
        try await harness.application().test(.router) { client in
            let byPostcode = "{\"id\":\"P1\",\"country\":\"DE\",\"postcode\":\"10115\",\"category\":\"apparel\",\"weightKg\":0.5,\"value\":117.65,\"currency\":\"EUR\",\"condition\":\"new\",\"deliveredOn\":\"2026-11-10\",\"requestedOn\":\"2026-11-18\",\"freeReturns\":true}"
            let routed = try await client.send(.post, "/v1/returns", body: byPostcode)
            #expect(routed.status == 201)
            #expect((routed.object["decision"] as? [String: Any])?["zone"] as? String == "Z")
            // Past the 30-day window: refused with its reason, recorded, in no batch.
            let late = try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("L1", requested: "2026-12-20", delivered: "2026-11-01"))
            #expect(late.status == 201)
            #expect(late.object["status"] as? String == "refused")
            #expect(late.object["batch"] is NSNull)
            #expect((late.object["decision"] as? [String: Any])?["reason"] as? String == "window_expired")
        }
        await harness.close()
    }

    @Test(arguments: StoreKind.available) func batchesCloseOnParcelCapacity(kind: StoreKind) async throws {
        let harness = try await ServiceHarness.make(kind)
        try await harness.application().test(.router) { client in
            for i in 1...101 {
                let reply = try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("C\(i)", weight: 0.1), validate: i == 101)
                #expect(reply.status == 201)
            }
            let list = try await client.send(.get, "/v1/batches?lane=truck", key: Keys.read)
            let batches = try #require(list.object["batches"] as? [[String: Any]])
            #expect(batches.map { $0["id"] as? String } == ["truck-1", "truck-2"])
            #expect(batches.map { $0["parcels"] as? Int } == [100, 1])
            #expect(batches.map { $0["status"] as? String } == ["closed", "open"])
            #expect(batches.first?["closeReason"] as? String == "capacity_parcels")
            let open = try await client.send(.get, "/v1/batches?status=open&hub=H", key: Keys.read)
            #expect((open.object["batches"] as? [[String: Any]])?.count == 1)
            let none = try await client.send(.get, "/v1/batches?hub=Z", key: Keys.read)
            #expect((none.object["batches"] as? [[String: Any]])?.isEmpty == true)
        }
        try await Invariants.check(harness.service.store)
        await harness.close()
    }

    @Test(arguments: StoreKind.available) func batchesCloseOnWeightAndCutOff(kind: StoreKind) async throws {
        let harness = try await ServiceHarness.make(kind)
        try await harness.application().test(.router) { client in
            // 1 kg each against 80 kg (and 100 parcels): the 81st closes the first batch.
            for i in 1...81 { try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("W\(i)", weight: 1), validate: i == 81) }
            let afterWeight = try await client.send(.get, "/v1/batches", key: Keys.read)
            let batches = try #require(afterWeight.object["batches"] as? [[String: Any]])
            #expect(batches.map { $0["parcels"] as? Int } == [80, 1])
            #expect(batches.first?["closeReason"] as? String == "capacity_kg")
            #expect(batches.first?["weightKg"] as? Double == 80)
            // Dear on the truck at its planned cost per kg, a 30 kg parcel still goes the way the plan sends its
            // commodity (PlanFollower): into the open batch.
            let heavy = try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("W-heavy", weight: 30))
            #expect(heavy.object["status"] as? String == "in_batch")
            #expect(heavy.object["batch"] as? String == "truck-2")

            // Two dispatches a week: the cut-off is 3.5 days after opening.
            #expect(batches.last?["cutoffAt"] as? String == "2026-11-21T23:06:40.000Z")
            harness.clock.advance(days: 3.4)
            try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("T1", weight: 1))
            let before = try await client.send(.get, "/v1/batches/truck-2", key: Keys.read)
            #expect(before.object["status"] as? String == "open")
            #expect(before.object["parcels"] as? Int == 3)
            harness.clock.advance(days: 0.2)
            // Listing closes batches past their cut-off.
            let swept = try await client.send(.get, "/v1/batches/truck-2", key: Keys.read)
            #expect(swept.object["status"] as? String == "closed")
            #expect(swept.object["closeReason"] as? String == "cutoff")
            try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("T2", weight: 1))
            let next = try await client.send(.get, "/v1/returns/T2", key: Keys.read)
            #expect(next.object["batch"] as? String == "truck-3")
        }
        try await Invariants.check(harness.service.store)
        await harness.close()
    }

    @Test(arguments: StoreKind.available) func dispatchFreezesTheManifest(kind: StoreKind) async throws {
        let harness = try await ServiceHarness.make(kind)
        try await harness.application().test(.router) { client in
            // Exported 10 days before dispatch, unchanged: relief. Damaged: duty 12 % of £100.
            // Exported 400 days ago (past the 365-day relief window): duty on its value (€100 = £85).
            try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("M1", extra: ",\"orderId\":\"O-1\""))
            try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("M2", condition: "damaged"))
            try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("M3", value: 100, currency: "EUR", category: "shoes", extra: ",\"exportedOn\":\"2025-10-14\""))
            let m2 = try await client.send(.get, "/v1/returns/M2", key: Keys.read)
            #expect(m2.object["batch"] as? String == "truck-1", "a damaged parcel still travels on the truck")

            let live = try await client.send(.get, "/v1/batches/truck-1/manifest", key: Keys.read)
            #expect(live.object["frozen"] as? Bool == false)

            let forbidden = try await client.send(.post, "/v1/batches/truck-1/dispatch", key: Keys.read)
            #expect(forbidden.status == 403)

            let dispatched = try await client.send(.post, "/v1/batches/truck-1/dispatch")
            #expect(dispatched.status == 200)
            let manifest = try #require(dispatched.object["manifest"] as? [String: Any])
            #expect(manifest["frozen"] as? Bool == true)
            #expect((manifest["border"] as? [String: Any])?["territory"] as? String == "GB")
            let lines = try #require(manifest["parcels"] as? [[String: Any]])
            #expect(lines.map { $0["id"] as? String } == ["M1", "M2", "M3"])
            #expect(lines.map { $0["reliefClaimed"] as? Bool } == [true, false, false])
            #expect(lines[0]["orderId"] as? String == "O-1")
            #expect(lines[0]["daysSinceExport"] as? Int == 8)
            #expect(lines[0]["originCountry"] as? String == "DE")
            #expect(abs((lines[1]["dutyDue"] as? Double ?? 0) - 12) < 1e-9)
            #expect(lines[2]["daysSinceExport"] as? Int == 400)
            #expect(abs((lines[2]["value"] as? Double ?? 0) - 85) < 1e-9)
            #expect(abs((lines[2]["dutyDue"] as? Double ?? 0) - 85 * 0.08) < 1e-9)
            let totals = try #require(manifest["totals"] as? [String: Any])
            #expect(totals["parcels"] as? Int == 3)
            #expect(totals["reliefParcels"] as? Int == 1)
            #expect(abs((totals["dutyDue"] as? Double ?? 0) - 18.8) < 1e-9)

            // Later returns open a new batch; the dispatched one never changes.
            try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("M4"))
            harness.clock.advance(days: 1)
            let again = try await client.send(.post, "/v1/batches/truck-1/dispatch")
            #expect(again.text == dispatched.text, "dispatching twice returns the frozen batch and manifest")
            let stored = try await client.send(.get, "/v1/batches/truck-1/manifest", key: Keys.read)
            let storedObject = try #require(stored.json as? NSDictionary)
            #expect(storedObject == (manifest as NSDictionary))
            let csv = try await client.send(.get, "/v1/batches/truck-1/manifest", key: Keys.read, headers: [.accept: "text/csv"])
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let rows = csv.text.split(separator: "\n")
            #expect(rows.count == 5)
            #expect(rows[0].hasPrefix("id,orderId,category"))
            #expect(rows[1].hasPrefix("M1,O-1,apparel,new,0.5000,100.0000,GBP"))
            #expect(rows[4].hasPrefix("TOTAL,"))
            #expect(rows[4].hasSuffix(",1,18.8000"))
            let r1 = try await client.send(.get, "/v1/returns/M1", key: Keys.read)
            #expect(r1.object["status"] as? String == "dispatched")
            let r4 = try await client.send(.get, "/v1/returns/M4", key: Keys.read)
            #expect(r4.object["batch"] as? String == "truck-2")
            let missing = try await client.send(.post, "/v1/batches/nope/dispatch")
            #expect(missing.status == 404)
        }
        try await Invariants.check(harness.service.store)
        await harness.close()
    }

    @Test(arguments: StoreKind.available) func demandRoundTripsIntoAScenario(kind: StoreKind) async throws {
        let harness = try await ServiceHarness.make(kind)
        try await harness.application().test(.router) { client in
            // 14 days of returns: 6 apparel (one damaged) and 2 shoes; a refusal does not count.
            for i in 1...6 { try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("A\(i)", weight: Double(i), value: 50, condition: i == 1 ? "damaged" : "new", requested: i <= 3 ? "2026-11-05" : "2026-11-18", delivered: "2026-11-01")) }
            for i in 1...2 { try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("S\(i)", category: "shoes", requested: "2026-11-10", delivered: "2026-11-01")) }
            try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("X1", requested: "2026-11-10", delivered: "2026-10-01"))
            let demand = try await client.send(.get, "/v1/demand?from=2026-11-05&to=2026-11-18", key: Keys.read)
            #expect(demand.status == 200)
            #expect(demand.text == """
                zone,category,parcels,meanWeightKg,meanValue,newShare,openedShare,damagedShare
                Z,apparel,3,3.5,50 GBP,0.833,0,0.167
                Z,shoes,1,0.5,100 GBP,1,0,0

                """)
            // The table loads as a scenario's demand.
            let directory = try TestDatabase.temporaryDirectory()
            try demand.text.write(to: directory.appendingPathComponent("demand.csv"), atomically: true, encoding: .utf8)
            let yaml = ServiceNetwork.yaml.replacingOccurrences(of: #"demand:\n(  - .*\n?)+"#, with: "demand: {csv: demand.csv}\n", options: .regularExpression)
            let scenario = try ScenarioLoader.parse(yaml, file: directory.appendingPathComponent("next.yaml").path, baseDirectory: directory.path)
            #expect(scenario.demand.map(\.parcels) == [3, 1])
            #expect(scenario.demand.first.map { abs($0.resellableShare - 0.833) < 1e-12 && abs($0.conditions.damaged - 0.167) < 1e-12 } == true)
            let bad = try await client.send(.get, "/v1/demand?from=2026-11-31", key: Keys.read)
            #expect(bad.status == 400)
            #expect(bad.object["field"] as? String == "from")

            let metrics = try await client.send(.get, "/v1/metrics/returns", key: Keys.read)
            #expect(metrics.object["total"] as? Int == 9)
            #expect(((metrics.object["byDecision"] as? [String: Any])?["refused"] as? [String: Any])?["count"] as? Int == 1)
            #expect(((metrics.object["byReason"] as? [String: Any])?["window_expired"] as? [String: Any])?["count"] as? Int == 1)
            #expect(((metrics.object["byCategory"] as? [String: Any])?["shoes"] as? [String: Any])?["routed"] as? Int == 2)
            #expect(((metrics.object["byCondition"] as? [String: Any])?["damaged"] as? [String: Any])?["count"] as? Int == 1)
            let window = try await client.send(.get, "/v1/metrics/returns?from=2026-11-18&to=2026-11-18", key: Keys.read)
            #expect(window.object["total"] as? Int == 3)
        }
        await harness.close()
    }

    @Test func healthOpenAPIMetricsAndPlans() async throws {
        let harness = try await ServiceHarness.make()
        try await harness.application().test(.router) { client in
            let health = try await client.send(.get, "/health", key: Keys.read)
            #expect(health.status == 200)
            #expect((health.object["plan"] as? [String: Any])?["openHubs"] as? [String] == ["H"])
            let document = try await client.send(.get, "/openapi.yaml", key: nil)
            #expect(document.status == 200)
            #expect(document.text.hasPrefix("openapi: 3.1"))
            try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("Q1"))
            let metrics = try await client.send(.get, "/metrics", key: Keys.read)
            #expect(metrics.text.contains("boomerang_http_requests_total{method=\"POST\",route=\"/v1/returns\",status=\"201\"} 1"))
            #expect(metrics.text.contains("boomerang_http_request_duration_seconds_bucket{route=\"/v1/returns\""))

            // A posted plan replaces the running one: here, the plan with the hub kept closed.
            var options = PlanOptions()
            options.openHubs = []
            let plan = try Planner.plan(try ServiceNetwork.scenario(), options: options)
            let before = try await client.send(.get, "/v1/plan", key: Keys.read)
            #expect(before.object["batchLanes"] as? Int == 1)
            let data = try JSONEncoder().encode(plan)
            let posted = try await client.send(.post, "/v1/plan", body: String(decoding: data, as: UTF8.self))
            #expect(posted.status == 200)
            #expect(posted.object["source"] as? String == "POST /v1/plan")
            #expect(posted.object["batchLanes"] as? Int == 0)
            let reloaded = try await client.send(.post, "/v1/plan", body: "")
            #expect(reloaded.object["batchLanes"] as? Int == 1)
            let garbage = try await client.send(.post, "/v1/plan", body: "{\"hubs\":1}")
            #expect(garbage.status == 422)
            #expect(garbage.object["field"] as? String == "plan")
        }
        await harness.close()
    }

    @Test func keysAreRequiredAndScoped() async throws {
        let harness = try await ServiceHarness.make()
        try await harness.application().test(.router) { client in
            let none = try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("K1"), key: nil)
            #expect(none.status == 401)
            #expect(none.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            #expect(none.object["field"] as? String == "Authorization")
            let wrong = try await client.send(.get, "/v1/batches", key: "bk_not_a_key")
            #expect(wrong.status == 401)
            let readOnly = try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("K1"), key: Keys.read)
            #expect(readOnly.status == 403)
            let reading = try await client.send(.get, "/v1/batches", key: Keys.read)
            #expect(reading.status == 200)
            let reloadByReader = try await client.send(.post, "/v1/plan", body: "", key: Keys.read)
            #expect(reloadByReader.status == 403)
        }
        // Key files are checked line by line, and hold only hashes.
        #expect(throws: ServiceError.self) { try APIKeys.parse("portal write bk_plaintext_key", source: "keys.txt") }
        do {
            _ = try APIKeys.parse("# ok\nportal write \(APIKeys.hash("x"))\nbad admin \(APIKeys.hash("y"))", source: "keys.txt")
            Issue.record("an unknown scope was accepted")
        } catch {
            #expect("\(error)".hasPrefix("keys.txt:3: error: scope 'admin'"))
        }
        let generated = APIKeys.generate()
        let keys = try APIKeys.parse("ops write \(APIKeys.hash(generated))", source: "env")
        #expect(keys.identify(token: generated)?.name == "ops")
        #expect(keys.identify(token: generated + "x") == nil)
        await harness.close()
    }

    /// A new plan that changes a lane's capacity: the open batch keeps the capacity it was opened with.
    @Test(arguments: StoreKind.available) func openBatchesKeepTheirCapacityAcrossPlans(kind: StoreKind) async throws {
        let harness = try await ServiceHarness.make(kind)
        try await harness.application().test(.router) { client in
            for i in 1...60 { try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("A\(i)", weight: 0.1), validate: false) }
            // Capacities are the scenario's: a new scenario gives the truck room for 250 parcels.
            let wider = try ScenarioLoader.parse(ServiceNetwork.yaml.replacingOccurrences(of: "capacityParcels: 100, capacityKg: 80", with: "capacityParcels: 250"), file: "wider.yaml")
            harness.service.install(try ServiceModel(scenario: wider, plan: try Planner.plan(wider), source: "test"))
            for i in 61...160 {
                let reply = try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("A\(i)", weight: 0.1), validate: false)
                #expect(reply.status == 201)
            }
            let batches = try await harness.service.store.batches(BatchFilter())
            #expect(batches.map(\.parcels) == [100, 60])
            #expect(batches.map(\.capacityParcels) == [100, 250])
        }
        try await Invariants.check(harness.service.store)
        await harness.close()
    }

    @Test(arguments: StoreKind.available) func concurrentReturnsKeepTheInvariants(kind: StoreKind) async throws {
        let harness = try await ServiceHarness.make(kind)
        // 600 parcels from 12 concurrent clients, a quarter of them sent twice: six full batches of 100, five
        // closed on capacity and the last still open; each parcel is recorded once.
        try await withThrowingTaskGroup(of: [Bool].self) { group in
            for worker in 0..<12 {
                group.addTask {
                    var created: [Bool] = []
                    for i in stride(from: worker, to: 600, by: 12) {
                        let body = Data(ServiceNetwork.parcel("N\(i)", weight: 0.2).utf8)
                        created.append(try await harness.service.submit(body: body, idempotencyKey: nil).created)
                        if i % 4 == 0 { created.append(try await harness.service.submit(body: body, idempotencyKey: nil).created) }
                    }
                    return created
                }
            }
            var createdCount = 0, replayed = 0
            for try await results in group {
                createdCount += results.filter { $0 }.count
                replayed += results.filter { !$0 }.count
            }
            #expect(createdCount == 600)
            #expect(replayed == 150)
        }
        let batches = try await harness.service.store.batches(BatchFilter())
        #expect(batches.map(\.parcels) == [100, 100, 100, 100, 100, 100])
        #expect(batches.map(\.status) == [.closed, .closed, .closed, .closed, .closed, .open])
        try await Invariants.check(harness.service.store)
        await harness.close()
    }
}
