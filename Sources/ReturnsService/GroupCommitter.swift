import Foundation

/// Gathers concurrent returns into group commits: while one group is being written (and synced), the next
/// gathers; each caller resumes once its own group is durable. A request only appends itself under a lock
/// and suspends. A store that can record synchronously (SQLite) gets a writer thread of its own, so the
/// serial part — one group after another — never waits for a turn on the cooperative thread pool, which
/// is busy with requests; other stores are driven from tasks, `concurrentGroups` at a time.
///
/// The writer thread holds the queue of waiting returns and the store, never the committer: when the
/// committer goes (with its service), the queue is closed, the thread records what is still queued and
/// ends, and the store is released.
final class GroupCommitter: @unchecked Sendable {
    typealias Waiter = (NewReturn, CheckedContinuation<RecordOutcome, any Error>)
    let store: any ReturnsStore
    let clock: @Sendable () -> Double
    let concurrentGroups: Int
    private let queue = Queue(maximumGroup: 1024)
    private let hasWriter: Bool

    /// The writer thread's name, as `ps -L` and `/proc/self/task/*/comm` show it (Linux allows 15 bytes).
    static let writerThreadName = "sqlite-writer"

    /// Called after each group commit with its size and how long the store took.
    var observe: (@Sendable (Int, Duration) -> Void)? {
        get { queue.observer }
        set { queue.observer = newValue }
    }

    /// The writer thread's kernel thread id (Linux), once it runs; nil for stores without a writer thread.
    var writerThreadID: Int? { queue.writerThreadID }

    init(store: any ReturnsStore, clock: @escaping @Sendable () -> Double, concurrentGroups: Int) {
        self.store = store
        self.clock = clock
        self.concurrentGroups = max(1, concurrentGroups)
        if let synchronous = store as? any SynchronousReturnsStore {
            let queue = self.queue
            let thread = Thread { Self.writeLoop(queue, synchronous, clock) }
            thread.name = Self.writerThreadName
            hasWriter = true
            thread.start()
        } else {
            hasWriter = false
        }
    }

    deinit {
        queue.close()
    }

    func submit(_ entry: NewReturn) async throws -> RecordOutcome {
        try await withCheckedThrowingContinuation { continuation in
            let start = queue.append((entry, continuation), startDrain: hasWriter ? nil : concurrentGroups)
            if start { Task { await self.drain() } }
        }
    }

    private static func writeLoop(_ queue: Queue, _ store: any SynchronousReturnsStore, _ clock: @Sendable () -> Double) {
        queue.writerStarted()
        while let group = queue.next(wait: true) {
            let started = ContinuousClock.now
            queue.finish(group, Result { try store.recordNow(group.map(\.0), now: clock()) }, started: started)
        }
    }

    private func drain() async {
        while let group = queue.next(wait: false) {
            let started = ContinuousClock.now
            do {
                queue.finish(group, .success(try await store.record(group.map(\.0), now: clock())), started: started)
            } catch {
                queue.finish(group, .failure(error), started: started)
            }
        }
    }

    /// The returns waiting for a group commit, shared by the committer and its writer thread.
    private final class Queue: @unchecked Sendable {
        let maximumGroup: Int
        private let condition = NSCondition()
        private var pending: [Waiter] = []
        private var running = 0
        private var closed = false
        private var threadID: Int?
        private var observe: (@Sendable (Int, Duration) -> Void)?

        init(maximumGroup: Int) { self.maximumGroup = maximumGroup }

        var observer: (@Sendable (Int, Duration) -> Void)? {
            get { condition.lock(); defer { condition.unlock() }; return observe }
            set { condition.lock(); observe = newValue; condition.unlock() }
        }

        var writerThreadID: Int? {
            condition.lock(); defer { condition.unlock() }
            return threadID
        }

        /// Queues a return and wakes the writer. With `startDrain` (the most groups in flight, for stores
        /// without a writer thread), says whether the caller must start a task that drains the queue.
        func append(_ waiter: Waiter, startDrain limit: Int?) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            pending.append(waiter)
            condition.signal()
            guard let limit, running < limit else { return false }
            running += 1
            return true
        }

        /// Takes the next group. With `wait` (the writer thread), waits for one and returns nil only once
        /// the queue is closed and empty; without, returns nil when nothing is queued.
        func next(wait: Bool) -> [Waiter]? {
            condition.lock()
            defer { condition.unlock() }
            while wait, pending.isEmpty, !closed { condition.wait() }
            let count = min(pending.count, maximumGroup)
            if count == 0 {
                if !wait { running -= 1 }
                return nil
            }
            let group = Array(pending[0..<count])
            pending.removeFirst(count)
            return group
        }

        /// No more returns will come: the writer records what is queued, then ends.
        func close() {
            condition.lock()
            closed = true
            condition.broadcast()
            condition.unlock()
        }

        /// Names the calling thread (the writer) for `/proc` and records its id.
        func writerStarted() {
            #if os(Linux)
            try? GroupCommitter.writerThreadName.write(toFile: "/proc/thread-self/comm", atomically: false, encoding: .utf8)
            #endif
            let id = Self.currentThreadID()
            condition.lock()
            threadID = id
            condition.unlock()
        }

        func finish(_ group: [Waiter], _ result: Result<[RecordOutcome], any Error>, started: ContinuousClock.Instant) {
            switch result {
            case let .success(outcomes):
                observer?(group.count, ContinuousClock.now - started)
                for (item, outcome) in zip(group, outcomes) { item.1.resume(returning: outcome) }
            case let .failure(error):
                for item in group { item.1.resume(throwing: error) }
            }
        }

        /// The calling thread's kernel id, from `/proc/thread-self` (`PID/task/TID`); nil elsewhere.
        private static func currentThreadID() -> Int? {
            guard let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self") else { return nil }
            return link.split(separator: "/").last.flatMap { Int($0) }
        }
    }
}
