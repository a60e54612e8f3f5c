/// One solve of a hub sweep: a number of hubs, or a named set, with its cost and service.
public struct HubSweepRow: Codable, Sendable, Equatable {
    /// `3 hubs` or the named set, e.g. `AMS,LEJ`.
    public var label: String
    /// The number of candidate hubs required open (count rows), or nil for a named set.
    public var count: Int?
    /// The named set (set rows).
    public var requested: [String]?
    /// Candidate hubs the plan opens.
    public var opened: [String]
    public var status: PlanStatus
    public var gap: Double?
    public var netCost: Double?
    public var costs: CostBreakdown
    public var meanTransitDays: Double
    public var maxTransitDays: Double
    public var consolidatedShare: Double
    public var keptShare: Double
    public var solveSeconds: Double
    /// Whether the solve started from the previous row's plan.
    public var warmStarted: Bool
    /// The cheapest row of the sweep.
    public var cheapest: Bool = false
}
