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
    ///
    /// Turns the MIP presolver off (GLPK can only take an incumbent for the untransformed problem).
    public var warmStart: [Double]?
    /// Called on the solving thread during branch-and-cut, at most about ten times a second; keep it quick.
    ///
    /// Never called for LPs, nor for MIPs that presolve or the root LP settle without branching.
    public var progress: (@Sendable (SolveProgress) -> Void)?
    /// Run GLPK's feasibility pump at the root (finds a first incumbent much sooner on large models).
    public var feasibilityPump: Bool = false
    /// Add GLPK's mixed-integer rounding cuts.
    public var mirCuts: Bool = false

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

    // Out-of-range values would reach GLPK's parameter checks, which abort.
    func validate() throws(ModelError) {
        if let t = timeLimit, !(t.isFinite && t > 0) {
            throw .invalidOption("timeLimit must be a positive number of seconds, got \(t)")
        }
        if let g = relativeGap, !(g.isFinite && g >= 0) {
            throw .invalidOption("relativeGap must be a non-negative number, got \(g)")
        }
    }
}
