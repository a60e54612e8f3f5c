import MIP

/// What to plan and how hard to try.
public struct PlanOptions: Sendable {
    /// Stop after this many seconds with the best plan found (status `feasible`, gap reported).
    public var timeLimit: Double?
    /// Stop once the proven relative gap is at most this.
    public var relativeGap: Double?
    /// Print GLPK's own log.
    public var verbose: Bool = false
    /// Called while the MIP solves.
    public var progress: (@Sendable (SolveProgress) -> Void)?
    /// Overrides the scenario's `settings.singleSourcing`.
    public var singleSourcing: Bool?
    /// Add per-path linking rows (`f ≤ q·open`, `f ≤ q·dispatches`): more rows, far tighter LP bound.
    public var strongLinking: Bool = true
    /// Open exactly these candidate hubs and close the others.
    public var openHubs: Set<String>?
    /// Open exactly this many candidate hubs.
    public var hubCount: Int?
    /// Plan on clusters of like commodities when there are more commodities than this (nil: never).
    public var aggregateAbove: Int? = 6_000
    /// With aggregation, also solve the relaxation that bounds the full model (so the gap is proven).
    public var computeBound: Bool = true
    /// Also compute `PlanSensitivity` (exact plans only).
    public var explain: Bool = false

    public init(timeLimit: Double? = nil, relativeGap: Double? = nil, verbose: Bool = false, singleSourcing: Bool? = nil) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.verbose = verbose
        self.singleSourcing = singleSourcing
    }
}
