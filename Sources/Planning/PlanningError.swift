import MIP

/// Why planning could not produce a plan.
public enum PlanningError: Error, CustomStringConvertible {
    case solver(SolverError)

    public var description: String {
        switch self {
        case let .solver(error): "the solver failed: \(error)"
        }
    }
}
