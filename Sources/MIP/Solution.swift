/// The result of a solve: status, objective, bound, and the values of every variable.
public struct Solution: Sendable {
    /// What was established about the model.
    public var status: SolveStatus
    /// Objective value of the returned assignment, including the constant; `nil` when there is no solution.
    public var objective: Double?
    /// A proven bound on the optimum (≤ optimum when minimising); equal to `objective` when optimal.
    public var bestBound: Double?
    /// `|objective − bestBound| / max(1e-9, |objective|)` when both are known; 0 when optimal.
    public var gap: Double?
    /// Primal values by variable index; empty when there is no solution.
    public var values: [Double]
    /// Shadow prices by constraint index (d objective / d right-hand side); LP solves only, empty otherwise.
    public var rowDuals: [Double]
    /// Reduced costs by variable index; LP solves only, empty otherwise.
    public var reducedCosts: [Double]
    /// Branch-and-bound nodes created (0 for an LP).
    public var nodes: Int
    /// Wall-clock seconds spent in the solve call.
    public var solveSeconds: Double
    /// True when branch-and-cut was run (the model had integer columns and integrality was kept).
    public var isMIP: Bool
    /// True when ``SolveOptions/warmStart`` was handed to the solver and accepted as an incumbent.
    public var warmStartAccepted: Bool = false

    /// Creates a solution; the solver fills every field, callers mostly need this for test doubles.
    public init(
        status: SolveStatus, objective: Double? = nil, bestBound: Double? = nil, gap: Double? = nil,
        values: [Double] = [], rowDuals: [Double] = [], reducedCosts: [Double] = [],
        nodes: Int = 0, solveSeconds: Double = 0, isMIP: Bool, warmStartAccepted: Bool = false
    ) {
        self.status = status
        self.objective = objective
        self.bestBound = bestBound
        self.gap = gap
        self.values = values
        self.rowDuals = rowDuals
        self.reducedCosts = reducedCosts
        self.nodes = nodes
        self.solveSeconds = solveSeconds
        self.isMIP = isMIP
        self.warmStartAccepted = warmStartAccepted
    }

    /// The value of `v`, or NaN when there is no solution or `v` is not from this model.
    public subscript(_ v: Variable) -> Double {
        values.indices.contains(v.index) ? values[v.index] : .nan
    }

    /// True for `.optimal` and `.feasible`: ``values`` holds a usable assignment.
    public var hasSolution: Bool { status == .optimal || status == .feasible }
}
