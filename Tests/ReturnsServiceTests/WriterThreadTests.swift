import Foundation
@testable import ReturnsService
import Testing

/// A SQLite store's writer thread belongs to its service: when the service is dropped, the thread ends
/// (it used to wait for work forever, keeping the store and its database file open).
@Suite struct WriterThreadTests {
    @Test(.enabled(if: ThreadList.available)) func writerThreadsEndWithTheirServices() async throws {
        let folder = try TestDatabase.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let services = 50
        var writers: [Int] = []
        for index in 0..<services {
            let writer = try await Self.recordOneReturn(database: folder.appendingPathComponent("returns-\(index).db").path, id: "P\(index)")
            writers.append(writer)
        }
        #expect(Set(writers).count == services, "each service has a writer thread of its own")
        // Each service, its committer and its store are gone now; their writer threads must follow.
        let deadline = Date().addingTimeInterval(5)
        var running = ThreadList.writers(among: writers)
        while !running.isEmpty, Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
            running = ThreadList.writers(among: writers)
        }
        #expect(running.isEmpty, "\(running.count) of \(services) writer threads still running 5 s after their services were dropped")
    }

    /// Records one return on a new service over its own SQLite file, checks that its writer thread is
    /// running under its name, drops the service and returns the thread's id.
    static func recordOneReturn(database: String, id: String) async throws -> Int {
        let store = try SQLiteStore(path: database)
        try await store.migrate()
        let service = ReturnsService(model: ServiceNetwork.model, store: store, clock: { ServiceNetwork.start })
        let submission = try await service.submit(body: Data(ServiceNetwork.parcel(id).utf8), idempotencyKey: nil)
        #expect(submission.created)
        let writer = try #require(service.committer.writerThreadID, "the writer thread has recorded its id")
        #expect(ThreadList.writers(among: [writer]) == [writer], "the writer thread runs as \(GroupCommitter.writerThreadName)")
        return writer
    }
}

/// The process's threads as Linux lists them in /proc/self/task, each with its name in `comm`.
enum ThreadList {
    static var available: Bool { FileManager.default.fileExists(atPath: "/proc/self/task") }

    /// Those of the given thread ids that are still running as the SQLite writer.
    static func writers(among ids: [Int]) -> [Int] {
        ids.filter { id in
            guard let comm = try? String(contentsOfFile: "/proc/self/task/\(id)/comm", encoding: .utf8) else { return false }
            return comm.trimmingCharacters(in: .newlines) == GroupCommitter.writerThreadName
        }
    }
}
