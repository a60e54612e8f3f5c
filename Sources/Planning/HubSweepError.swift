import MIP

/// Why a sweep cannot run.
public enum HubSweepError: Error, CustomStringConvertible {
    case noCandidateHubs
    case unknownHub(String, known: [String])
    case badRange(Int, Int, candidates: Int)
    case solver(SolverError)

    public var description: String {
        switch self {
        case .noCandidateHubs: "the scenario has no candidate hubs (hubs with a fixedCost or candidate: true) to sweep"
        case let .unknownHub(id, known): "'\(id)' is not a candidate hub; candidates: \(known.joined(separator: ", "))"
        case let .badRange(min, max, candidates): "--min \(min) --max \(max) must satisfy 0 ≤ min ≤ max ≤ \(candidates) (the candidate hubs)"
        case let .solver(error): "the solver failed: \(error)"
        }
    }
}
