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
/// ```swift
/// let instance = try CapacitatedFacilityLocation.read(path: "cap64.txt")
/// let plan = try FacilityLocationSolver.solve(instance, sourcing: .single, timeLimit: 30)
/// print(plan.status, plan.objective ?? .nan, plan.open)   // optimal 1053197.44 [...]
/// ```
public enum FacilityLocationSolver {
    /// Extra work done around GLPK; the defaults are what the OR-Library figures in the README were measured with.
    public struct Strategy: Sendable {
        /// Build a greedy + local-search plan first and hand it to GLPK as its first incumbent.
        ///
        /// GLPK then runs without its MIP presolver (it can only take an incumbent for the
        /// untransformed problem), and the plan is what comes back if GLPK runs out of time early.
        public var warmStart: Bool
        /// Which sourcing rules get the warm start (by default only `.single`: with multi-sourcing
        /// only `y` is integer and presolve pays more than an incumbent).
        public var warmStartSourcings: Set<Sourcing>
        /// Share of the time limit the heuristic may use (it also stops at 2 s without a limit).
        public var heuristicTimeShare: Double

        /// Creates a strategy; the defaults warm-start single-sourcing only.
        public init(warmStart: Bool = true, warmStartSourcings: Set<Sourcing> = [.single], heuristicTimeShare: Double = 0.1) {
            self.warmStart = warmStart
            self.warmStartSourcings = warmStartSourcings
            self.heuristicTimeShare = heuristicTimeShare
        }

        /// Plain GLPK with presolve on the model above, nothing else.
        public static let plain = Strategy(warmStart: false)
    }

    /// Solves `instance` with the given sourcing rule; stops at `timeLimit` seconds or once the
    /// relative gap is at most `relativeGap` (`nil`: prove optimality).
    ///
    /// Throws only when GLPK fails or the options are invalid; an infeasible instance (capacity
    /// below demand) comes back with status "infeasible".
    public static func solve(
        _ instance: CapacitatedFacilityLocation, sourcing: Sourcing,
        timeLimit: Double? = nil, relativeGap: Double? = nil, strategy: Strategy = .init()
    ) throws(SolverError) -> FacilityLocationResult {
        let clock = ContinuousClock(), start = clock.now
        let built = FacilityLocationModel(instance, sourcing: sourcing)

        var options = SolveOptions(timeLimit: timeLimit, relativeGap: relativeGap, presolve: true)
        var heuristicObjective: Double?
        if strategy.warmStart, strategy.warmStartSourcings.contains(sourcing) {
            let budget = timeLimit.map { $0 * strategy.heuristicTimeShare } ?? 2
            let heuristic = SingleSourcePlanHeuristic(instance, deadline: start + .seconds(budget))
            if let plan = heuristic.run() {
                heuristicObjective = plan.cost
                options.warmStart = built.values(open: plan.open, facilityOf: plan.facilityOf)
                if let limit = timeLimit {
                    // The limit covers the whole call, heuristic included.
                    options.timeLimit = max(0.001, limit - seconds(since: start, clock))
                }
            }
        }

        let solution = try GLPK.solve(built.model, options: options)
        var result = FacilityLocationResult(
            instance: instance.name, sourcing: sourcing, status: statusName(solution.status),
            objective: solution.objective, bestBound: solution.bestBound, gap: solution.gap,
            nodes: solution.nodes, seconds: 0, heuristicObjective: heuristicObjective,
            open: [], assignment: []
        )
        if solution.hasSolution {
            (result.open, result.assignment) = built.plan(from: solution, sourcing: sourcing)
        }
        result.seconds = seconds(since: start, clock)
        return result
    }

    /// The GLPK model `solve` builds, e.g. to write it out with ``GLPK/writeLP(_:to:)``.
    public static func model(_ instance: CapacitatedFacilityLocation, sourcing: Sourcing) -> Model {
        FacilityLocationModel(instance, sourcing: sourcing).model
    }

    private static func statusName(_ status: SolveStatus) -> String {
        switch status {
        case .optimal: "optimal"
        case .feasible: "feasible"
        case .infeasible: "infeasible"
        case .unbounded: "unbounded"
        case .noSolutionFound: "noSolutionFound"
        }
    }

    private static func seconds(since start: ContinuousClock.Instant, _ clock: ContinuousClock) -> Double {
        let d = (clock.now - start).components
        return Double(d.seconds) + Double(d.attoseconds) * 1e-18
    }
}

/// The model with its column handles: `open[i]` is y_i, `serve[i][j]` is x_ij.
struct FacilityLocationModel {
    var model: Model
    let open: [Variable]
    let serve: [[Variable]]
    let instance: CapacitatedFacilityLocation

    init(_ instance: CapacitatedFacilityLocation, sourcing: Sourcing) {
        let m = instance.facilities, n = instance.customers
        var model = Model(name: "cflp_\(instance.name)_\(sourcing.rawValue)", sense: .minimize)
        let kind: VariableKind = sourcing == .single ? .binary : .continuous
        let open = (0 ..< m).map { i in
            model.addVariable("open_\(i + 1)", kind: .binary, objective: instance.fixedCost[i])
        }
        let serve = (0 ..< m).map { i in
            (0 ..< n).map { j in
                // A customer bigger than the facility can never be served from it whole.
                let fits = sourcing == .multi || instance.demand[j] <= instance.capacity[i]
                return model.addVariable("serve_\(i + 1)_\(j + 1)", kind: kind, upper: fits ? 1 : 0, objective: instance.cost[i][j])
            }
        }
        for j in 0 ..< n {
            model.addConstraint("demand_\(j + 1)", (0 ..< m).map { (serve[$0][j], 1) }, .equal(1))
        }
        for i in 0 ..< m {
            let terms = (0 ..< n).map { (serve[i][$0], instance.demand[$0]) } + [(open[i], -instance.capacity[i])]
            model.addConstraint("capacity_\(i + 1)", terms, .lessEqual(0))
        }
        for i in 0 ..< m {
            for j in 0 ..< n {
                model.addConstraint("link_\(i + 1)_\(j + 1)", [(serve[i][j], 1), (open[i], -1)], .lessEqual(0))
            }
        }
        model.addConstraint("aggregate_capacity", open.indices.map { (open[$0], instance.capacity[$0]) }, .greaterEqual(instance.totalDemand))
        self.model = model
        self.open = open
        self.serve = serve
        self.instance = instance
    }

    /// A full assignment of the model's columns for a single-source plan.
    func values(open isOpen: [Bool], facilityOf: [Int]) -> [Double] {
        var values = [Double](repeating: 0, count: model.variableCount)
        for (i, y) in open.enumerated() where isOpen[i] { values[y.index] = 1 }
        for (j, i) in facilityOf.enumerated() { values[serve[i][j].index] = 1 }
        return values
    }

    /// Open facilities and each customer's shares, read from a solution.
    func plan(from solution: Solution, sourcing: Sourcing) -> (open: [Int], assignment: [[FacilityLocationResult.Share]]) {
        let openFacilities = open.indices.filter { solution[open[$0]] > 0.5 }
        let assignment = (0 ..< instance.customers).map { j in
            if sourcing == .single {
                let i = serve.indices.max { solution[serve[$0][j]] < solution[serve[$1][j]] } ?? 0
                return [FacilityLocationResult.Share(facility: i, share: 1)]
            }
            return serve.indices.compactMap { i -> FacilityLocationResult.Share? in
                let share = solution[serve[i][j]]
                return share > 1e-9 ? .init(facility: i, share: share) : nil
            }
        }
        return (openFacilities, assignment)
    }
}
