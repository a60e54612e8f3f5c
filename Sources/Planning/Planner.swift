import Foundation
import MIP
import ReturnsNetwork

/// Why planning could not produce a plan.
public enum PlanningError: Error, CustomStringConvertible {
    case solver(SolverError)

    public var description: String {
        switch self {
        case let .solver(error): "the solver failed: \(error)"
        }
    }
}

/// Plans a scenario: builds the plan MIP, solves it with GLPK and reads the plan back.
///
/// ```swift
/// let plan = try Planner.plan(scenario, options: PlanOptions(timeLimit: 60))
/// print(plan.netCost, plan.solve.status)
/// ```
public enum Planner {
    /// Builds and solves the plan MIP. A plan is returned for every outcome; `plan.solve.status` says
    /// whether it is optimal, stopped with a gap, or has no flows because none was found.
    public static func plan(_ scenario: Scenario, options: PlanOptions = PlanOptions()) throws(PlanningError) -> Plan {
        let started = ContinuousClock.now
        if let limit = options.aggregateAbove, Commodity.all(in: scenario).count > limit {
            return try planAggregated(CommodityAggregation(scenario), options: options, started: started)
        }
        let planModel = PlanModel(candidates: CandidateSet(scenario), options: options, started: started)
        return try solve(planModel, options: options)
    }

    /// Plans on clusters of like commodities (see `CommodityAggregation`) and splits the flows back: a feasible
    /// plan of the full model, at the cost the aggregated MIP reports.
    ///
    /// The two cores work at once. This thread plans the aggregated model: with GLPK's branch-and-cut where the
    /// `AggregatedRelaxation` is small enough for GLPK to solve in the time (up to ~8,000 plan columns; the plan
    /// gets half the time and the relaxation's MIP the rest), else with `PlanDive`. Another thread runs
    /// `LagrangianBound` over every route of the scenario, aiming at the best plan found so far, so the bound
    /// holds for every plan of the scenario. The higher of the bounds is reported, with its source.
    public static func planAggregated(_ aggregation: CommodityAggregation, options: PlanOptions = PlanOptions(), started: ContinuousClock.Instant = .now) throws(PlanningError) -> Plan {
        let planModel = PlanModel(candidates: aggregation.aggregated, options: options, started: started)
        let bounder = options.computeBound ? LagrangianBound(candidates: aggregation.everyRoute, options: options) : nil
        let buildSeconds = PlanModel.seconds(since: started)
        // Large networks are never solved without a limit: two minutes unless told otherwise.
        // A few seconds at the end polish the plan (see `PlanPolish`).
        let total = max(1, (options.timeLimit ?? 120) - buildSeconds)
        let polishReserve = min(2, total * 0.05)
        let limit = max(1, total - polishReserve)
        let target = options.relativeGap ?? 0.002
        // The relaxation is about three times the plan's model; past ~8,000 columns GLPK cannot finish its root LP
        // in a minute (measured on the 2,000-zone network), so there the plan gets all the time.
        let relaxationFits = options.computeBound && planModel.model.variableCount <= 8_000
        let singleSourcing = planModel.rules.singleSourcing
        var planOptions = solveOptions(options)
        planOptions.relativeGap = target
        // Measured on the 2,000-zone network: the pump halves the first plan's distance from the LP bound.
        planOptions.feasibilityPump = true
        // Measured there too: MIR cuts raise the root bound by 0.34 % and lead GLPK to a plan 0.6 % better in the
        // minute (−4,560,394 against −4,534,764), though it comes later (about 50 s in, against 32 s); proximity
        // search (−4,549,364) and both together did worse.
        planOptions.mirCuts = true
        // A first plan without any solver (greedy routing, then polished), kept if nothing better is found: on the
        // 2,000-zone network GLPK's first plan came 30–58 s in. (Offered to GLPK as a warm start it costs more than it
        // gives: a warm start turns GLPK's presolver off, and the root LP then took 53 s instead of 14.)
        let clock = ContinuousClock()
        let planStart = clock.now
        var constructed: PlanDecisions?
        // (It keeps to single-sourcing, zone group by zone group, as the aggregated model does.)
        if options.hubCount == nil {
            let upper = planModel.dispatches.mapValues { Int(planModel.model.bounds(of: $0)?.upper ?? 0) }
            let hubs = options.openHubs.map { ids in Set(planModel.open.keys.filter { ids.contains(aggregation.aggregated.graph.nodes[$0].id) }) }
            constructed = PlanPolish.construct(aggregation.aggregated, upper: upper, open: hubs, timeLimit: min(5, total * 0.1), options: options)
        }
        let incumbent = SharedIncumbent()
        let constructedCost = constructed.map { PlanPolish.cost(aggregation.aggregated, $0) }
        if let constructedCost { incumbent.offer(constructedCost) }
        let report = options.progress
        planOptions.progress = { progress in
            if let value = progress.incumbent { incumbent.offer(value) }
            report?(progress)
        }
        // The first plan's seconds come out of the solve's time.
        let left = max(1, limit - PlanModel.seconds(since: planStart))
        planOptions.timeLimit = relaxationFits ? left * 0.5 : left
        // The second core proves the bound.
        let bounding = bounder.map { bounder in
            BackgroundWork { bounder.solve(timeLimit: left, targetGap: target, incumbent: { incumbent.value }, stop: { incumbent.isAbandoned }, improved: { incumbent.offerBound($0) }) }
        }
        // Where GLPK cannot prove the plan anyway, an LP-priced local search (`PlanDive`) plans instead of its
        // branch-and-cut: measured on the 2,000-zone network, −4,571,260 in the minute (polished) against GLPK's
        // −4,556,540 (whose first plan came 58 s in). It keeps no hub count or single-sourcing rows, so those go to GLPK.
        let searches = !relaxationFits && options.hubCount == nil && !singleSourcing
        var lpSolves: Int?
        let solution: Solution
        var relaxationBound: Double?
        do {
            if searches {
                // The search prices designs on the model without the per-path linking rows: the same columns, a
                // tenth of the rows, and with the design fixed the linking rows change nothing.
                var weak = options
                weak.strongLinking = false
                let searchModel = PlanModel(candidates: aggregation.aggregated, options: weak)
                let deadline = ContinuousClock.now + .seconds(max(1, limit - PlanModel.seconds(since: planStart)))
                // Asked for a gap (`--gap`), the search stops once the bound proves it.
                let stop: @Sendable () -> Bool = {
                    guard let asked = options.relativeGap, let gap = incumbent.gap else { return false }
                    return gap <= asked
                }
                if let result = try PlanDive.run(searchModel, deadline: deadline, offer: { incumbent.offer($0) }, stop: stop) {
                    solution = result.solution
                    lpSolves = result.solves
                } else {
                    // No relaxation in time, or none at all: GLPK says which, with what time is left.
                    planOptions.timeLimit = max(1, limit - PlanModel.seconds(since: planStart))
                    solution = try Solvers.default.solve(planModel.model, options: planOptions)
                }
            } else {
                solution = try Solvers.default.solve(planModel.model, options: planOptions)
            }
            if let objective = solution.objective { incumbent.offer(objective) }
            if relaxationFits, solution.objective != nil {
                var boundOptions = solveOptions(options)
                boundOptions.relativeGap = target
                boundOptions.timeLimit = max(1, limit - (clock.now - planStart) / .seconds(1))
                let bound = try Solvers.default.solve(AggregatedRelaxation(aggregation, options: options).model, options: boundOptions)
                relaxationBound = bound.bestBound ?? (bound.status == .optimal ? bound.objective : nil)
            }
        } catch {
            incumbent.abandon()
            _ = bounding?.wait()
            throw .solver(error)
        }
        // The plan stopped at its limit (or GLPK at its gap); the second core may still be at work until the limit.
        let lagrangian = bounding?.wait()
        var decisions = PlanDecisions(planModel, solution)
        if let constructed, let constructedCost, constructedCost < solution.objective ?? .infinity { decisions = constructed }
        decisions.flows = aggregation.disaggregate(decisions.flows)
        // Each zone may now leave its cluster's proportional split where that pays: polish the plan. Where the bound
        // is the Lagrangian one over every route, the polish may use every route too (the full relaxation bounds
        // the cluster paths only).
        var candidates = aggregation.full
        if !relaxationFits {
            let flows = aggregation.onEveryRoute(decisions.flows)
            if !flows.isEmpty {
                candidates = aggregation.everyRoute
                decisions.flows = flows
            }
        }
        var objective = solution.objective ?? constructedCost
        if objective != nil {
            let polishTime = max(0.5, limit + polishReserve - PlanModel.seconds(since: planStart))
            decisions = PlanPolish.polish(candidates, decisions, timeLimit: polishTime, keepHubs: options.hubCount != nil || options.openHubs != nil, options: options)
            objective = PlanPolish.cost(candidates, decisions)
        }
        let model = planModel.model
        var summary = SolveSummary(
            status: PlanStatus(solution.status), objective: objective,
            bestBound: nil, gap: nil, buildSeconds: buildSeconds,
            solveSeconds: PlanModel.seconds(since: planStart), nodes: solution.nodes, variables: model.variableCount,
            constraints: model.constraintCount, nonzeros: model.nonzeroCount,
            commodities: candidates.commodities.count, paths: candidates.pathCount
        )
        summary.method = .aggregated
        summary.search = lpSolves != nil ? .lpLocalSearch : .branchAndCut
        summary.lpSolves = lpSolves
        summary.clusters = aggregation.aggregated.commodities.count
        summary.boundSource = nil
        // An aggregated plan is feasible for the full model, never proven optimal for it.
        if objective != nil { summary.status = .feasible }
        var bounds: [(value: Double, source: BoundSource)] = []
        if let value = lagrangian?.bound, value.isFinite { bounds.append((value, .lagrangianEveryRoute)) }
        if let value = relaxationBound { bounds.append((value, .fullRelaxation)) }
        if let best = bounds.max(by: { $0.value < $1.value }), let objective {
            summary.bestBound = min(best.value, objective)
            summary.gap = abs(objective - min(best.value, objective)) / max(1e-9, abs(objective))
            summary.boundSource = best.source
        }
        return PlanExtractor(candidates: candidates, decisions: decisions, summary: summary).plan()
    }

    /// The plan that `decisions` describe for `candidates`: for heuristics, tests and tools that decide
    /// flows, hubs and dispatches themselves.
    public static func describe(_ candidates: CandidateSet, _ decisions: PlanDecisions, status: PlanStatus = .feasible) -> Plan {
        let summary = SolveSummary(status: status, objective: nil, bestBound: nil, gap: nil, buildSeconds: 0, solveSeconds: 0, nodes: 0, variables: 0, constraints: 0, nonzeros: 0, commodities: candidates.commodities.count, paths: candidates.pathCount)
        var plan = PlanExtractor(candidates: candidates, decisions: decisions, summary: summary).plan()
        plan.solve.objective = plan.costs.net
        return plan
    }

    static func solveOptions(_ options: PlanOptions) -> SolveOptions {
        var solveOptions = SolveOptions()
        solveOptions.timeLimit = options.timeLimit
        solveOptions.relativeGap = options.relativeGap
        solveOptions.verbose = options.verbose
        solveOptions.progress = options.progress
        return solveOptions
    }

    /// Solves an already built plan model.
    public static func solve(_ planModel: PlanModel, options: PlanOptions = PlanOptions()) throws(PlanningError) -> Plan {
        let solution: Solution
        do {
            solution = try Solvers.default.solve(planModel.model, options: solveOptions(options))
        } catch {
            throw .solver(error)
        }
        var plan = PlanExtractor(planModel: planModel, solution: solution).plan()
        if options.explain {
            do {
                plan.sensitivity = try PlanSensitivity.compute(planModel, solution, options: options)
            } catch {
                throw .solver(error)
            }
        }
        return plan
    }
}
