/// What the solver could establish about a model.
public enum SolveStatus: Sendable, Equatable {
    /// Proven optimal (for a MIP: within the solver's integrality and bound tolerances).
    case optimal
    /// A solution was found, but the search stopped early (time limit, gap limit) before proving it optimal.
    case feasible
    /// Proven to have no feasible solution.
    case infeasible
    /// The objective can be improved without limit (for a MIP: its LP relaxation is unbounded).
    case unbounded
    /// The search stopped early without any feasible solution.
    case noSolutionFound
}

extension SolveStatus {
    /// A stable name for reports and JSON: `optimal`, `feasible`, `infeasible`, `unbounded`, `noSolutionFound`.
    public var name: String {
        switch self {
        case .optimal: "optimal"
        case .feasible: "feasible"
        case .infeasible: "infeasible"
        case .unbounded: "unbounded"
        case .noSolutionFound: "noSolutionFound"
        }
    }
}
