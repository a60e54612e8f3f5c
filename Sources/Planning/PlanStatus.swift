import MIP

/// How a plan's solve ended, as the plan's JSON names it (`solve.status`).
public enum PlanStatus: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    /// Proven optimal.
    case optimal
    /// A plan, stopped by the time or gap limit before proving it optimal (or an aggregated plan: feasible for
    /// the full model, never proven optimal for it).
    case feasible
    /// No plan meets the capacities.
    case infeasible
    case unbounded
    /// Stopped without any plan.
    case noSolutionFound

    /// The solver's status, under the plan's name for it.
    public init(_ status: SolveStatus) {
        switch status {
        case .optimal: self = .optimal
        case .feasible: self = .feasible
        case .infeasible: self = .infeasible
        case .unbounded: self = .unbounded
        case .noSolutionFound: self = .noSolutionFound
        }
    }

    /// Whether there is a plan to follow (`optimal` or `feasible`).
    public var hasPlan: Bool { self == .optimal || self == .feasible }

    public var description: String { rawValue }
}
