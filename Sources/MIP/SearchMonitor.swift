import CGLPK

/// State shared with GLPK's branch-and-cut callback through `cb_info`.
///
/// Lives only for one `glp_intopt` call on the solving thread. It records the global bound
/// because GLPK discards the tree when `glp_intopt` returns: after a time-limit or gap stop
/// the last bound seen here is the only proof of how good the incumbent is.
final class SearchMonitor {
    let progress: (@Sendable (SolveProgress) -> Void)?
    let clock = ContinuousClock()
    let start: ContinuousClock.Instant
    /// When the search must stop: GLPK checks `tm_lim` only between some of its steps (a long cut or heuristic
    /// round can run past it), so the callback stops the search at its first chance after the limit.
    let deadline: ContinuousClock.Instant?
    private var lastReport: ContinuousClock.Instant?
    /// 1-based copy of the warm start (x[0] unused, integers rounded exactly) until it is injected.
    private var pendingWarmStart: [Double]?
    /// The caller's cut separator, and the model its cuts are checked against (GLPK aborts on a bad row).
    let cutSeparator: (@Sendable (inout CutRound) -> Void)?
    let model: Model

    private(set) var bestBound: Double?
    private(set) var nodes = 0
    private(set) var warmStartAccepted = false
    private(set) var progressReports = 0
    /// The first defective cut the separator gave; the search stops there.
    private(set) var invalidCut: ModelError?
    private(set) var cutsAdded = 0

    init(
        model: Model, progress: (@Sendable (SolveProgress) -> Void)?, warmStart: [Double]?,
        cutSeparator: (@Sendable (inout CutRound) -> Void)? = nil, start: ContinuousClock.Instant, timeLimit: Double? = nil
    ) {
        self.model = model
        self.progress = progress
        self.cutSeparator = cutSeparator
        self.start = start
        deadline = timeLimit.map { start + .milliseconds(Int64($0 * 1000)) }
        self.pendingWarmStart = warmStart.map { [0] + $0 }
    }

    /// The `cb_func` handed to GLPK; it captures nothing, so it converts to a C function pointer.
    static let callback: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Void = { tree, info in
        guard let tree, let info else { return }
        Unmanaged<SearchMonitor>.fromOpaque(info).takeUnretainedValue().handle(tree)
    }

    private func handle(_ tree: OpaquePointer) {
        let reason = glp_ios_reason(tree)
        // GLP_IHEUR is the one reason at which glp_ios_heur_sol may be called; it first comes right
        // after the root LP (if that LP is fractional), before GLPK's own heuristics run.
        if reason == GLP_IHEUR, let x = pendingWarmStart {
            pendingWarmStart = nil
            warmStartAccepted = x.withUnsafeBufferPointer { glp_ios_heur_sol(tree, $0.baseAddress) == 0 }
        }
        // Read the bound at every reason: the gap test that ends a GLP_EMIPGAP search runs after
        // re-optimisation too, not only after GLP_ISELECT.
        let best = glp_ios_best_node(tree)
        if best != 0 {
            let bound = glp_ios_node_bound(tree, best)
            // ±DBL_MAX marks a node whose LP has not been solved yet.
            if abs(bound) < 1e300 { bestBound = bound }
        }
        var total: Int32 = 0
        glp_ios_tree_size(tree, nil, nil, &total)
        nodes = Int(total)
        if let deadline, clock.now >= deadline {
            glp_ios_terminate(tree)
            return
        }
        if reason == GLP_ICUTGEN, let cutSeparator {
            separate(tree, cutSeparator)
            return
        }

        guard let progress, reason == GLP_ISELECT || reason == GLP_IBINGO else { return }
        let now = clock.now
        if let last = lastReport, now - last < .milliseconds(100) { return }
        lastReport = now
        progressReports += 1
        let prob = glp_ios_get_prob(tree)
        // glp_ios_mip_gap is DBL_MAX exactly when there is no incumbent yet.
        let incumbent: Double? = glp_ios_mip_gap(tree) < Double.greatestFiniteMagnitude ? glp_mip_obj_val(prob) : nil
        progress(SolveProgress(
            incumbent: incumbent, bestBound: bestBound,
            gap: incumbent.flatMap { inc in bestBound.map { relativeGap(inc, $0) } },
            nodes: nodes, elapsed: seconds(since: start, clock: clock)
        ))
    }
}

extension SearchMonitor {
    /// Shows the separator the node's LP solution and hands its cuts to GLPK's local cut pool.
    ///
    /// The presolver is off whenever a separator is set, so the tree's problem has the model's own columns
    /// 1…n (plus, after them, nothing: cuts are rows).
    private func separate(_ tree: OpaquePointer, _ separator: @Sendable (inout CutRound) -> Void) {
        guard let prob = glp_ios_get_prob(tree) else { return }
        let n = model.variableCount
        var round = CutRound(
            values: (0 ..< n).map { glp_get_col_prim(prob, Int32($0 + 1)) },
            objective: glp_get_obj_val(prob),
            depth: Int(glp_ios_node_level(tree, glp_ios_curr_node(tree)))
        )
        separator(&round)
        guard !round.cuts.isEmpty else { return }
        var ind = [Int32](), val = [Double]()
        for cut in round.cuts {
            do {
                try Model.checkAddedRow(cut.name, index: cutsAdded, cut.terms, cut.bounds, columnCount: n) { self.model.name(of: Variable(index: $0)) }
            } catch {
                invalidCut = error
                glp_ios_terminate(tree)
                return
            }
            // 1-based arrays, element 0 unused; zero coefficients are left out as Model.addConstraint does.
            ind.removeAll(keepingCapacity: true)
            val.removeAll(keepingCapacity: true)
            ind.append(0)
            val.append(0)
            for (variable, coefficient) in cut.terms where coefficient != 0 {
                ind.append(Int32(variable.index + 1))
                val.append(coefficient)
            }
            let len = Int32(ind.count - 1)
            // The cut pool takes one-sided rows only (GLP_LO, GLP_UP): an equality or a range is two rows.
            let (lower, upper) = cut.bounds.interval
            if lower.isFinite { _ = glp_ios_add_row(tree, nil, 0, 0, len, ind, val, GLP_LO, lower) }
            if upper.isFinite { _ = glp_ios_add_row(tree, nil, 0, 0, len, ind, val, GLP_UP, upper) }
            cutsAdded += 1
        }
    }
}

/// `|objective − bound| / max(1e-9, |objective|)`.
func relativeGap(_ objective: Double, _ bound: Double) -> Double {
    abs(objective - bound) / max(1e-9, abs(objective))
}

func seconds(since start: ContinuousClock.Instant, clock: ContinuousClock) -> Double {
    let d = (clock.now - start).components
    return Double(d.seconds) + Double(d.attoseconds) * 1e-18
}
