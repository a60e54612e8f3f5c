import Foundation

/// Synchronous work on a thread of its own (long CPU work does not belong on the cooperative pool).
final class BackgroundWork<Result: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var result: Result?

    init(_ work: @escaping @Sendable () -> Result) {
        let thread = Thread { [self] in
            let value = work()
            lock.withLock { result = value }
            done.signal()
        }
        thread.stackSize = 1 << 22
        thread.start()
    }

    /// Waits for the work to finish and returns what it made.
    func wait() -> Result? {
        done.wait()
        return lock.withLock { result }
    }
}
