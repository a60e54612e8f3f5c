/// Why a solve or export did not produce a result.
public enum SolverError: Error, CustomStringConvertible {
    /// The model (or options, or a cut or column added later) failed validation; the solver never saw it.
    case invalidModel(ModelError)
    /// The solver returned an error code it should not return for a valid model (numerical trouble, solver failure).
    case solverFailed(code: Int32, message: String)
    /// A file could not be written.
    case io(String)
    /// The backend cannot do what was asked (e.g. a cut callback on a solver without one); says what and which solver.
    case unsupported(String)

    /// A one-sentence explanation, including the solver's return code where there is one.
    public var description: String {
        switch self {
        case .invalidModel(let error): "invalid model: \(error)"
        case .solverFailed(let code, let message): "the solver failed (code \(code)): \(message)"
        case .io(let message): message
        case .unsupported(let what): "not supported: \(what)"
        }
    }
}
