import AsyncHTTPClient
import Foundation
import HummingbirdTesting
import NIOCore
import ReturnsService
import Testing

/// A `boomerang serve` process on a free loopback port.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    private let output = Pipe()

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binary: String? {
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(), root.appendingPathComponent(".build/debug")]
        if let executable = Bundle.main.executableURL { candidates.insert(executable.deletingLastPathComponent(), at: 0) }
        for folder in candidates {
            var url = folder
            for _ in 0..<4 {
                let binary = url.appendingPathComponent("boomerang").path
                if FileManager.default.isExecutableFile(atPath: binary) { return binary }
                url = url.deletingLastPathComponent()
            }
        }
        return nil
    }

    /// The scenario file the processes serve.
    static let scenarioPath: String = {
        let path = try! TestDatabase.temporaryDirectory().appendingPathComponent("service-test.yaml").path
        try! ServiceNetwork.yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }()

    init(database: String) throws {
        process.executableURL = URL(fileURLWithPath: try #require(Self.binary, "the boomerang binary was not built"))
        process.arguments = ["serve", "--scenario", Self.scenarioPath, "--db", database, "--port", "0", "--no-auth"]
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
        // Wait for "listening on http://127.0.0.1:PORT".
        var text = ""
        let handle = output.fileHandleForReading
        let deadline = Date().addingTimeInterval(60)
        var found: Int?
        while found == nil, Date() < deadline, process.isRunning {
            let chunk = handle.availableData
            if chunk.isEmpty { Thread.sleep(forTimeInterval: 0.05); continue }
            text += String(decoding: chunk, as: UTF8.self)
            if let range = text.range(of: #"listening on http://127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                found = Int(text[range].split(separator: ":").last!)
            }
        }
        guard let port = found else {
            process.terminate()
            throw StoreError.corrupt("the server did not start: \(text)")
        }
        self.port = port
    }

    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }

    var base: String { "http://127.0.0.1:\(port)" }
}

/// A tally shared by load tasks.
final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var created: [String: Int] = [:]
    private var acknowledged = Set<String>()

    func record(_ id: String, status: Int) {
        lock.lock(); defer { lock.unlock() }
        if (200..<300).contains(status) { acknowledged.insert(id) }
        if status == 201 { created[id, default: 0] += 1 }
    }

    var acknowledgedIDs: Set<String> { lock.lock(); defer { lock.unlock() }; return acknowledged }
    var createdCounts: [String: Int] { lock.lock(); defer { lock.unlock() }; return created }
}

enum HTTP {
    static func post(_ base: String, _ path: String, body: String) async throws -> (Int, String) {
        var request = HTTPClientRequest(url: base + path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: bytes))
    }

    static func get(_ base: String, _ path: String) async throws -> (Int, String) {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: base + path), timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 1 << 24)
        return (Int(response.status.code), String(buffer: bytes))
    }
}

@Suite(.serialized) struct ServerProcessTests {
    /// Over a real socket, through Hummingbird's live test server.
    @Test func liveSocket() async throws {
        let harness = try await ServiceHarness.make()
        try await harness.application().test(.live) { client in
            let posted = try await client.send(.post, "/v1/returns", body: ServiceNetwork.parcel("S1"))
            #expect(posted.status == 201)
            let fetched = try await client.send(.get, "/v1/returns/S1", key: Keys.read)
            #expect(fetched.object["batch"] as? String == "truck-1")
            let batches = try await client.send(.get, "/v1/batches", key: Keys.read)
            #expect((batches.object["batches"] as? [[String: Any]])?.count == 1)
            let dispatched = try await client.send(.post, "/v1/batches/truck-1/dispatch")
            #expect(dispatched.status == 200)
            let manifest = try await client.send(.get, "/v1/batches/truck-1/manifest", key: Keys.read, headers: [.accept: "text/csv"])
            #expect(manifest.text.hasPrefix("id,orderId"))
            for path in ["/v1/batches/truck-1", "/v1/demand", "/v1/metrics/returns", "/metrics", "/health", "/openapi.yaml", "/v1/plan"] {
                let reply = try await client.send(.get, path, key: Keys.read)
                #expect(reply.status == 200, "\(path)")
            }
            let plan = try await client.send(.post, "/v1/plan", body: "")
            #expect(plan.status == 200)
        }
        await harness.close()
    }

    /// SIGKILL in the middle of a load: after a restart every acknowledged parcel is there exactly once.
    @Test func survivesSIGKILL() async throws {
        let database = try await TestDatabase.make(.sqlite)
        let server = try ServerProcess(database: database)
        let tally = Tally()
        // Killed in the middle of the load: once 300 returns are acknowledged, with more in flight.
        let killed = Task {
            let deadline = ContinuousClock.now + .seconds(60)
            while tally.acknowledgedIDs.count < 300, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            server.kill()
        }
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var i = worker
                    while true {
                        let id = "K\(i)"
                        guard let (status, _) = try? await HTTP.post(server.base, "/v1/returns", body: ServiceNetwork.parcel(id, weight: 0.3)) else { return }
                        tally.record(id, status: status)
                        i += 8
                    }
                }
            }
        }
        try await killed.value
        let acknowledged = tally.acknowledgedIDs
        #expect(acknowledged.count >= 300, "the load ran before the kill (\(acknowledged.count) acknowledged)")

        let restarted = try ServerProcess(database: database)
        defer { restarted.stop() }
        var replays = 0
        for id in acknowledged.sorted() {
            let (status, text) = try await HTTP.get(restarted.base, "/v1/returns/\(id)")
            #expect(status == 200, "\(id) was acknowledged but is gone: \(text)")
            let (again, _) = try await HTTP.post(restarted.base, "/v1/returns", body: ServiceNetwork.parcel(id, weight: 0.3))
            if again == 200 { replays += 1 }
        }
        #expect(replays == acknowledged.count, "every acknowledged parcel is recorded once: posting it again is a replay")

        // `boomerang demand` reads the same table offline.
        let (_, served) = try await HTTP.get(restarted.base, "/v1/demand")
        let offline = Process()
        offline.executableURL = URL(fileURLWithPath: try #require(ServerProcess.binary))
        offline.arguments = ["demand", "--scenario", ServerProcess.scenarioPath, "--db", database]
        let pipe = Pipe()
        offline.standardOutput = pipe
        try offline.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        offline.waitUntilExit()
        #expect(offline.terminationStatus == 0)
        #expect(text == served)
        #expect(text.hasPrefix("zone,category,parcels,meanWeightKg,meanValue,newShare,openedShare,damagedShare\nZ,apparel,"))
        let store = try SQLiteStore(path: database)
        let recorded = try await store.returns(requestedFrom: nil, to: nil)
        #expect(recorded.count >= acknowledged.count)
        try await Invariants.check(store)
    }

    /// `serve` refuses to run open to the network without keys, and reads hashed keys from a file.
    @Test func keysAreRequiredToServe() async throws {
        func serve(_ arguments: [String], environment: [String: String] = [:]) throws -> (Int32, String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try #require(ServerProcess.binary))
            process.arguments = ["serve", "--scenario", ServerProcess.scenarioPath, "--db", try TestDatabase.temporaryDirectory().appendingPathComponent("r.db").path] + arguments
            process.environment = ProcessInfo.processInfo.environment.filter { $0.key != "BOOMERANG_API_KEYS" }.merging(environment) { $1 }
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        let open = try serve(["--no-auth", "--host", "0.0.0.0", "--port", "0"])
        #expect(open.0 == 2)
        #expect(open.1.contains("--no-auth is only allowed on a loopback address"))
        let keyless = try serve(["--port", "0"])
        #expect(keyless.0 == 2)
        #expect(keyless.1.contains("no API keys"))
        let file = try TestDatabase.temporaryDirectory().appendingPathComponent("keys.txt").path
        try "portal write bk_plain_text_key\n".write(toFile: file, atomically: true, encoding: .utf8)
        let plain = try serve(["--port", "0", "--api-keys", file])
        #expect(plain.0 == 2)
        #expect(plain.1.contains("\(file):1: error:"))
        let badEnvironment = try serve(["--port", "0"], environment: ["BOOMERANG_API_KEYS": "ops admin \(APIKeys.hash("k"))"])
        #expect(badEnvironment.0 == 2)
        #expect(badEnvironment.1.contains("BOOMERANG_API_KEYS:1: error: scope 'admin'"))
    }

    /// SIGHUP re-reads the files while the server keeps answering.
    @Test func reloadsOnSIGHUP() async throws {
        let server = try ServerProcess(database: try await TestDatabase.make(.sqlite))
        defer { server.stop() }
        let (_, before) = try await HTTP.get(server.base, "/v1/plan")
        let loadedBefore = try #require(try JSONSerialization.jsonObject(with: Data(before.utf8)) as? [String: Any])["loadedAt"] as? String
        try await Task.sleep(for: .milliseconds(20))
        kill(server.process.processIdentifier, SIGHUP)
        var loadedAfter = loadedBefore
        for _ in 0..<100 where loadedAfter == loadedBefore {
            let (status, _) = try await HTTP.post(server.base, "/v1/returns", body: ServiceNetwork.parcel("H\(UUID().uuidString.prefix(8))"))
            #expect(status == 201, "answers while reloading")
            let (_, after) = try await HTTP.get(server.base, "/v1/plan")
            loadedAfter = (try JSONSerialization.jsonObject(with: Data(after.utf8)) as? [String: Any])?["loadedAt"] as? String
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(loadedAfter != loadedBefore, "the plan was reloaded")
    }

    /// Two replicas on one PostgreSQL database under concurrent load, some parcels sent to both at once.
    @Test(.enabled(if: StoreKind.postgresURL != nil, "set BOOMERANG_TEST_POSTGRES to run the PostgreSQL replica test"))
    func twoReplicasShareOneDatabase() async throws {
        let database = try await TestDatabase.make(.postgres)
        let a = try ServerProcess(database: database)
        defer { a.stop() }
        let b = try ServerProcess(database: database)
        defer { b.stop() }
        let tally = Tally()
        let count = 1200
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<12 {
                group.addTask {
                    for i in stride(from: worker, to: count, by: 12) {
                        let id = "P\(i)"
                        let body = ServiceNetwork.parcel(id, weight: 0.25)
                        if i % 5 == 0 {
                            // The same parcel to both replicas at once.
                            async let first = try? HTTP.post(a.base, "/v1/returns", body: body)
                            async let second = try? HTTP.post(b.base, "/v1/returns", body: body)
                            for reply in await [first, second] { tally.record(id, status: reply?.0 ?? 0) }
                        } else {
                            let replica = i % 2 == 0 ? a : b
                            let reply = try? await HTTP.post(replica.base, "/v1/returns", body: body)
                            tally.record(id, status: reply?.0 ?? 0)
                        }
                    }
                }
            }
        }
        #expect(tally.acknowledgedIDs.count == count)
        let created = tally.createdCounts
        #expect(created.count == count)
        #expect(created.values.allSatisfy { $0 == 1 }, "each parcel was created by exactly one replica")
        let store = try PostgresStore(url: database)
        let batches = try await store.batches(BatchFilter(limit: 10_000))
        // 0.25 kg each: 100-parcel batches (25 kg); 1,200 parcels fill exactly 12.
        #expect(batches.map(\.parcels) == Array(repeating: 100, count: 12))
        #expect(Set(batches.map(\.id)).count == 12)
        try await Invariants.check(store)
        await store.shutdown()
    }
}
