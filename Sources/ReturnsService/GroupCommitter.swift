import Foundation

/// Gathers concurrent returns into group commits: while one group is being written (and synced), the next
/// gathers; each caller resumes once its own group is durable. A request only appends itself under a lock
/// and suspends. A store that can record synchronously (SQLite) gets a writer thread of its own, so the
/// serial part — one group after another — never waits for a turn on the cooperative thread pool, which
/// is busy with requests; other stores are driven from tasks, `concurrentGroups` at a time.
final class GroupCommitter: @unchecked Sendable {
    typealias Waiter = (NewReturn, CheckedContinuation<RecordOutcome, any Error>)
    let store: any ReturnsStore
    let clock: @Sendable () -> Double
    let concurrentGroups: Int
    let maximumGroup = 1024
    private let condition = NSCondition()
    private var pending: [Waiter] = []
    private var running = 0
    private var writer: Thread?
    private var observer: (@Sendable (Int, Duration) -> Void)?

    /// Called after each group commit with its size and how long the store took.
    var observe: (@Sendable (Int, Duration) -> Void)? {
        get { condition.lock(); defer { condition.unlock() }; return observer }
        set { condition.lock(); observer = newValue; condition.unlock() }
    }

    init(store: any ReturnsStore, clock: @escaping @Sendable () -> Double, concurrentGroups: Int) {
        self.store = store
        self.clock = clock
        self.concurrentGroups = max(1, concurrentGroups)
        if let synchronous = store as? any SynchronousReturnsStore {
            // The thread holds the committer only while it works, so a dropped service lets it end.
            let thread = Thread { [weak self] in Self.writeLoop({ self }, synchronous) }
            thread.name = "boomerang-group-commit"
            writer = thread
            thread.start()
        }
    }

    func submit(_ entry: NewReturn) async throws -> RecordOutcome {
        try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            pending.append((entry, continuation))
            let start = writer == nil && running < concurrentGroups
            if start { running += 1 }
            condition.signal()
            condition.unlock()
            if start { Task { await self.drain() } }
        }
    }

    /// Takes the next group, or nil when there is none (and, with `wait`, none comes before cancellation).
    private func nextGroup(wait: Bool) -> [Waiter]? {
        condition.lock()
        defer { condition.unlock() }
        while wait, pending.isEmpty {
            if Thread.current.isCancelled { return nil }
            _ = condition.wait(until: Date().addingTimeInterval(0.5))
        }
        let count = min(pending.count, maximumGroup)
        if count == 0 {
            running -= 1
            return nil
        }
        let group = Array(pending[0..<count])
        pending.removeFirst(count)
        return group
    }

    private func finish(_ group: [Waiter], _ result: Result<[RecordOutcome], any Error>, started: ContinuousClock.Instant) {
        switch result {
        case let .success(outcomes):
            observe?(group.count, ContinuousClock.now - started)
            for (item, outcome) in zip(group, outcomes) { item.1.resume(returning: outcome) }
        case let .failure(error):
            for item in group { item.1.resume(throwing: error) }
        }
    }

    private static func writeLoop(_ committer: () -> GroupCommitter?, _ store: any SynchronousReturnsStore) {
        while let strong = committer(), let group = strong.nextGroup(wait: true) {
            guard !group.isEmpty else { continue }
            let started = ContinuousClock.now
            strong.finish(group, Result { try store.recordNow(group.map(\.0), now: strong.clock()) }, started: started)
        }
    }

    private func drain() async {
        while let group = nextGroup(wait: false) {
            let started = ContinuousClock.now
            do {
                finish(group, .success(try await store.record(group.map(\.0), now: clock())), started: started)
            } catch {
                finish(group, .failure(error), started: started)
            }
        }
    }
}
