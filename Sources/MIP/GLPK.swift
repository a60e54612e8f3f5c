import CGLPK

/// The GLPK backend: solves a ``Model`` or writes it to a file, all synchronously on the calling thread.
///
/// Each call creates, loads, solves, reads and deletes its own GLPK problem, so calls on different
/// threads run concurrently. A long solve blocks its thread: run it on a dedicated thread, not on
/// Swift's cooperative pool.
public enum GLPK {
    /// The linked GLPK library version, e.g. "5.0".
    public static var version: String { String(cString: glp_version()) }

    /// Solves the model: branch-and-cut when it has integer columns, simplex (with duals) otherwise.
    ///
    /// A `warmStart` is checked for feasibility first (GLPK would trust it blindly) and is ignored
    /// for pure LPs. Throws only for an invalid model or options, or a GLPK failure; infeasible
    /// and unbounded models come back as a ``SolveStatus``.
    ///
    /// ```swift
    /// let solution = try GLPK.solve(model, options: .init(timeLimit: 30, relativeGap: 0.01))
    /// if let cost = solution.objective { print(cost, solution[open], solution.gap ?? 0) }
    /// ```
    public static func solve(_ model: Model, options: SolveOptions = .init()) throws(SolverError) -> Solution {
        try check(model, options)
        guard model.isMIP else { return try solveLP(model, options, keepIntegrality: false) }
        if let warmStart = options.warmStart {
            do { try model.checkFeasible(warmStart) } catch { throw .invalidModel(error) }
        }
        return try solveMIP(model, options)
    }

    /// Solves the model with integrality dropped and returns duals and reduced costs; `warmStart` and `progress` are ignored.
    ///
    /// Fix the integer columns first (``Model/setBounds(_:lower:upper:)``) to price a chosen network design.
    public static func solveLPRelaxation(_ model: Model, options: SolveOptions = .init()) throws(SolverError) -> Solution {
        try check(model, options)
        return try solveLP(model, options, keepIntegrality: false)
    }

    /// Writes the model in free MPS format (GLPK's `GLP_MPS_FILE`) with sanitised names.
    ///
    /// MPS has no objective sense: a maximisation model is written as is and reads back as a
    /// minimisation unless the reader is told otherwise (`glpsol --max`).
    public static func writeMPS(_ model: Model, to path: String) throws(SolverError) {
        try write(model, kind: "MPS", path: path) { glp_write_mps($0, GLP_MPS_FILE, nil, path) }
    }

    /// Writes the model in CPLEX LP format with sanitised names (objective sense included).
    ///
    /// GLPK's LP writer keeps the objective constant only as a comment and writes an empty
    /// problem when there are no rows, so a nonzero constant is written as a column
    /// `objective_constant` fixed at 1, and a model without rows gets an empty row `no_constraints`.
    public static func writeLP(_ model: Model, to path: String) throws(SolverError) {
        do { try model.validate() } catch { throw .invalidModel(error) }
        var exportable = model
        if model.objectiveConstant != 0 || model.variableCount == 0 {
            exportable.addVariable("objective_constant", lower: 1, upper: 1, objective: model.objectiveConstant)
            exportable.objectiveConstant = 0
        }
        if model.constraintCount == 0 { exportable.addConstraint("no_constraints", [], .lessEqual(0)) }
        try write(exportable, kind: "CPLEX LP", path: path) { glp_write_lp($0, nil, path) }
    }

    // MARK: - Internals

    private static func check(_ model: Model, _ options: SolveOptions) throws(SolverError) {
        do {
            try model.validate()
            try options.validate()
        } catch {
            throw .invalidModel(error)
        }
    }

    private static func write(
        _ model: Model, kind: String, path: String, _ writer: (OpaquePointer) -> Int32
    ) throws(SolverError) {
        do { try model.validate() } catch { throw .invalidModel(error) }
        try withGLPKProblem(model, keepIntegrality: true) { prob throws(SolverError) in
            // The writers print "Writing ..." regardless of any msg_lev; silence this thread
            // only, and restore it before returning on the same thread.
            let previous = glp_term_out(GLP_OFF)
            defer { glp_term_out(previous) }
            if writer(prob) != 0 { throw .io("could not write \(kind) file '\(path)'") }
        }
    }

    private static func milliseconds(_ seconds: Double) -> Int32 {
        Int32(min(Double(Int32.max - 1), max(1, (seconds * 1000).rounded(.up))))
    }

    /// A simplex parameter block: quiet unless verbose, with an optional time budget.
    private static func simplexParameters(_ options: SolveOptions, presolve: Bool, timeLimit: Double?) -> glp_smcp {
        var parm = glp_smcp()
        glp_init_smcp(&parm)
        parm.msg_lev = options.verbose ? GLP_MSG_ON : GLP_MSG_OFF
        parm.presolve = presolve ? GLP_ON : GLP_OFF
        if let timeLimit { parm.tm_lim = milliseconds(timeLimit) }
        return parm
    }

    /// Time left of the caller's budget, never below a millisecond so GLPK still returns a status.
    private static func remaining(_ options: SolveOptions, _ start: ContinuousClock.Instant, _ clock: ContinuousClock) -> Double? {
        options.timeLimit.map { max(0.001, $0 - seconds(since: start, clock: clock)) }
    }

    /// Runs the plain primal simplex (no presolve) and reports what it proved about the LP.
    ///
    /// GLPK's presolvers only say "no primal" or "no dual feasible solution"; the plain simplex
    /// tells an infeasible LP from an unbounded one.
    private static func plainSimplex(_ prob: OpaquePointer, _ options: SolveOptions, timeLimit: Double?) throws(SolverError) -> Int32 {
        var parm = simplexParameters(options, presolve: false, timeLimit: timeLimit)
        let ret = glp_simplex(prob, &parm)
        guard ret == 0 || ret == GLP_ETMLIM || ret == GLP_EITLIM else {
            throw .solverFailed(code: ret, message: "glp_simplex: " + describeGLPKCode(ret))
        }
        return glp_get_status(prob)
    }

    private static func solveLP(_ model: Model, _ options: SolveOptions, keepIntegrality: Bool) throws(SolverError) -> Solution {
        let clock = ContinuousClock(), start = clock.now
        return try withGLPKProblem(model, keepIntegrality: keepIntegrality) { prob throws(SolverError) in
            var parm = simplexParameters(options, presolve: options.presolve, timeLimit: options.timeLimit)
            var ret = glp_simplex(prob, &parm)
            if options.presolve && (ret == GLP_ENOPFS || ret == GLP_ENODFS) {
                _ = try plainSimplex(prob, options, timeLimit: remaining(options, start, clock))
                ret = 0
            }
            guard ret == 0 || ret == GLP_ETMLIM || ret == GLP_EITLIM else {
                throw .solverFailed(code: ret, message: "glp_simplex: " + describeGLPKCode(ret))
            }
            let n = model.variableCount, m = model.constraintCount
            var solution = Solution(status: .noSolutionFound, isMIP: false)
            switch glp_get_status(prob) {
            case GLP_OPT:
                let objective = glp_get_obj_val(prob)
                solution.status = .optimal
                solution.objective = objective
                solution.bestBound = objective
                solution.gap = 0
                solution.values = (0 ..< n).map { glp_get_col_prim(prob, Int32($0 + 1)) }
                solution.rowDuals = (0 ..< m).map { glp_get_row_dual(prob, Int32($0 + 1)) }
                solution.reducedCosts = (0 ..< n).map { glp_get_col_dual(prob, Int32($0 + 1)) }
            case GLP_FEAS:
                // Stopped by the time limit on a primal-feasible basis: usable, but with no bound.
                solution.status = .feasible
                solution.objective = glp_get_obj_val(prob)
                solution.values = (0 ..< n).map { glp_get_col_prim(prob, Int32($0 + 1)) }
            case GLP_NOFEAS:
                solution.status = .infeasible
            case GLP_UNBND:
                solution.status = .unbounded
            default:
                solution.status = .noSolutionFound
            }
            solution.solveSeconds = seconds(since: start, clock: clock)
            return solution
        }
    }

    private static func solveMIP(_ model: Model, _ options: SolveOptions) throws(SolverError) -> Solution {
        let clock = ContinuousClock(), start = clock.now
        // glp_ios_heur_sol needs integral values to the last bit and the untransformed problem.
        let warmStart: [Double]? = options.warmStart.map { values in
            values.indices.map { model.columnKinds[$0] == .continuous ? values[$0] : values[$0].rounded() }
        }
        let usePresolve = options.presolve && warmStart == nil
        let monitor = SearchMonitor(progress: options.progress, warmStart: warmStart, start: start, timeLimit: options.timeLimit)

        var solution = try withGLPKProblem(model, keepIntegrality: true) { prob throws(SolverError) -> Solution in
            var solution = Solution(status: .noSolutionFound, isMIP: true)
            if !usePresolve {
                // Without the MIP presolver glp_intopt needs an optimal root LP basis to start from.
                switch try plainSimplex(prob, options, timeLimit: options.timeLimit) {
                case GLP_OPT: break
                case GLP_NOFEAS: solution.status = .infeasible; return solution
                case GLP_UNBND: solution.status = .unbounded; return solution
                default: return solution  // time ran out before the root LP was solved
                }
            }

            var parm = glp_iocp()
            glp_init_iocp(&parm)
            parm.msg_lev = options.verbose ? GLP_MSG_ON : GLP_MSG_OFF
            parm.presolve = usePresolve ? GLP_ON : GLP_OFF
            if options.timeLimit != nil, let left = remaining(options, start, clock) { parm.tm_lim = milliseconds(left) }
            if let gap = options.relativeGap { parm.mip_gap = gap }
            if options.feasibilityPump { parm.fp_heur = GLP_ON }
            if options.mirCuts { parm.mir_cuts = GLP_ON }
            parm.cb_func = SearchMonitor.callback
            parm.cb_info = Unmanaged.passUnretained(monitor).toOpaque()
            let ret = withExtendedLifetime(monitor) { glp_intopt(prob, &parm) }

            let mipStatus = glp_mip_status(prob)
            let hasIncumbent = mipStatus == GLP_OPT || mipStatus == GLP_FEAS
            switch ret {
            case 0:
                switch mipStatus {
                case GLP_OPT: solution.status = .optimal
                case GLP_FEAS: solution.status = .feasible
                case GLP_NOFEAS: solution.status = .infeasible
                default: solution.status = .noSolutionFound
                }
            case GLP_ETMLIM, GLP_EMIPGAP, GLP_ESTOP:
                solution.status = hasIncumbent ? .feasible : .noSolutionFound
            case GLP_ENOPFS:
                solution.status = .infeasible
            case GLP_ENODFS:
                // "No dual feasible solution" leaves open whether the relaxation is infeasible.
                switch try plainSimplex(prob, options, timeLimit: remaining(options, start, clock)) {
                case GLP_NOFEAS: solution.status = .infeasible
                case GLP_UNBND: solution.status = .unbounded
                default: solution.status = .noSolutionFound
                }
            default:
                throw .solverFailed(code: ret, message: "glp_intopt: " + describeGLPKCode(ret))
            }
            if solution.status == .optimal || solution.status == .feasible {
                solution.objective = glp_mip_obj_val(prob)
                solution.values = (0 ..< model.variableCount).map { glp_mip_col_val(prob, Int32($0 + 1)) }
            }
            return solution
        }

        // A warm start GLPK never got to see (time ran out before the first GLP_IHEUR) is still a
        // checked feasible solution, and better than reporting none.
        if let warmStart, solution.status == .feasible || solution.status == .noSolutionFound {
            let warmObjective = model.objectiveValue(of: warmStart)
            let better = solution.objective.map { model.sense == .minimize ? warmObjective < $0 : warmObjective > $0 } ?? true
            if better {
                solution.status = .feasible
                solution.objective = warmObjective
                solution.values = warmStart
            }
        }

        solution.nodes = monitor.nodes
        solution.warmStartAccepted = monitor.warmStartAccepted
        if let objective = solution.objective {
            if solution.status == .optimal {
                solution.bestBound = objective
                solution.gap = 0
            } else if let bound = monitor.bestBound {
                // The optimum is either the incumbent or inside an open node, so the global
                // bound is the better of the two.
                let global = model.sense == .minimize ? min(bound, objective) : max(bound, objective)
                solution.bestBound = global
                solution.gap = relativeGap(objective, global)
            }
        }
        solution.solveSeconds = seconds(since: start, clock: clock)
        return solution
    }
}
