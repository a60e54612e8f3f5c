/// How long and how hard GLPK may work, and what it reports while it does.
public struct SolveOptions: Sendable {
    /// Wall-clock limit in seconds for the whole solve; `nil` means no limit.
    public var timeLimit: Double?
    /// Stop branch-and-cut once the relative gap is at most this (e.g. 0.01 = 1 %); `nil` means prove optimality.
    public var relativeGap: Double?
    /// Print GLPK's own log to the terminal.
    public var verbose: Bool = false
    /// Let GLPK's presolver shrink the problem first (ignored for MIPs while a ``warmStart`` is given).
    public var presolve: Bool = true
    /// A full feasible assignment (indexed by variable) offered to branch-and-cut as its first incumbent.
    public var warmStart: [Double]?
    /// Called on the solving thread during branch-and-cut, at most about ten times a second.
    public var progress: (@Sendable (SolveProgress) -> Void)?

    /// Creates options; the defaults solve to proven optimality, quietly, with presolve.
    public init(
        timeLimit: Double? = nil, relativeGap: Double? = nil, verbose: Bool = false,
        presolve: Bool = true, warmStart: [Double]? = nil,
        progress: (@Sendable (SolveProgress) -> Void)? = nil
    ) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.verbose = verbose
        self.presolve = presolve
        self.warmStart = warmStart
        self.progress = progress
    }

    func validate() throws(ModelError) {
        if let t = timeLimit, !(t.isFinite && t > 0) {
            throw .invalidOption("timeLimit must be a positive number of seconds, got \(t)")
        }
        if let g = relativeGap, !(g.isFinite && g >= 0) {
            throw .invalidOption("relativeGap must be a non-negative number, got \(g)")
        }
    }
}

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
