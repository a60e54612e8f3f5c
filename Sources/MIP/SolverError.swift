/// Why a solve or export did not produce a result.
public enum SolverError: Error, CustomStringConvertible {
    /// The model (or options) failed validation; GLPK was never called.
    case invalidModel(ModelError)
    /// GLPK returned an error code it should not return for a valid model (numerical trouble, solver failure).
    case solverFailed(code: Int32, message: String)
    /// A file could not be written.
    case io(String)

    /// A one-sentence explanation, including GLPK's return code where there is one.
    public var description: String {
        switch self {
        case .invalidModel(let error): "invalid model: \(error)"
        case .solverFailed(let code, let message): "GLPK failed (code \(code)): \(message)"
        case .io(let message): message
        }
    }
}
