/// How the plan MIP covered the scenario (`solve.method`).
public enum PlanMethod: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    /// The full path MIP.
    case exact
    /// Clusters of like commodities, split back in proportion (large networks; see `CommodityAggregation`).
    case aggregated

    public var description: String { rawValue }
}
