import ReturnsNetwork

/// One way a commodity can go: a chain of lanes from its zone to a node performing a disposition, or `keep`.
public struct CandidatePath: Hashable, Sendable {
    /// Lane indices in order; empty for `keep`.
    public var lanes: [Int]
    /// Node indices visited, starting at the zone.
    public var nodes: [Int]
    public var disposition: DispositionKind
    public var transitDays: Double
    /// Per-parcel costs of this path for the commodity (dispatch costs and per-dispatch brokerage excluded).
    public var unitCosts: CostBreakdown
    /// Estimated full cost per parcel, counting consolidated lanes at full dispatches; used only to rank paths.
    public var estimatedUnitCost: Double

    public var isKeep: Bool { disposition == .keep }
}
