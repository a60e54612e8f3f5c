import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Planning
import ReturnsNetwork
import ReturnsService
import Testing
import Yams

/// What HTTP itself promises: a minimal `/health` for strangers, `405` with `Allow`, `HEAD` where `GET` is,
/// query values checked; and the README's example, run as written.
@Suite struct HTTPSemanticsTests {
    @Test func healthShowsThePlanOnlyToAKeyHolder() async throws {
        let harness = try await ServiceHarness.make()
        try await harness.application().test(.router) { client in
            let open = try await client.send(.get, "/health", key: nil)
            #expect(open.status == 200)
            #expect(open.text == "{\"status\":\"ok\"}")
            let wrongKey = try await client.send(.get, "/health", key: "bk_not_a_key")
            #expect(wrongKey.text == "{\"status\":\"ok\"}")
            let keyed = try await client.send(.get, "/health", key: Keys.read)
            #expect((keyed.object["plan"] as? [String: Any])?["openHubs"] as? [String] == ["H"])
        }
        await harness.close()
    }

    @Test func aWrongMethodIs405WithAllowAndHEADAnswersWhereGETDoes() async throws {
        let harness = try await ServiceHarness.make()
        try await harness.application().test(.router) { client in
            let cases: [(HTTPRequest.Method, String, String)] = [
                (.delete, "/v1/returns", "POST"), (.get, "/v1/returns", "POST"), (.put, "/v1/plan", "GET, POST, HEAD"),
                (.post, "/health", "GET, HEAD"), (.delete, "/v1/batches/truck-1", "GET, HEAD"), (.get, "/v1/batches/truck-1/dispatch", "POST"),
            ]
            for (method, path, allow) in cases {
                let reply = try await client.send(method, path, key: Keys.write, validate: false)
                #expect(reply.status == 405, "\(method) \(path): \(reply.text)")
                #expect(reply.headers[HTTPField.Name("Allow")!] == allow, "\(method) \(path)")
                #expect(reply.object["type"] as? String == "urn:boomerang:problem:method-not-allowed")
            }
            #expect(try await client.send(.delete, "/v2/nothing", validate: false).status == 404)
            for path in ["/health", "/openapi.yaml", "/v1/plan", "/v1/batches"] {
                let head = try await client.send(.head, path, key: Keys.read, validate: false)
                #expect(head.status == 200, "HEAD \(path)")
                #expect(head.text.isEmpty, "HEAD \(path) has no body")
            }
        }
        await harness.close()
    }

    @Test func anUnknownFormatIs400NamingTheAllowedValues() async throws {
        let harness = try await ServiceHarness.make()
        try await harness.application().test(.router) { client in
            try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("F1"))
            let bad = try await client.send(.get, "/v1/batches/truck-1/manifest?format=AAA", key: Keys.read)
            #expect(bad.status == 400)
            #expect(bad.object["field"] as? String == "format")
            #expect((bad.object["detail"] as? String)?.contains("csv, json") == true, "\(bad.text)")
            let json = try await client.send(.get, "/v1/batches/truck-1/manifest?format=json", key: Keys.read, headers: [.accept: "text/csv"])
            #expect(json.headers[.contentType] == "application/json")
            let csv = try await client.send(.get, "/v1/batches/truck-1/manifest?format=csv", key: Keys.read)
            #expect(csv.text.hasPrefix("id,orderId"))
        }
        await harness.close()
    }

    /// The endpoints the router knows for `405` and `Allow` are the OpenAPI document's paths and methods.
    @Test func theMethodTableIsTheDocuments() throws {
        let document = try #require(try Yams.load(yaml: ReturnsAPI.openAPIDocument) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: Any])
        for (path, item) in paths {
            let documented = Set((item as? [String: Any] ?? [:]).keys.filter { ["get", "post", "put", "delete", "patch"].contains($0) }.map { $0.uppercased() })
            let concrete = path.replacingOccurrences(of: "{id}", with: "x")
            let served = Set((ReturnsAPI.methods(at: concrete) ?? []).map(\.rawValue).filter { $0 != "HEAD" })
            #expect(served == documented, "\(path)")
        }
    }

    /// The README's curl body, posted to the example scenario it serves, is recorded.
    @Test func theREADMEExamplePostsAsWritten() async throws {
        let readme = try String(contentsOf: ServerProcess.root.appendingPathComponent("README.md"), encoding: .utf8)
        let range = try #require(readme.range(of: #"-d '(\{[^']*\})'"#, options: .regularExpression))
        let body = String(readme[range].dropFirst(4).dropLast())
        #expect(readme.contains("serve --scenario Scenarios/eu-uk-returns.yaml"))
        let scenario = try ScenarioLoader.load(path: ServerProcess.root.appendingPathComponent("Scenarios/eu-uk-returns.yaml").path)
        let model = try ServiceModel(scenario: scenario, plan: try Planner.plan(scenario), source: "README")
        let store = try await TestDatabase.store(.sqlite)
        let service = ReturnsService(model: model, store: store)
        try await Application(router: ReturnsAPI(service: service, keys: Keys.all).router()).test(.router) { client in
            let reply = try await client.send(.post, "/v1/returns", body: body)
            #expect(reply.status == 201, "\(reply.text)")
            #expect((reply.object["decision"] as? [String: Any])?["decision"] as? String == "route", "\(reply.text)")
        }
        await store.shutdown()
    }
}
