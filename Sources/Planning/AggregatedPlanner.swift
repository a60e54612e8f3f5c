import MIP
import ReturnsNetwork

/// The stages of `Planner.planAggregated`, over one `TimeBudget`: construct a first plan without a solver; solve the
/// aggregated model (GLPK's branch-and-cut, or `PlanDive`) while `LagrangianBound` bounds every route on the second
/// core; bound by the relaxation MIP where it fits; split the plan back per zone and polish it; extract the `Plan`.
struct AggregatedPlanner {
    /// The gap the aggregated solve and its bounds aim at unless `--gap` asks for another.
    static let defaultGap = 0.002
    /// The relaxation is about three times the plan's model; past ~8,000 columns GLPK cannot finish its root LP
    /// in a minute (measured on the 2,000-zone network), so there the plan gets all the time.
    static let relaxationMostColumns = 8_000

    /// A plan the stages found, with its cost.
    typealias FirstPlan = (decisions: PlanDecisions, cost: Double)

    /// What the aggregated solve found: GLPK's solution or the search's, with the search's LP solves.
    struct Solved {
        var solution: Solution
        var lpSolves: Int?
    }

    /// The plan split back per zone, on the candidates it is now a plan of.
    struct SplitPlan {
        var candidates: CandidateSet
        var decisions: PlanDecisions
        var objective: Double?
    }

    let aggregation: CommodityAggregation
    let options: PlanOptions
    let planModel: PlanModel
    let bounder: LagrangianBound?
    let buildSeconds: Double
    let budget: TimeBudget
    let targetGap: Double
    /// Whether the relaxation MIP bounds the plan (and takes half the solve's time).
    let relaxationFits: Bool
    /// Whether `PlanDive` plans instead of GLPK's branch-and-cut.
    let searches: Bool
    /// The best plan cost and bound so far, shared with the bound's thread.
    let incumbent = SharedIncumbent()

    init(_ aggregation: CommodityAggregation, options: PlanOptions, started: ContinuousClock.Instant) {
        self.aggregation = aggregation
        self.options = options
        planModel = PlanModel(candidates: aggregation.aggregated, options: options, started: started)
        bounder = options.computeBound ? LagrangianBound(candidates: aggregation.everyRoute, options: options) : nil
        buildSeconds = PlanModel.seconds(since: started)
        targetGap = options.relativeGap ?? Self.defaultGap
        relaxationFits = options.computeBound && planModel.model.variableCount <= Self.relaxationMostColumns
        // Where GLPK cannot prove the plan anyway, an LP-priced local search (`PlanDive`) plans instead of its
        // branch-and-cut: measured on the 2,000-zone network, −4,571,260 in the minute (polished) against GLPK's
        // −4,556,540 (whose first plan came 58 s in). It keeps no hub count or single-sourcing rows, so those go to GLPK.
        searches = !relaxationFits && options.hubCount == nil && !planModel.rules.singleSourcing
        budget = TimeBudget(timeLimit: options.timeLimit, buildSeconds: buildSeconds)
    }

    // MARK: Construct

    /// A first plan without any solver (greedy routing, then polished), kept if nothing better is found: on the
    /// 2,000-zone network GLPK's first plan came 30–58 s in. (Offered to GLPK as a warm start it costs more than it
    /// gives: a warm start turns GLPK's presolver off, and the root LP then took 53 s instead of 14.) It keeps to
    /// single-sourcing, zone group by zone group, as the aggregated model does; with a hub count there is none.
    func constructFirstPlan() -> FirstPlan? {
        guard options.hubCount == nil else { return nil }
        let upper = planModel.dispatches.mapValues { Int(planModel.model.bounds(of: $0)?.upper ?? 0) }
        let hubs = options.openHubs.map { ids in Set(planModel.open.keys.filter { ids.contains(aggregation.aggregated.graph.nodes[$0].id) }) }
        guard let constructed = PlanPolish.construct(aggregation.aggregated, upper: upper, open: hubs, timeLimit: budget.construct, options: options) else { return nil }
        let cost = PlanPolish.cost(aggregation.aggregated, constructed)
        incumbent.offer(cost)
        return (constructed, cost)
    }

    // MARK: Bound

    /// The second core proves the bound: `LagrangianBound` over every route of the scenario, aiming its steps at the
    /// best plan so far, so the bound holds for every plan of the scenario.
    func startLagrangianBound(seconds: Double) -> BackgroundWork<LagrangianBound.Result>? {
        let incumbent = incumbent, targetGap = targetGap
        return bounder.map { bounder in
            BackgroundWork { bounder.solve(timeLimit: seconds, targetGap: targetGap, incumbent: { incumbent.value }, stop: { incumbent.isAbandoned }, improved: { incumbent.offerBound($0) }) }
        }
    }

    /// Small aggregated models also solve `AggregatedRelaxation` with the time left: a bound on the full model.
    func boundByRelaxation(after solved: Solved) throws(SolverError) -> Double? {
        guard relaxationFits, solved.solution.objective != nil else { return nil }
        var boundOptions = Planner.solveOptions(options)
        boundOptions.relativeGap = targetGap
        boundOptions.timeLimit = budget.remaining
        let bound = try Solvers.default.solve(AggregatedRelaxation(aggregation, options: options).model, options: boundOptions)
        return bound.bestBound ?? (bound.status == .optimal ? bound.objective : nil)
    }

    // MARK: Solve

    /// Plans the aggregated model in `seconds`: with `PlanDive` where it searches, else (or where the search found no
    /// relaxation in time, or none at all: GLPK then says which, with what time is left) with GLPK.
    func solveAggregated(seconds: Double) throws(SolverError) -> Solved {
        let solved: Solved
        if searches, let searched = try search() {
            solved = searched
        } else {
            let timeLimit = searches ? budget.remaining : budget.solve(of: seconds, sharedWithRelaxation: relaxationFits)
            solved = Solved(solution: try Solvers.default.solve(planModel.model, options: solveOptions(timeLimit: timeLimit)), lpSolves: nil)
        }
        if let objective = solved.solution.objective { incumbent.offer(objective) }
        return solved
    }

    /// GLPK's options for the aggregated model.
    func solveOptions(timeLimit: Double) -> SolveOptions {
        var solveOptions = Planner.solveOptions(options)
        solveOptions.relativeGap = targetGap
        // Measured on the 2,000-zone network: the pump halves the first plan's distance from the LP bound.
        solveOptions.feasibilityPump = true
        // Measured there too: MIR cuts raise the root bound by 0.34 % and lead GLPK to a plan 0.6 % better in the
        // minute (−4,560,394 against −4,534,764), though it comes later (about 50 s in, against 32 s); proximity
        // search (−4,549,364) and both together did worse.
        solveOptions.mirCuts = true
        let incumbent = incumbent, report = options.progress
        solveOptions.progress = { progress in
            if let value = progress.incumbent { incumbent.offer(value) }
            report?(progress)
        }
        solveOptions.timeLimit = timeLimit
        return solveOptions
    }

    /// `PlanDive` until the polish's reserve; nil where it found no relaxation in time, or none at all.
    func search() throws(SolverError) -> Solved? {
        // The search prices designs on the model without the per-path linking rows: the same columns, a
        // tenth of the rows, and with the design fixed the linking rows change nothing.
        var weak = options
        weak.strongLinking = false
        let searchModel = PlanModel(candidates: aggregation.aggregated, options: weak)
        let deadline = ContinuousClock.now + .seconds(budget.remaining)
        // Asked for a gap (`--gap`), the search stops once the bound proves it.
        let incumbent = incumbent, options = options
        let stop: @Sendable () -> Bool = {
            guard let asked = options.relativeGap, let gap = incumbent.gap else { return false }
            return gap <= asked
        }
        guard let result = try PlanDive.run(searchModel, deadline: deadline, offer: { incumbent.offer($0) }, stop: stop) else { return nil }
        return Solved(solution: result.solution, lpSolves: result.solves)
    }

    // MARK: Split back and polish

    /// The aggregated plan, or the first plan where that is cheaper, split back per zone. Where the bound is the
    /// Lagrangian one over every route, the plan may use every route too (the full relaxation bounds the cluster
    /// paths only).
    func splitBack(_ solved: Solved, first: FirstPlan?) -> SplitPlan {
        var decisions = PlanDecisions(planModel, solved.solution)
        if let first, first.cost < solved.solution.objective ?? .infinity { decisions = first.decisions }
        decisions.flows = aggregation.disaggregate(decisions.flows)
        var candidates = aggregation.full
        if !relaxationFits {
            let flows = aggregation.onEveryRoute(decisions.flows)
            if !flows.isEmpty {
                candidates = aggregation.everyRoute
                decisions.flows = flows
            }
        }
        return SplitPlan(candidates: candidates, decisions: decisions, objective: solved.solution.objective ?? first?.cost)
    }

    /// Each zone may now leave its cluster's proportional split where that pays: the polish, with the rest of the time.
    func polish(_ split: SplitPlan) -> SplitPlan {
        guard split.objective != nil else { return split }
        var polished = split
        polished.decisions = PlanPolish.polish(split.candidates, split.decisions, timeLimit: budget.polish, keepHubs: options.hubCount != nil || options.openHubs != nil, options: options)
        polished.objective = PlanPolish.cost(split.candidates, polished.decisions)
        return polished
    }

    // MARK: Extract

    /// The plan, with how it was found and the higher of the proven bounds, with its source.
    func extract(_ plan: SplitPlan, solved: Solved, lagrangian: LagrangianBound.Result?, relaxationBound: Double?) -> Plan {
        let model = planModel.model
        var summary = SolveSummary(
            status: PlanStatus(solved.solution.status), objective: plan.objective,
            bestBound: nil, gap: nil, buildSeconds: buildSeconds,
            solveSeconds: budget.elapsed, nodes: solved.solution.nodes, variables: model.variableCount,
            constraints: model.constraintCount, nonzeros: model.nonzeroCount,
            commodities: plan.candidates.commodities.count, paths: plan.candidates.pathCount
        )
        summary.method = .aggregated
        summary.search = solved.lpSolves != nil ? .lpLocalSearch : .branchAndCut
        summary.lpSolves = solved.lpSolves
        summary.clusters = aggregation.aggregated.commodities.count
        summary.boundSource = nil
        // An aggregated plan is feasible for the full model, never proven optimal for it.
        if plan.objective != nil { summary.status = .feasible }
        var bounds: [(value: Double, source: BoundSource)] = []
        if let value = lagrangian?.bound, value.isFinite { bounds.append((value, .lagrangianEveryRoute)) }
        if let value = relaxationBound { bounds.append((value, .fullRelaxation)) }
        if let best = bounds.max(by: { $0.value < $1.value }), let objective = plan.objective {
            summary.bestBound = min(best.value, objective)
            summary.gap = abs(objective - min(best.value, objective)) / max(1e-9, abs(objective))
            summary.boundSource = best.source
        }
        return PlanExtractor(candidates: plan.candidates, decisions: plan.decisions, summary: summary).plan()
    }
}
