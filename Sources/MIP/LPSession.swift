import CGLPK

/// A model's LP relaxation kept loaded in GLPK, for heuristics that change column bounds and re-solve many times.
///
/// The first `solve()` runs GLPK's presolver and primal simplex; every later one starts from the last optimal basis
/// with the dual simplex (a bound change keeps the basis dual feasible), so re-solving after fixing a few columns
/// takes a few pivots instead of a full solve. Only `LPSession.with` makes one, and it lives for that call: GLPK
/// problems belong to the thread that created them.
///
/// ```swift
/// try LPSession.with(model) { lp in
///     guard let relaxed = try lp.solve() else { return }
///     lp.fix(open, to: 1)
///     let fixed = try lp.solve()
/// }
/// ```
public final class LPSession {
    let prob: OpaquePointer
    let model: Model
    private var warm = false
    /// GLPK simplex iterations over all solves.
    public private(set) var iterations = 0
    /// Wall-clock deadline for every solve; a solve still running then returns nil.
    public var deadline: ContinuousClock.Instant?

    private init(_ prob: OpaquePointer, _ model: Model) {
        self.prob = prob
        self.model = model
    }

    /// Loads `model` (integrality dropped) and lends a session to `body`.
    public static func with<R>(_ model: Model, _ body: (LPSession) throws(SolverError) -> R) throws(SolverError) -> R {
        do { try model.validate() } catch { throw .invalidModel(error) }
        return try withGLPKProblem(model, keepIntegrality: false) { prob throws(SolverError) in try body(LPSession(prob, model)) }
    }

    /// Sets a column's bounds (both equal fixes it).
    public func setBounds(_ v: Variable, lower: Double, upper: Double) {
        let type: Int32 = lower == upper ? GLP_FX : upper.isFinite ? GLP_DB : GLP_LO
        glp_set_col_bnds(prob, Int32(v.index + 1), type, lower, upper.isFinite ? upper : 0)
    }

    /// Fixes a column at `value`.
    public func fix(_ v: Variable, to value: Double) { setBounds(v, lower: value, upper: value) }

    /// Gives a column back its bounds from the model.
    public func release(_ v: Variable) {
        let lower = model.columnLower[v.index], upper = model.columnUpper[v.index]
        setBounds(v, lower: lower, upper: upper)
    }

    /// Solves the LP under the current bounds: the optimum, or nil when it is infeasible or the deadline passed.
    public func solve() throws(SolverError) -> Double? {
        var parm = glp_smcp()
        glp_init_smcp(&parm)
        parm.msg_lev = GLP_MSG_OFF
        if let deadline {
            let left = (deadline - .now) / .seconds(1)
            guard left > 0.001 else { return nil }
            parm.tm_lim = Int32(min(Double(Int32.max - 1), (left * 1000).rounded(.up)))
        }
        let before = glp_get_it_cnt(prob)
        var ret: Int32
        if warm {
            // Warm: dual simplex from the last basis; the primal one if that basis went bad.
            parm.meth = GLP_DUALP
            ret = glp_simplex(prob, &parm)
            if ret == GLP_EBADB || ret == GLP_ESING || ret == GLP_ECOND {
                glp_adv_basis(prob, 0)
                ret = glp_simplex(prob, &parm)
            }
        } else {
            parm.presolve = GLP_ON
            ret = glp_simplex(prob, &parm)
            if ret == GLP_ENOPFS || ret == GLP_ENODFS { return nil }
        }
        iterations += Int(glp_get_it_cnt(prob) - before)
        if ret == GLP_ETMLIM || ret == GLP_EITLIM { return nil }
        guard ret == 0 else { throw .solverFailed(code: ret, message: "glp_simplex: " + describeGLPKCode(ret)) }
        // After a presolved solve GLPK hands back an optimal basis of the original problem, so later solves are warm.
        let optimal = glp_get_status(prob) == GLP_OPT
        if optimal { warm = true }
        return optimal ? glp_get_obj_val(prob) : nil
    }

    /// A column's value in the last solution.
    public func value(_ v: Variable) -> Double { glp_get_col_prim(prob, Int32(v.index + 1)) }

    /// A column's reduced cost in the last solution (what one unit more of it would add to the objective, at the margin).
    public func reducedCost(_ v: Variable) -> Double { glp_get_col_dual(prob, Int32(v.index + 1)) }

    /// A row's activity (the value of its terms) in the last solution.
    public func rowValue(_ c: Constraint) -> Double { glp_get_row_prim(prob, Int32(c.index + 1)) }

    /// Every column's value in the last solution.
    public var values: [Double] { (0 ..< model.variableCount).map { glp_get_col_prim(prob, Int32($0 + 1)) } }
}
