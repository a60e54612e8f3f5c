import MIP

/// Solves capacitated facility location problems with GLPK through the ``MIP`` layer.
///
/// The model is the standard strong formulation:
///
///     minimise   Σ_i f_i y_i + Σ_ij c_ij x_ij
///     subject to Σ_i x_ij = 1                 every customer is served
///                Σ_j d_j x_ij ≤ s_i y_i       an open facility's capacity
///                x_ij ≤ y_i                   strong linking (a much tighter LP than the capacity row alone)
///                Σ_i s_i y_i ≥ Σ_j d_j        enough capacity opens (valid, tightens the LP)
///                y_i ∈ {0,1};  x_ij ∈ [0,1] (multi-sourcing) or {0,1} (single-sourcing)
///
/// Before GLPK runs, a greedy + local-search plan gives an upper bound and a Lagrangian
/// relaxation a lower bound; columns that the two prove useless (see ``Strategy``) are left out
/// of the model, which keeps the optimum and shrinks large instances several-fold.
///
/// ```swift
/// let instance = try CapacitatedFacilityLocation.read(path: "cap64.txt")
/// let plan = try FacilityLocationSolver.solve(instance, sourcing: .single, timeLimit: 30)
/// print(plan.status, plan.objective ?? .nan, plan.open)   // optimal 1053197.44 [...]
/// ```
public enum FacilityLocationSolver {
    /// Work done around GLPK; the defaults are what the OR-Library figures in the README were measured with.
    public struct Strategy: Sendable {
        /// Build a greedy + local-search single-source plan first (an upper bound, and the fallback answer).
        public var heuristic: Bool
        /// Run the Lagrangian relaxation (needs the heuristic): its bound is reported, and columns whose
        /// Lagrangian bound exceeds the plan's cost are left out of the model.
        public var reduction: Bool
        /// Hand the plan to GLPK as its first incumbent when the instance has at least this many
        /// facility–customer pairs; `nil` (the default) never does.
        ///
        /// An incumbent turns GLPK's MIP presolver off (GLPK takes one only for the untransformed
        /// problem), and that costs more than it gives: on cap61…cap134 the solves get up to twice
        /// as slow, and on capa1 (100 × 1,000) GLPK's unpresolved root LP does not finish in 60 s
        /// while the presolved one does. The plan is returned anyway when GLPK finds nothing in time.
        public var warmStartFromPairs: Int?
        /// Share of the time limit the heuristic and the relaxation may use together (2 s when there is no limit).
        public var preprocessingTimeShare: Double
        /// Add the valid row `Σ_i y_i ≥ k`, k the fewest facilities whose capacities can hold the demand.
        public var minimumOpenRow: Bool

        /// Creates a strategy; the defaults are tuned on OR-Library cap61…cap134 and capa1…capa4.
        public init(
            heuristic: Bool = true, reduction: Bool = true, warmStartFromPairs: Int? = nil,
            preprocessingTimeShare: Double = 0.25, minimumOpenRow: Bool = true
        ) {
            self.heuristic = heuristic
            self.reduction = reduction
            self.warmStartFromPairs = warmStartFromPairs
            self.preprocessingTimeShare = preprocessingTimeShare
            self.minimumOpenRow = minimumOpenRow
        }

        /// Plain GLPK with presolve on the full model above (no extra row), nothing else.
        public static let plain = Strategy(heuristic: false, reduction: false, warmStartFromPairs: nil, minimumOpenRow: false)
    }

    /// Solves `instance` with the given sourcing rule; stops at `timeLimit` seconds (for the whole
    /// call) or once the relative gap is at most `relativeGap` (`nil`: prove optimality).
    ///
    /// GLPK checks its time limit only between branch-and-bound steps, so a long root LP can
    /// overrun it (capa1 with a 60 s limit returns after about 75–80 s). When GLPK stops early, the
    /// better of its incumbent and the preprocessing plan is returned, with the better of GLPK's
    /// and the Lagrangian bound.
    ///
    /// Throws only when GLPK fails or the options are invalid; an infeasible instance (capacity
    /// below demand) comes back with status "infeasible".
    public static func solve(
        _ instance: CapacitatedFacilityLocation, sourcing: Sourcing,
        timeLimit: Double? = nil, relativeGap: Double? = nil, strategy: Strategy = .init()
    ) throws(SolverError) -> FacilityLocationResult {
        let clock = ContinuousClock(), start = clock.now
        // Checked here too because the preprocessing deadline is computed from it before GLPK sees it.
        if let t = timeLimit, !(t.isFinite && t > 0) {
            throw .invalidModel(.invalidOption("timeLimit must be a positive number of seconds, got \(t)"))
        }
        let share = strategy.preprocessingTimeShare
        let budget = timeLimit.map { $0 * (share.isFinite ? min(max(share, 0), 1) : 0.25) } ?? 2
        let m = instance.facilities, n = instance.customers

        var plan: SingleSourcePlanHeuristic.Plan?
        if strategy.heuristic {
            // Half the budget at most; the relaxation gets the rest.
            plan = SingleSourcePlanHeuristic(instance, deadline: start + .seconds(budget / 2)).run()
        }
        var reduction: LagrangianReduction?
        if strategy.reduction, let greedy = plan {
            reduction = LagrangianReduction.run(instance, sourcing: sourcing, plan: greedy, deadline: start + .seconds(budget))
            if let better = reduction?.plan { plan = better }
        }
        let built = FacilityLocationModel(
            instance, sourcing: sourcing,
            serveAllowed: reduction?.serveAllowed, openAllowed: reduction?.openAllowed, mustOpen: reduction?.mustOpen,
            minimumOpenRow: strategy.minimumOpenRow
        )

        var options = SolveOptions(timeLimit: timeLimit, relativeGap: relativeGap, presolve: true)
        if let limit = timeLimit { options.timeLimit = max(0.001, limit - seconds(since: start, clock)) }
        if let plan, let threshold = strategy.warmStartFromPairs, m * n >= threshold {
            options.warmStart = built.values(open: plan.open, facilityOf: plan.facilityOf)
        }
        let solution: Solution
        do {
            solution = try Solvers.default.solve(built.model, options: options)
        } catch .invalidModel(.invalidWarmStart) {
            // Cannot happen for a plan the heuristic checked itself; solving without it beats failing.
            options.warmStart = nil
            solution = try Solvers.default.solve(built.model, options: options)
        }

        var result = FacilityLocationResult(
            instance: instance.name, sourcing: sourcing, status: solution.status.name,
            objective: solution.objective, bestBound: solution.bestBound, gap: solution.gap,
            nodes: solution.nodes, seconds: 0, heuristicObjective: plan?.cost, lagrangianBound: reduction?.bound,
            serveColumns: built.serveColumns, open: [], assignment: []
        )
        if solution.hasSolution {
            (result.open, result.assignment) = built.plan(from: solution, sourcing: sourcing)
        }
        // GLPK stopped early (or ran out of time inside the root LP) with nothing better than the plan.
        if let plan, solution.status == .feasible || solution.status == .noSolutionFound,
           plan.cost < (solution.objective ?? .infinity) {
            result.status = SolveStatus.feasible.name
            result.objective = plan.cost
            result.open = plan.open.indices.filter { plan.open[$0] }
            result.assignment = plan.facilityOf.map { [.init(facility: $0, share: 1)] }
        }
        // The Lagrangian bound is valid for the full model, and may beat what GLPK proved in time.
        if result.status == "feasible", let objective = result.objective {
            let bound = max(solution.bestBound ?? -.infinity, reduction?.bound ?? -.infinity)
            if bound.isFinite {
                result.bestBound = min(bound, objective)
                result.gap = (objective - min(bound, objective)) / max(1e-9, abs(objective))
            } else {
                result.bestBound = nil
                result.gap = nil
            }
        }
        result.seconds = seconds(since: start, clock)
        return result
    }

    /// The full model (no columns removed), e.g. to write it out with ``MIPSolver/writeLP(_:to:)``.
    public static func model(_ instance: CapacitatedFacilityLocation, sourcing: Sourcing) -> Model {
        FacilityLocationModel(instance, sourcing: sourcing).model
    }

    private static func seconds(since start: ContinuousClock.Instant, _ clock: ContinuousClock) -> Double {
        let d = (clock.now - start).components
        return Double(d.seconds) + Double(d.attoseconds) * 1e-18
    }
}
