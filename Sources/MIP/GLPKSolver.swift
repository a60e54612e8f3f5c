import CGLPK

/// The GLPK backend of ``MIPSolver``: simplex with duals, branch-and-cut with time limit, gap, progress,
/// warm start and cut callbacks, warm LP sessions, and MPS / CPLEX LP writers.
///
/// Each call creates, loads (one `glp_load_matrix`), solves, reads and deletes its own GLPK problem
/// on the calling thread, so calls on different threads run concurrently. A long solve blocks its
/// thread: run it on a dedicated thread, not on Swift's cooperative pool.
///
/// GLPK only sees a validated model: it aborts the process on bad input, so every entry point runs
/// ``Model/validate()`` (and checks a warm start for feasibility, which GLPK would trust blindly).
public struct GLPKSolver: MIPSolver {
    /// Creates the backend; it holds no state.
    public init() {}

    /// The linked GLPK library version, e.g. "5.0".
    public var version: String { String(cString: glp_version()) }

    /// "GLPK " and the library version.
    public var name: String { "GLPK " + version }

    /// Branch-and-cut (`glp_intopt`) for a model with integer columns, the simplex method (`glp_simplex`) otherwise.
    ///
    /// A warm start or a cut separator turns GLPK's MIP presolver off: GLPK takes an incumbent, and shows
    /// a callback the model's own columns, only for the untransformed problem.
    public func solve(_ model: Model, options: SolveOptions) throws(SolverError) -> Solution {
        try Self.check(model, options)
        guard model.isMIP else { return try Self.solveLP(model, options, keepIntegrality: false) }
        if let warmStart = options.warmStart {
            do { try model.checkFeasible(warmStart) } catch { throw .invalidModel(error) }
        }
        return try Self.solveMIP(model, options)
    }

    /// The simplex method with integrality dropped; `warmStart`, `progress` and `cutSeparator` are ignored.
    public func solveLPRelaxation(_ model: Model, options: SolveOptions) throws(SolverError) -> Solution {
        try Self.check(model, options)
        return try Self.solveLP(model, options, keepIntegrality: false)
    }

    /// The LP relaxation kept loaded in one GLPK problem; see ``LPSession``.
    public func withLPSession<R>(_ model: Model, _ body: (LPSession) throws(SolverError) -> R) throws(SolverError) -> R {
        do { try model.validate() } catch { throw .invalidModel(error) }
        return try withGLPKProblem(model, keepIntegrality: false) { prob throws(SolverError) in
            try body(LPSession(model, backend: GLPKLPSession(prob)))
        }
    }

    /// GLPK's own writers (`glp_write_mps` in free MPS, `glp_write_lp`) on the sanitised names of ``SolverNames``.
    ///
    /// GLPK's LP writer keeps the objective constant only as a comment and writes an empty problem when there
    /// are no rows, hence the `objective_constant` column and `no_constraints` row of ``ModelFileFormat/cplexLP``.
    public func write(_ model: Model, as format: ModelFileFormat, to path: String) throws(SolverError) {
        do { try model.validate() } catch { throw .invalidModel(error) }
        switch format {
        case .mps:
            try Self.write(model, kind: "MPS", path: path) { glp_write_mps($0, GLP_MPS_FILE, nil, path) }
        case .cplexLP:
            var exportable = model
            if model.objectiveConstant != 0 || model.variableCount == 0 {
                exportable.addVariable("objective_constant", lower: 1, upper: 1, objective: model.objectiveConstant)
                exportable.objectiveConstant = 0
            }
            if model.constraintCount == 0 { exportable.addConstraint("no_constraints", [], .lessEqual(0)) }
            try Self.write(exportable, kind: "CPLEX LP", path: path) { glp_write_lp($0, nil, path) }
        }
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
            throw .solverFailed(code: ret, message: "GLPK glp_simplex: " + describeGLPKCode(ret))
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
                throw .solverFailed(code: ret, message: "GLPK glp_simplex: " + describeGLPKCode(ret))
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
        // With the presolver on, callbacks see GLPK's transformed problem (other columns, other rows): an incumbent
        // or a cut in the model's own columns needs it off.
        let usePresolve = options.presolve && warmStart == nil && options.cutSeparator == nil
        let monitor = SearchMonitor(
            model: model, progress: options.progress, warmStart: warmStart, cutSeparator: options.cutSeparator,
            start: start, timeLimit: options.timeLimit
        )

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
            // A defective cut stopped the search; the caller's separator has a bug to hear about.
            if let invalidCut = monitor.invalidCut { throw .invalidModel(invalidCut) }

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
                throw .solverFailed(code: ret, message: "GLPK glp_intopt: " + describeGLPKCode(ret))
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
