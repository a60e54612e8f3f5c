import Foundation
import HummingbirdTesting
import Logging
import ReturnsService
import Testing

/// What a broken client sends over a real socket: each is the client's problem (400, or the connection
/// closed), never logged as a failure of the service nor counted as a 500.
@Suite struct ClientFramingTests {
    /// Sends `request` on a raw connection to a live service, lets `read` take the server's answer, then
    /// checks the service neither logged nor counted a failure of its own.
    static func send(_ request: String, cutOff: Bool = false, read: @escaping @Sendable (RawConnection) async -> Void) async throws {
        let logs = LogCapture()
        let harness = try await ServiceHarness.make(keys: nil, logger: logs.logger)
        try await harness.application().test(.live) { client in
            let connection = try RawConnection(port: try #require(client.port))
            connection.send(request)
            if cutOff {
                try await Task.sleep(for: .milliseconds(100))
                connection.shutdownWrite()
            }
            await read(connection)
            // The handler learns of a cut asynchronously; give it a moment before reading the counters.
            try await Task.sleep(for: .milliseconds(200))
            let metrics = try await client.send(.get, "/metrics", key: Keys.read)
            #expect(!metrics.text.contains("status=\"500\""), "\(metrics.text)")
            #expect(metrics.text.contains("method=\"POST\",route=\"/v1/returns\",status=\"400\""), "the broken upload is counted as a 400: \(metrics.text)")
            #expect(logs.errors.isEmpty, "\(logs.errors)")
            #expect(try await harness.service.store.returns(requestedFrom: nil, to: nil).isEmpty)
        }
        await harness.close()
    }

    @Test func aMalformedChunkedBodyIsA400() async throws {
        try await Self.send("POST /v1/returns HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ-not-a-size\r\n{\"id\":\"C1\"}\r\n0\r\n\r\n") { connection in
            let reply = await connection.response(within: 60)
            #expect(reply.text.hasPrefix("HTTP/1.1 400"), "\(reply.text)")
            #expect(!reply.text.contains("internal"))
        }
    }

    @Test func anUploadCutOffIsNotAServerError() async throws {
        try await Self.send("POST /v1/returns HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"id\":\"C2\",\"zone\":", cutOff: true) { connection in
            let reply = await connection.read(for: 60)
            #expect(reply.closed, "the server closes the connection")
            #expect(reply.text.isEmpty || reply.text.hasPrefix("HTTP/1.1 400"), "\(reply.text)")
        }
    }
}
