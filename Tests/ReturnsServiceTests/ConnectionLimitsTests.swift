import Foundation
import Hummingbird
import Logging
import ReturnsService
import Testing

/// `ConnectionLimits` over real sockets, with short limits: silent, half-sent and idle connections are closed
/// on time, and connections past the cap wait until one closes.
@Suite struct ConnectionLimitsTests {
    /// Serves the service-test API as `serve` does (`ReturnsServer.application`) on a free port.
    static func serving(_ limits: ConnectionLimits, _ test: @Sendable (Int) async throws -> Void) async throws {
        let harness = try await ServiceHarness.make(keys: nil)
        let (ports, announce) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "test")
        logger.logLevel = .critical // cancelling the server at the end logs its children's CancellationError
        let app = ReturnsServer.application(harness.api, host: "127.0.0.1", port: 0, limits: limits, logger: logger) { channel in
            announce.yield(channel.localAddress?.port ?? 0)
        }
        let server = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        do {
            try await test(port)
        } catch {
            server.cancel()
            throw error
        }
        server.cancel()
        _ = await server.result
        await harness.close()
    }

    static let health = "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"

    @Test func aSilentConnectionIsClosedAfterTheHeaderTimeout() async throws {
        try await Self.serving(ConnectionLimits(headerTimeout: .milliseconds(500))) { port in
            let start = ContinuousClock.now
            let connection = try RawConnection(port: port)
            let reply = await connection.read(for: 60)
            let waited = reply.at - start
            #expect(reply.closed && reply.text.isEmpty)
            #expect(waited >= .milliseconds(450) && waited < .seconds(30), "closed after \(waited)")
        }
    }

    @Test func aHalfSentHeadIsClosedAfterTheHeaderTimeout() async throws {
        try await Self.serving(ConnectionLimits(headerTimeout: .milliseconds(500))) { port in
            let connection = try RawConnection(port: port)
            connection.send("GET /health HTTP/1.1\r\nHost: loc")
            let reply = await connection.read(for: 60)
            #expect(reply.closed && reply.text.isEmpty)
        }
    }

    @Test func aStalledBodyIsClosedAfterTheBodyTimeout() async throws {
        try await Self.serving(ConnectionLimits(bodyTimeout: .milliseconds(500))) { port in
            let connection = try RawConnection(port: port)
            let start = ContinuousClock.now
            connection.send("POST /v1/returns HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 300\r\n\r\n{\"id\":")
            let reply = await connection.read(for: 60)
            let waited = reply.at - start
            #expect(reply.closed, "\(reply.text)")
            #expect(waited >= .milliseconds(450) && waited < .seconds(30), "closed after \(waited)")
        }
    }

    @Test func anIdleConnectionIsClosedAfterTheIdleTimeoutNotBefore() async throws {
        try await Self.serving(ConnectionLimits(headerTimeout: .milliseconds(300), idleTimeout: .milliseconds(1500))) { port in
            let connection = try RawConnection(port: port)
            // On one thread: the pause between the requests is 700 ms however busy the machine is.
            let (first, second, rest) = await RawConnection.onThread {
                connection.send(Self.health)
                let first = connection.blockingRead(for: 60, until: RawConnection.isCompleteResponse)
                // Kept alive past the header timeout: the idle timeout applies between requests.
                Thread.sleep(forTimeInterval: 0.7)
                connection.send(Self.health)
                let second = connection.blockingRead(for: 60, until: RawConnection.isCompleteResponse)
                return (first, second, connection.blockingRead(for: 60))
            }
            #expect(first.text.hasPrefix("HTTP/1.1 200"), "\(first.text)")
            #expect(second.text.hasPrefix("HTTP/1.1 200"), "\(second.text)")
            let waited = rest.at - second.at
            #expect(rest.closed && rest.text.isEmpty)
            #expect(waited >= .milliseconds(1400) && waited < .seconds(30), "closed \(waited) after the answer")
        }
    }

    @Test func connectionsPastTheCapWaitUntilOneCloses() async throws {
        try await Self.serving(ConnectionLimits(headerTimeout: .seconds(1), maxConnections: 2)) { port in
            let start = ContinuousClock.now
            let silent = try [RawConnection(port: port), RawConnection(port: port)]
            try await Task.sleep(for: .milliseconds(100))
            let third = try RawConnection(port: port)
            third.send(Self.health)
            let early = await third.response(within: 0.5)
            #expect(early.text.isEmpty, "the third connection is not served while two are open")
            let reply = await third.response(within: 60)
            let waited = reply.at - start
            #expect(reply.text.hasPrefix("HTTP/1.1 200"), "\(reply.text)")
            #expect(waited >= .milliseconds(950), "served after \(waited), once the silent ones were closed")
            for connection in silent {
                #expect(await connection.read(for: 30).closed)
            }
        }
    }
}
