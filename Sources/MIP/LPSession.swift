/// A model's LP relaxation kept loaded in a solver, for heuristics that change bounds and re-solve many times,
/// and for column and row generation.
///
/// The first `solve()` runs the solver from scratch; every later one starts from the last optimal basis, so
/// re-solving after fixing a few columns, adding a column or adding a row takes a few pivots instead of a full
/// solve. A session is lent by ``MIPSolver/withLPSession(_:_:)`` (or ``with(_:solver:_:)``) and lives for that
/// call: solver problems belong to the thread that created them.
///
/// ```swift
/// try LPSession.with(model) { lp in
///     guard let relaxed = try lp.solve() else { return }
///     lp.fix(open, to: 1)
///     let fixed = try lp.solve()
///     // A new route priced out by the duals: add it as a column and re-solve.
///     let route = try lp.addVariable("route_7", objective: 4.5, column: [(demand, 1), (capacity, 2)])
///     let better = try lp.solve()
/// }
/// ```
///
/// Added columns and rows are checked as ``Model/validate()`` checks a model's (the solver aborts on bad input)
/// and then belong to the session only: the model it was loaded from is not changed.
public final class LPSession {
    let backend: any LPSessionBackend
    // Names for error messages and the model's bounds for `release`, grown by addVariable/addConstraint.
    private var columnNames: [String]
    private var rowNames: [String]
    private var modelLower: [Double]
    private var modelUpper: [Double]
    /// Simplex iterations over all solves.
    public private(set) var iterations = 0
    /// Wall-clock deadline for every solve; a solve still running then returns nil.
    public var deadline: ContinuousClock.Instant?

    /// Wraps a backend that has `model` loaded (integrality dropped); backends call this in `withLPSession`.
    init(_ model: Model, backend: any LPSessionBackend) {
        self.backend = backend
        columnNames = model.columnNames
        rowNames = model.rowNames
        modelLower = model.columnLower
        modelUpper = model.columnUpper
    }

    /// Loads `model` (integrality dropped) into `solver` and lends a session to `body`.
    public static func with<R>(
        _ model: Model, solver: any MIPSolver = Solvers.default, _ body: (LPSession) throws(SolverError) -> R
    ) throws(SolverError) -> R {
        try solver.withLPSession(model, body)
    }

    /// Columns in the session: the model's, then the added ones.
    public var variableCount: Int { columnNames.count }
    /// Rows in the session: the model's, then the added ones.
    public var constraintCount: Int { rowNames.count }

    /// Sets a column's bounds (both equal fixes it); the handle must be from the model or this session.
    public func setBounds(_ v: Variable, lower: Double, upper: Double) {
        backend.setBounds(column: v.index, lower: lower, upper: upper)
    }

    /// Fixes a column at `value`.
    public func fix(_ v: Variable, to value: Double) { setBounds(v, lower: value, upper: value) }

    /// Gives a column back the bounds it was loaded or added with.
    public func release(_ v: Variable) {
        guard modelLower.indices.contains(v.index) else { return }
        setBounds(v, lower: modelLower[v.index], upper: modelUpper[v.index])
    }

    /// Solves the LP under the current bounds, columns and rows: the optimum, or nil when it is infeasible or the
    /// deadline passed.
    public func solve() throws(SolverError) -> Double? {
        let (objective, pivots) = try backend.solve(deadline: deadline)
        iterations += pivots
        return objective
    }

    /// Adds a column with its coefficients in existing rows, nonbasic at its lower bound, and returns its handle.
    ///
    /// The next `solve()` starts from the last basis (still primal feasible: the column is at a bound), so pricing
    /// in a column with a negative reduced cost takes a few primal pivots.
    @discardableResult
    public func addVariable(
        _ name: String, lower: Double = 0, upper: Double = .infinity, objective: Double = 0,
        column: [(Constraint, Double)] = []
    ) throws(SolverError) -> Variable {
        let j = columnNames.count
        do throws(ModelError) {
            if name.allSatisfy(\.isWhitespace) { throw ModelError.invalidName(entity: "variable", index: j) }
            try Model.checkColumn(name, kind: .continuous, lower: lower, upper: upper, objective: objective)
            var seen = Set<Int>(minimumCapacity: column.count)
            for (row, coefficient) in column {
                guard rowNames.indices.contains(row.index) else { throw ModelError.unknownConstraint(variable: name, index: row.index) }
                guard coefficient.isFinite else { throw ModelError.nonFiniteCoefficient(row: rowNames[row.index], variable: name) }
                guard seen.insert(row.index).inserted else { throw ModelError.duplicateTerm(row: rowNames[row.index], variable: name) }
            }
        } catch {
            throw .invalidModel(error)
        }
        let terms = column.filter { $0.1 != 0 }
        backend.addColumn(lower: lower, upper: upper, objective: objective, rows: terms.map(\.0.index), coefficients: terms.map(\.1))
        columnNames.append(name)
        modelLower.append(lower)
        modelUpper.append(upper)
        return Variable(index: j)
    }

    /// Adds the row `bounds(Σ coefficient · variable)` over the session's columns and returns its handle.
    ///
    /// The next `solve()` starts from the last basis with the dual simplex (the new row's slack is basic), so
    /// a row that cuts the last optimum off takes a few dual pivots.
    @discardableResult
    public func addConstraint(_ name: String, _ terms: [(Variable, Double)], _ bounds: RowBounds) throws(SolverError) -> Constraint {
        let i = rowNames.count
        do {
            try Model.checkAddedRow(name, index: i, terms, bounds, columnCount: columnNames.count) { self.columnNames[$0] }
        } catch {
            throw .invalidModel(error)
        }
        let kept = terms.filter { $0.1 != 0 }
        let (lower, upper) = bounds.interval
        backend.addRow(lower: lower, upper: upper, columns: kept.map(\.0.index), coefficients: kept.map(\.1))
        rowNames.append(name)
        return Constraint(index: i)
    }

    /// A column's value in the last solution.
    public func value(_ v: Variable) -> Double { backend.columnValue(v.index) }

    /// A column's reduced cost in the last solution (what one unit more of it would add to the objective, at the margin).
    public func reducedCost(_ v: Variable) -> Double { backend.reducedCost(v.index) }

    /// A row's activity (the value of its terms) in the last solution.
    public func rowValue(_ c: Constraint) -> Double { backend.rowActivity(c.index) }

    /// A row's dual value (shadow price: d objective / d right-hand side) in the last solution.
    public func rowDual(_ c: Constraint) -> Double { backend.rowDual(c.index) }

    /// Every column's value in the last solution, by variable index.
    public var values: [Double] { backend.columnValues(count: columnNames.count) }

    /// Every row's dual value in the last solution, by constraint index.
    public var rowDuals: [Double] { backend.rowDuals(count: rowNames.count) }
}
