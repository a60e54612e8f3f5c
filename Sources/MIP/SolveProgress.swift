/// A snapshot of a running branch-and-cut search.
public struct SolveProgress: Sendable {
    /// Objective of the best solution found so far, if any.
    public var incumbent: Double?
    /// The best proven bound on the optimum (a lower bound when minimising), once the root LP is solved.
    public var bestBound: Double?
    /// `|incumbent − bestBound| / max(1e-9, |incumbent|)` when both are known.
    public var gap: Double?
    /// Branch-and-bound nodes created so far.
    public var nodes: Int
    /// Seconds since the solve started.
    public var elapsed: Double

    /// Creates a snapshot (useful for tests of code that consumes progress).
    public init(incumbent: Double?, bestBound: Double?, gap: Double?, nodes: Int, elapsed: Double) {
        self.incumbent = incumbent
        self.bestBound = bestBound
        self.gap = gap
        self.nodes = nodes
        self.elapsed = elapsed
    }
}
