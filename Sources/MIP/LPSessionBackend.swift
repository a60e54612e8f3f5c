/// What a solver backend implements for ``LPSession``: a loaded LP it changes and re-solves in place.
///
/// ``LPSession`` checks every input first and keeps names and bounds; a backend gets 0-based indices that
/// exist, finite coefficients without zeros or repeats, and bounds that ``Model/validate()`` would accept
/// (±infinity for a missing side). Every call is made on the thread that loaded the problem.
protocol LPSessionBackend: AnyObject {
    /// Sets column `column`'s bounds.
    func setBounds(column: Int, lower: Double, upper: Double)
    /// Solves, warm from the last optimal basis when there is one: the optimum (nil when infeasible or out of time)
    /// and the simplex iterations it took.
    func solve(deadline: ContinuousClock.Instant?) throws(SolverError) -> (objective: Double?, iterations: Int)
    /// Appends a column with coefficients in existing rows.
    func addColumn(lower: Double, upper: Double, objective: Double, rows: [Int], coefficients: [Double])
    /// Appends a row `lower ≤ Σ coefficient · column ≤ upper`.
    func addRow(lower: Double, upper: Double, columns: [Int], coefficients: [Double])
    /// A column's value in the last solution.
    func columnValue(_ column: Int) -> Double
    /// A column's reduced cost in the last solution.
    func reducedCost(_ column: Int) -> Double
    /// A row's activity in the last solution.
    func rowActivity(_ row: Int) -> Double
    /// A row's dual value in the last solution.
    func rowDual(_ row: Int) -> Double
    /// The first `count` column values in the last solution.
    func columnValues(count: Int) -> [Double]
    /// The first `count` row duals in the last solution.
    func rowDuals(count: Int) -> [Double]
}
