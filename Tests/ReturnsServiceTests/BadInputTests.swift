import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ReturnsService
import Testing

/// Malformed requests: each gets its status and an RFC 9457 problem naming the field; none is a 500, and
/// none records anything.
@Suite struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var method: HTTPRequest.Method = .post
        var uri: String = "/v1/returns"
        var body: String?
        var headers: [String: String] = [:]
        var status: Int
        var field: String?
        var testDescription: String { name }
    }

    static func with(_ key: String, _ value: String) -> String {
        var object = try! JSONSerialization.jsonObject(with: Data(ServiceNetwork.parcel("B1").utf8)) as! [String: Any]
        object[key] = value == "<remove>" ? nil : (try? JSONSerialization.jsonObject(with: Data(value.utf8), options: .fragmentsAllowed)) ?? value
        return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    static let cases: [Case] = [
        Case(name: "not JSON", body: "{\"id\": ", status: 400),
        Case(name: "empty body", body: "", status: 400),
        Case(name: "a JSON array", body: "[1,2]", status: 400),
        Case(name: "a JSON string", body: "\"parcel\"", status: 400),
        Case(name: "null", body: "null", status: 400),
        Case(name: "a parcel field twice", body: ServiceNetwork.parcel("B4").replacingOccurrences(of: "{", with: "{\"weightKg\":90,", options: .anchored), status: 400, field: "weightKg"),
        Case(name: "an escaped key twice", body: ServiceNetwork.parcel("B5").replacingOccurrences(of: "{", with: "{\"i\\u0064\":\"B6\",", options: .anchored), status: 400, field: "id"),
        Case(name: "missing id", body: with("id", "<remove>"), status: 422, field: "id"),
        Case(name: "empty id", body: with("id", "\"\""), status: 422, field: "id"),
        Case(name: "id too long", body: with("id", "\"\(String(repeating: "x", count: 201))\""), status: 422, field: "id"),
        Case(name: "id a number", body: with("id", "12"), status: 422, field: "id"),
        Case(name: "unknown zone", body: with("zone", "\"atlantis\""), status: 422, field: "zone"),
        Case(name: "no zone nor postcode", body: with("zone", "<remove>"), status: 422, field: "zone"),
        Case(name: "unmatched postcode", body: with("zone", "<remove>").replacingOccurrences(of: "{", with: "{\"country\":\"DE\",\"postcode\":\"99999\",", options: .anchored), status: 422, field: "postcode"),
        Case(name: "unknown category", body: with("category", "\"spaceships\""), status: 422, field: "category"),
        Case(name: "missing category", body: with("category", "<remove>"), status: 422, field: "category"),
        Case(name: "negative weight", body: with("weightKg", "-1"), status: 422, field: "weightKg"),
        Case(name: "zero weight", body: with("weightKg", "0"), status: 422, field: "weightKg"),
        Case(name: "weight a string", body: with("weightKg", "\"heavy\""), status: 422, field: "weightKg"),
        Case(name: "weight null", body: with("weightKg", "null"), status: 422, field: "weightKg"),
        Case(name: "negative value", body: with("value", "-5"), status: 422, field: "value"),
        Case(name: "value beyond reason", body: with("value", "1e300"), status: 422, field: "value"),
        Case(name: "weight beyond a truck", body: with("weightKg", "1000000"), status: 422, field: "weightKg"),
        Case(name: "unknown currency", body: with("currency", "\"XXX\""), status: 422, field: "currency"),
        Case(name: "unknown condition", body: with("condition", "\"mint\""), status: 422, field: "condition"),
        Case(name: "bad delivery date", body: with("deliveredOn", "\"2026-02-30\""), status: 422, field: "deliveredOn"),
        Case(name: "request date not a date", body: with("requestedOn", "\"yesterday\""), status: 422, field: "requestedOn"),
        Case(name: "request before delivery", body: with("requestedOn", "\"2026-11-01\""), status: 422, field: "requestedOn"),
        Case(name: "bad export date", body: with("exportedOn", "\"2026/11/01\""), status: 422, field: "exportedOn"),
        Case(name: "delivered in year 0000", body: with("deliveredOn", "\"0000-01-01\""), status: 422, field: "deliveredOn"),
        Case(name: "requested in year 9999", body: with("requestedOn", "\"9999-12-31\""), status: 422, field: "requestedOn"),
        Case(name: "requested after 2100", body: with("requestedOn", "\"2101-01-01\""), status: 422, field: "requestedOn"),
        Case(name: "exported before 2000", body: with("exportedOn", "\"1999-12-31\""), status: 422, field: "exportedOn"),
        Case(name: "exported after the request", body: with("exportedOn", "\"2027-06-01\""), status: 422, field: "exportedOn"),
        Case(name: "id with a bidi override", body: with("id", "\"R1\\u202Egpj.exe\""), status: 422, field: "id"),
        Case(name: "id with a bidi isolate", body: with("id", "\"R1\\u2066x\""), status: 422, field: "id"),
        Case(name: "id with a tab", body: with("id", "\"R1\\tx\""), status: 422, field: "id"),
        Case(name: "id with DEL", body: with("id", "\"R1\\u007F\""), status: 422, field: "id"),
        Case(name: "order id with a C1 control", body: with("orderId", "\"O\\u009B31m\""), status: 422, field: "orderId"),
        Case(name: "order id with an escape", body: with("orderId", "\"O\\u001B[31m\""), status: 422, field: "orderId"),
        Case(name: "freeReturns not a boolean", body: with("freeReturns", "\"yes\""), status: 422, field: "freeReturns"),
        Case(name: "freeReturns a number", body: with("freeReturns", "1"), status: 422, field: "freeReturns"),
        Case(name: "body over the size limit", body: with("orderId", "\"\(String(repeating: "o", count: 20_000))\""), status: 413),
        Case(name: "not JSON content type", body: ServiceNetwork.parcel("B2"), headers: ["Content-Type": "text/plain"], status: 415, field: "Content-Type"),
        Case(name: "empty Idempotency-Key", body: ServiceNetwork.parcel("B3"), headers: ["Idempotency-Key": ""], status: 422, field: "Idempotency-Key"),
        Case(name: "unknown batch status", method: .get, uri: "/v1/batches?status=lost", status: 400, field: "status"),
        Case(name: "batch limit zero", method: .get, uri: "/v1/batches?limit=0", status: 400, field: "limit"),
        Case(name: "demand dates reversed", method: .get, uri: "/v1/demand?from=2026-11-10&to=2026-11-01", status: 400, field: "to"),
        Case(name: "metrics date malformed", method: .get, uri: "/v1/metrics/returns?to=tomorrow", status: 400, field: "to"),
        Case(name: "unknown return", method: .get, uri: "/v1/returns/none", status: 404),
        Case(name: "unknown batch manifest", method: .get, uri: "/v1/batches/none/manifest", status: 404),
        Case(name: "unknown route", method: .get, uri: "/v2/everything", status: 404),
        Case(name: "plan not a plan", uri: "/v1/plan", body: "[]", status: 422, field: "plan"),
    ]

    @Test(arguments: cases) func answersWithAProblem(_ test: Case) async throws {
        let harness = try await ServiceHarness.make()
        try await harness.application().test(.router) { client in
            var headers: HTTPFields = [:]
            for (name, value) in test.headers { headers[HTTPField.Name(name)!] = value }
            let key = test.method == .get ? Keys.read : Keys.write
            let reply = try await client.send(test.method, test.uri, body: test.body, key: key, headers: headers)
            #expect(reply.status == test.status, "\(reply.text)")
            #expect(reply.headers[.contentType] == "application/problem+json")
            let problem = reply.object
            #expect(problem["status"] as? Int == test.status)
            #expect((problem["type"] as? String)?.hasPrefix("urn:boomerang:problem:") == true)
            #expect((problem["detail"] as? String)?.isEmpty == false)
            #expect(problem["field"] as? String == test.field, "\(reply.text)")
            let detail = problem["detail"] as? String ?? ""
            #expect(!detail.contains("Dictionary") && !detail.contains("Swift.") && !detail.contains("<"), "no internal type names: \(detail)")
        }
        #expect(try await harness.service.store.returns(requestedFrom: nil, to: nil).isEmpty, "nothing was recorded")
        await harness.close()
    }

    @Test func thereAreAtLeastThirty() {
        #expect(Self.cases.count >= 30)
    }
}
