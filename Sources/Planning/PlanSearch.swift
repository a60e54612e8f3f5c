/// How the plan was found (`solve.search`).
public enum PlanSearch: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    /// The solver's branch-and-cut.
    case branchAndCut = "branch-and-cut"
    /// `PlanDive`: the LP relaxation rounded, then improved one move at a time (large aggregated plans).
    case lpLocalSearch = "lp local search"

    public var description: String { rawValue }
}
