import Foundation

/// The best plan cost and the best bound found so far, shared between the planning thread and the bound's thread.
final class SharedIncumbent: @unchecked Sendable {
    private let lock = NSLock()
    private var best: Double?
    private var bound: Double?
    private var abandoned = false

    /// Tells the bound's thread to stop: there will be no plan to bound.
    func abandon() { lock.withLock { abandoned = true } }

    var isAbandoned: Bool { lock.withLock { abandoned } }

    func offer(_ value: Double) { lock.withLock { if best.map({ value < $0 }) ?? true { best = value } } }

    var value: Double? { lock.withLock { best } }

    /// A proven lower bound on every plan (the highest offered is kept).
    func offerBound(_ value: Double) { lock.withLock { if bound.map({ value > $0 }) ?? true { bound = value } } }

    /// The relative gap between the best plan and the best bound, when both are known.
    var gap: Double? {
        lock.withLock {
            guard let best, let bound else { return nil }
            return max(0, best - bound) / max(1e-9, abs(best))
        }
    }
}
