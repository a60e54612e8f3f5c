import Foundation
import HummingbirdTesting
import ReturnsService
import Testing

/// The inputs in Fuzz/regressions/service-request/ once crashed or hung the service's request decoding
/// (Scripts/fuzz.sh found or checked them); each must now be a 4xx problem that names what is wrong, and the
/// service must go on answering.
@Suite struct FuzzRegressionTests {
    struct Expected: Sendable {
        var status: Int
        var field: String?
        var detail: String
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/regressions/service-request")

    /// What each input must be answered with.
    static let expected: [String: Expected] = [
        // 7,000 nested arrays under one key: the duplicate-key scan recursed once per level and overflowed the stack.
        "deep-arrays-in-a-field.json": Expected(status: 400, field: "extra", detail: "extra: arrays and objects are nested more than 512 deep"),
        "deep-arrays.json": Expected(status: 400, field: nil, detail: "arrays and objects are nested more than 512 deep"),
        "deep-objects.json": Expected(status: 400, field: "a", detail: "a: arrays and objects are nested more than 512 deep"),
    ]

    @Test func everyInputHasItsExpectation() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(files == Self.expected.keys.sorted())
    }

    @Test(arguments: expected.keys.sorted()) func answersWithAProblem(_ file: String) async throws {
        let body = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
        let expected = try #require(Self.expected[file])
        let harness = try await ServiceHarness.make()
        try await harness.application().test(.router) { client in
            let reply = try await client.send(.post, "/v1/returns", body: body)
            #expect(reply.status == expected.status, "\(reply.text)")
            #expect(reply.headers[.contentType] == "application/problem+json")
            #expect(reply.object["type"] as? String == "urn:boomerang:problem:malformed-json")
            #expect(reply.object["field"] as? String == expected.field)
            #expect((reply.object["detail"] as? String)?.hasPrefix(expected.detail) == true, "\(reply.text)")
            // Still answering.
            let health = try await client.send(.get, "/health", key: nil)
            #expect(health.status == 200)
        }
        #expect(try await harness.service.store.returns(requestedFrom: nil, to: nil).isEmpty, "nothing was recorded")
        await harness.close()
    }
}
