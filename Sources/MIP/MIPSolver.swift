/// A solver backend: everything the rest of Boomerang asks of a solver, and nothing more.
///
/// Planners build a ``Model`` and hand it to a `MIPSolver`; only a backend's own files talk to
/// the solver's C API. ``GLPKSolver`` is the one every build links, and ``Solvers/default``
/// is what callers use when they do not choose:
///
/// ```swift
/// let solution = try Solvers.default.solve(model, options: .init(timeLimit: 30, relativeGap: 0.01))
/// let prices = try Solvers.default.solveLPRelaxation(model).rowDuals
/// try Solvers.default.withLPSession(model) { lp in _ = try lp.solve() }
/// try Solvers.default.write(model, as: .mps, to: "plan.mps")
/// ```
///
/// Every call is synchronous on the calling thread, loads the model in one call from its sparse
/// arrays, and frees everything before it returns, so separate calls on separate threads run at
/// once. A backend validates the model and options first (``Model/validate()``) and reports
/// infeasible or unbounded models as a ``SolveStatus``, never as an error.
///
/// A backend implements the four requirements; `MIPTests` runs its seam tests against every
/// solver in its `TestSolvers.all`, so a new backend joins that list.
public protocol MIPSolver: Sendable {
    /// The backend and its library version, e.g. "GLPK 5.0".
    var name: String { get }

    /// Solves the model: branch-and-cut when it has integer columns, the simplex method (with duals) otherwise.
    ///
    /// The options' warm start, progress callback and cut separator apply to branch-and-cut only.
    func solve(_ model: Model, options: SolveOptions) throws(SolverError) -> Solution

    /// Solves the model with integrality dropped and returns row duals and reduced costs.
    ///
    /// Fix the integer columns first (``Model/setBounds(_:lower:upper:)``) to price a chosen design.
    func solveLPRelaxation(_ model: Model, options: SolveOptions) throws(SolverError) -> Solution

    /// Loads the model's LP relaxation and lends `body` a session that changes bounds, adds columns and rows,
    /// and re-solves warm from the last basis.
    ///
    /// The session lives only for this call: solver problems stay on the thread that made them.
    func withLPSession<R>(_ model: Model, _ body: (LPSession) throws(SolverError) -> R) throws(SolverError) -> R

    /// Writes the model to `path` in `format`, with names every reader of that format accepts.
    func write(_ model: Model, as format: ModelFileFormat, to path: String) throws(SolverError)
}

extension MIPSolver {
    /// Solves the model to proven optimality, quietly, with presolve.
    public func solve(_ model: Model) throws(SolverError) -> Solution {
        try solve(model, options: SolveOptions())
    }

    /// Solves the model's LP relaxation with the default options.
    public func solveLPRelaxation(_ model: Model) throws(SolverError) -> Solution {
        try solveLPRelaxation(model, options: SolveOptions())
    }

    /// Writes the model in free MPS format (``ModelFileFormat/mps``).
    public func writeMPS(_ model: Model, to path: String) throws(SolverError) {
        try write(model, as: .mps, to: path)
    }

    /// Writes the model in CPLEX LP format (``ModelFileFormat/cplexLP``).
    public func writeLP(_ model: Model, to path: String) throws(SolverError) {
        try write(model, as: .cplexLP, to: path)
    }
}
