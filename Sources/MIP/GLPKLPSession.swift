import CGLPK

/// GLPK's ``LPSessionBackend``: one `glp_prob` with the model's LP relaxation, re-solved warm.
///
/// The first solve runs GLPK's presolver and primal simplex; after it GLPK hands back an optimal basis of the
/// original problem, and later solves start from it: the dual simplex after bound changes and added rows (the
/// basis stays dual feasible), the primal simplex after added columns (the basis stays primal feasible: a new
/// column is nonbasic at its bound, a new row's slack is basic). Lent only inside
/// ``GLPKSolver/withLPSession(_:_:)``, which deletes the problem on the thread that created it.
final class GLPKLPSession: LPSessionBackend {
    let prob: OpaquePointer
    private var warm = false
    private var columnsAddedSinceSolve = false

    init(_ prob: OpaquePointer) { self.prob = prob }

    func setBounds(column: Int, lower: Double, upper: Double) {
        glp_set_col_bnds(prob, Int32(column + 1), glpkBoundType(lower, upper), lower.isFinite ? lower : 0, upper.isFinite ? upper : 0)
    }

    func solve(deadline: ContinuousClock.Instant?) throws(SolverError) -> (objective: Double?, iterations: Int) {
        var parm = glp_smcp()
        glp_init_smcp(&parm)
        parm.msg_lev = GLP_MSG_OFF
        if let deadline {
            let left = (deadline - .now) / .seconds(1)
            guard left > 0.001 else { return (nil, 0) }
            parm.tm_lim = Int32(min(Double(Int32.max - 1), (left * 1000).rounded(.up)))
        }
        let before = glp_get_it_cnt(prob)
        var ret: Int32
        if warm {
            // Warm from the last basis; the primal simplex from an advanced basis if that basis went bad.
            parm.meth = columnsAddedSinceSolve ? GLP_PRIMAL : GLP_DUALP
            ret = glp_simplex(prob, &parm)
            if ret == GLP_EBADB || ret == GLP_ESING || ret == GLP_ECOND {
                glp_adv_basis(prob, 0)
                parm.meth = GLP_PRIMAL
                ret = glp_simplex(prob, &parm)
            }
        } else {
            parm.presolve = GLP_ON
            ret = glp_simplex(prob, &parm)
            if ret == GLP_ENOPFS || ret == GLP_ENODFS { return (nil, Int(glp_get_it_cnt(prob) - before)) }
        }
        let iterations = Int(glp_get_it_cnt(prob) - before)
        if ret == GLP_ETMLIM || ret == GLP_EITLIM { return (nil, iterations) }
        guard ret == 0 else { throw .solverFailed(code: ret, message: "GLPK glp_simplex: " + describeGLPKCode(ret)) }
        columnsAddedSinceSolve = false
        // After a presolved solve GLPK hands back an optimal basis of the original problem, so later solves are warm.
        let optimal = glp_get_status(prob) == GLP_OPT
        if optimal { warm = true }
        return (optimal ? glp_get_obj_val(prob) : nil, iterations)
    }

    func addColumn(lower: Double, upper: Double, objective: Double, rows: [Int], coefficients: [Double]) {
        let j = glp_add_cols(prob, 1)
        glp_set_col_bnds(prob, j, glpkBoundType(lower, upper), lower.isFinite ? lower : 0, upper.isFinite ? upper : 0)
        glp_set_obj_coef(prob, j, objective)
        // 1-based arrays, element 0 unused.
        let ind = [Int32(0)] + rows.map { Int32($0 + 1) }, val = [0.0] + coefficients
        glp_set_mat_col(prob, j, Int32(rows.count), ind, val)
        columnsAddedSinceSolve = true
    }

    func addRow(lower: Double, upper: Double, columns: [Int], coefficients: [Double]) {
        let i = glp_add_rows(prob, 1)
        glp_set_row_bnds(prob, i, glpkBoundType(lower, upper), lower.isFinite ? lower : 0, upper.isFinite ? upper : 0)
        let ind = [Int32(0)] + columns.map { Int32($0 + 1) }, val = [0.0] + coefficients
        glp_set_mat_row(prob, i, Int32(columns.count), ind, val)
    }

    func columnValue(_ column: Int) -> Double { glp_get_col_prim(prob, Int32(column + 1)) }
    func reducedCost(_ column: Int) -> Double { glp_get_col_dual(prob, Int32(column + 1)) }
    func rowActivity(_ row: Int) -> Double { glp_get_row_prim(prob, Int32(row + 1)) }
    func rowDual(_ row: Int) -> Double { glp_get_row_dual(prob, Int32(row + 1)) }
    func columnValues(count: Int) -> [Double] { (0 ..< count).map { glp_get_col_prim(prob, Int32($0 + 1)) } }
    func rowDuals(count: Int) -> [Double] { (0 ..< count).map { glp_get_row_dual(prob, Int32($0 + 1)) } }
}
