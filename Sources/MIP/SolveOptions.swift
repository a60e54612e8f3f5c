/// How long and how hard the solver may work, what it reports while it does, and what it is told during the search.
///
/// The limits, gap, warm start, progress and cut separator mean the same on every ``MIPSolver``; the last two
/// switches name heuristics a backend may not have (it then ignores them).
public struct SolveOptions: Sendable {
    /// Wall-clock limit in seconds for the whole solve; `nil` means no limit.
    public var timeLimit: Double?
    /// Stop branch-and-cut once the relative gap is at most this (e.g. 0.01 = 1 %); `nil` means prove optimality.
    public var relativeGap: Double?
    /// Print the solver's own log to the terminal.
    public var verbose: Bool = false
    /// Let the solver's presolver shrink the problem first (ignored for MIPs while a ``warmStart`` or ``cutSeparator`` is given).
    public var presolve: Bool = true
    /// A full feasible assignment (indexed by variable) offered to branch-and-cut as its first incumbent.
    ///
    /// Turns the MIP presolver off (a solver can only take an incumbent for the untransformed problem).
    public var warmStart: [Double]?
    /// Called on the solving thread during branch-and-cut, at most about ten times a second; keep it quick.
    ///
    /// Never called for LPs, nor for MIPs that presolve or the root LP settle without branching.
    public var progress: (@Sendable (SolveProgress) -> Void)?
    /// Run the feasibility pump at the root (finds a first incumbent much sooner on large models; GLPK's `fp_heur`).
    public var feasibilityPump: Bool = false
    /// Add the solver's mixed-integer rounding cuts (GLPK's `mir_cuts`).
    public var mirCuts: Bool = false
    /// Called on the solving thread at each branch-and-cut node whose LP optimum is fractional; the cuts it
    /// adds to the ``CutRound`` are added to the node, which is re-solved. See ``CutRound`` for the rules.
    ///
    /// Turns the MIP presolver off, so the separator sees the model's own columns. A defective cut (unknown
    /// column, non-finite number, repeated column) stops the search with ``SolverError/invalidModel(_:)``.
    public var cutSeparator: (@Sendable (inout CutRound) -> Void)?

    /// Creates options; the defaults solve to proven optimality, quietly, with presolve.
    public init(
        timeLimit: Double? = nil, relativeGap: Double? = nil, verbose: Bool = false,
        presolve: Bool = true, warmStart: [Double]? = nil,
        progress: (@Sendable (SolveProgress) -> Void)? = nil,
        cutSeparator: (@Sendable (inout CutRound) -> Void)? = nil
    ) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.verbose = verbose
        self.presolve = presolve
        self.warmStart = warmStart
        self.progress = progress
        self.cutSeparator = cutSeparator
    }

    // Out-of-range values would reach GLPK's parameter checks, which abort.
    /// Throws when a limit is out of range (GLPK would abort on it).
    public func validate() throws(ModelError) {
        if let t = timeLimit, !(t.isFinite && t > 0) {
            throw .invalidOption("timeLimit must be a positive number of seconds, got \(t)")
        }
        if let g = relativeGap, !(g.isFinite && g >= 0) {
            throw .invalidOption("relativeGap must be a non-negative number, got \(g)")
        }
    }
}
