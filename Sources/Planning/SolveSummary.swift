/// How the plan was found, and how good it is proven to be.
public struct SolveSummary: Codable, Sendable, Equatable {
    /// `optimal`, `feasible` (stopped with a gap), `infeasible`, `unbounded` or `noSolutionFound`.
    public var status: PlanStatus
    public var objective: Double?
    /// The proven lower bound on the cost.
    public var bestBound: Double?
    /// Relative gap between `objective` and `bestBound` (0 when optimal).
    public var gap: Double?
    public var buildSeconds: Double
    public var solveSeconds: Double
    public var nodes: Int
    public var variables: Int
    public var constraints: Int
    public var nonzeros: Int
    public var commodities: Int
    public var paths: Int
    /// `exact` (the full path MIP) or `aggregated` (clusters of like commodities, split back in proportion).
    public var method: PlanMethod? = .exact
    /// Clusters the aggregated model planned on.
    public var clusters: Int?
    /// What `bestBound` bounds: `model` (the MIP solved), `lagrangian, every route` (every plan of the scenario),
    /// `full relaxation` (a relaxation of the full model), or nil.
    public var boundSource: BoundSource? = .model
    /// How the plan was found: `branch-and-cut` (GLPK) or `lp local search` (`PlanDive`, large aggregated plans).
    public var search: PlanSearch? = .branchAndCut
    /// LP solves the local search made.
    public var lpSolves: Int?
}
