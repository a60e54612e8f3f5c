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
            status: solution.status.name, objective: objective,
            bestBound: nil, gap: nil, buildSeconds: buildSeconds,
            solveSeconds: PlanModel.seconds(since: planStart), nodes: solution.nodes, variables: model.variableCount,
            constraints: model.constraintCount, nonzeros: model.nonzeroCount,
            commodities: candidates.commodities.count, paths: candidates.pathCount
        )
        summary.method = "aggregated"
        summary.search = lpSolves != nil ? "lp local search" : "branch-and-cut"
        summary.lpSolves = lpSolves
        summary.clusters = aggregation.aggregated.commodities.count
        summary.boundSource = nil
        // An aggregated plan is feasible for the full model, never proven optimal for it.
        if objective != nil { summary.status = "feasible" }
        var bounds: [(value: Double, source: String)] = []
        if let value = lagrangian?.bound, value.isFinite { bounds.append((value, "lagrangian, every route")) }
        if let value = relaxationBound { bounds.append((value, "full relaxation")) }
        if let best = bounds.max(by: { $0.value < $1.value }), let objective {
            summary.bestBound = min(best.value, objective)
            summary.gap = abs(objective - min(best.value, objective)) / max(1e-9, abs(objective))
            summary.boundSource = best.source
        }
        return PlanExtractor(candidates: candidates, decisions: decisions, summary: summary).plan()
    }

    /// The plan that `decisions` describe for `candidates`: for heuristics, tests and tools that decide
    /// flows, hubs and dispatches themselves.
    public static func describe(_ candidates: CandidateSet, _ decisions: PlanDecisions, status: String = "feasible") -> Plan {
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

/// A plan's decisions as plain numbers: flows per commodity and path, which hubs open, dispatches per lane.
public struct PlanDecisions: Sendable {
    public var flows: [[Double]]
    /// Open or not, per candidate hub node index.
    public var open: [Int: Bool]
    /// Dispatches per consolidated lane index that has a dispatch variable.
    public var dispatches: [Int: Int]

    public init(flows: [[Double]], open: [Int: Bool], dispatches: [Int: Int]) {
        self.flows = flows
        self.open = open
        self.dispatches = dispatches
    }

    /// Reads the decisions of a solved plan model.
    public init(_ planModel: PlanModel, _ solution: Solution) {
        let has = !solution.values.isEmpty
        flows = planModel.flow.map { row in row.map { has ? max(0, solution[$0]) : 0 } }
        open = planModel.open.mapValues { has && solution[$0] > 0.5 }
        dispatches = planModel.dispatches.mapValues { has ? Int(solution[$0].rounded()) : 0 }
    }
}

/// Reads a `Plan` out of a solved plan model, or out of decisions for a candidate set.
struct PlanExtractor {
    let candidates: CandidateSet
    let decisions: PlanDecisions
    let summary: SolveSummary
    var graph: ReturnsGraph { candidates.graph }
    var scenario: Scenario { graph.scenario }

    init(planModel: PlanModel, solution: Solution) {
        candidates = CandidateSet(graph: planModel.graph, commodities: planModel.commodities, paths: planModel.paths)
        decisions = PlanDecisions(planModel, solution)
        let model = planModel.model
        summary = SolveSummary(
            status: solution.status.name, objective: solution.objective,
            bestBound: solution.bestBound, gap: solution.gap, buildSeconds: planModel.buildSeconds,
            solveSeconds: solution.solveSeconds, nodes: solution.nodes, variables: model.variableCount,
            constraints: model.constraintCount, nonzeros: model.nonzeroCount,
            commodities: planModel.commodities.count, paths: planModel.paths.reduce(0) { $0 + $1.count }
        )
    }

    init(candidates: CandidateSet, decisions: PlanDecisions, summary: SolveSummary) {
        self.candidates = candidates
        self.decisions = decisions
        self.summary = summary
    }

    static let tiny = 1e-7

    func plan() -> Plan {
        let costing = RouteCosting(graph)
        var costs = CostBreakdown()
        var flows: [CommodityFlow] = []
        var nodeLoad = Array(repeating: 0.0, count: graph.nodes.count)
        var laneParcels = Array(repeating: 0.0, count: graph.lanes.count)
        var laneKg = Array(repeating: 0.0, count: graph.lanes.count)
        var dispositionParcels: [String: [DispositionKind: Double]] = [:]
        var travelling = 0.0, transitSum = 0.0, transitMax = 0.0, consolidated = 0.0, kept = 0.0, total = 0.0

        for (k, commodity) in candidates.commodities.enumerated() {
            total += commodity.parcels
            var pathFlows: [PathFlow] = []
            for (p, path) in candidates.paths[k].enumerated() {
                let amount = decisions.flows[k][p]
                guard amount > Self.tiny else { continue }
                costs = costs + path.unitCosts * amount
                for node in path.nodes.dropFirst() { nodeLoad[node] += amount }
                for lane in path.lanes {
                    laneParcels[lane] += amount
                    laneKg[lane] += amount * commodity.meanWeightKg
                }
                dispositionParcels[commodity.category, default: [:]][path.disposition, default: 0] += amount
                if path.isKeep {
                    kept += amount
                } else {
                    travelling += amount
                    transitSum += amount * path.transitDays
                    transitMax = max(transitMax, path.transitDays)
                    if path.lanes.contains(where: { graph.lanes[$0].mode == .consolidated }) { consolidated += amount }
                }
                pathFlows.append(PathFlow(
                    nodes: path.nodes.map { graph.nodes[$0].id }, lanes: path.lanes.map { graph.lanes[$0].id },
                    disposition: path.disposition, parcels: amount, share: amount / commodity.parcels,
                    costPerParcel: path.unitCosts.net, transitDays: path.transitDays
                ))
            }
            flows.append(CommodityFlow(zone: commodity.zone, category: commodity.category, condition: commodity.resellable ? "resellable" : "other", parcels: commodity.parcels, paths: pathFlows))
        }

        var hubs: [HubPlan] = []
        for (index, node) in graph.nodes.enumerated() where node.kind == .hub {
            let isOpen = decisions.open[index] ?? true
            // A hub that is not a candidate is always open and pays its fixed cost (ReturnsGraph.standingHubCost).
            let fixed = isOpen ? scenario.value(node.fixedCost) : 0
            costs.hubFixed += fixed
            hubs.append(HubPlan(
                id: node.id, name: node.name, country: node.country, candidate: node.isCandidate, open: isOpen,
                fixedCost: scenario.value(node.fixedCost), parcels: nodeLoad[index], capacity: node.capacityParcels,
                utilisation: node.capacityParcels.map { $0 > 0 ? nodeLoad[index] / $0 : 0 }
            ))
        }

        var lanes: [LanePlan] = []
        for (index, lane) in graph.lanes.enumerated() {
            let count = decisions.dispatches[index]
            guard laneParcels[index] > Self.tiny || (count ?? 0) > 0 else { continue }
            var fill: Double?
            var dispatchCost: Double?
            if let count {
                let entry = costing.brokeragePerEntry(lane: index)
                costs.dispatch += Double(count) * costing.dispatchCost(lane: index)
                costs.brokerage += Double(count) * entry
                dispatchCost = Double(count) * (costing.dispatchCost(lane: index) + entry)
                if count > 0 {
                    var rate = 0.0
                    if let kg = lane.capacityKg, kg > 0 { rate = max(rate, laneKg[index] / (kg * Double(count))) }
                    if let parcels = lane.capacityParcels, parcels > 0 { rate = max(rate, laneParcels[index] / (parcels * Double(count))) }
                    fill = rate
                }
            }
            lanes.append(LanePlan(
                id: lane.id, from: lane.from, to: lane.to, mode: lane.mode, crossesBorder: graph.crossesBorder[index],
                parcels: laneParcels[index], weightKg: laneKg[index], dispatches: count,
                capacityKg: lane.capacityKg, capacityParcels: lane.capacityParcels, fillRate: fill,
                dispatchCost: dispatchCost, transitDays: lane.transitDays, maxParcels: lane.maxParcels, maxKg: lane.maxKg
            ))
        }

        let dispositions = dispositionParcels.keys.sorted().flatMap { category in
            (dispositionParcels[category] ?? [:]).keys.sorted().map { kind in
                DispositionSummary(category: category, disposition: kind, parcels: dispositionParcels[category]?[kind] ?? 0)
            }
        }
        let service = ServiceSummary(
            parcels: total, meanTransitDays: travelling > 0 ? transitSum / travelling : 0, maxTransitDays: transitMax,
            consolidatedShare: total > 0 ? consolidated / total : 0, keptShare: total > 0 ? kept / total : 0
        )
        return Plan(
            scenario: scenario.name, currency: scenario.currency, solve: summary, hubs: hubs, lanes: lanes,
            flows: flows, dispositions: dispositions, costs: costs, service: service, excluded: Commodity.excluded(in: scenario)
        )
    }

}

/// The best plan cost and the best bound found so far, shared between the planning thread and the bound's thread.
final class SharedIncumbent: @unchecked Sendable {
    private let lock = NSLock()
    private var best: Double?
    private var bound: Double?
    private var abandoned = false

    /// Tells the bound's thread to stop: there will be no plan to bound.
    func abandon() { lock.withLock { abandoned = true } }

    var isAbandoned: Bool { lock.withLock { abandoned } }

    func offer(_ value: Double) { lock.withLock { if best.map({ value < $0 }) ?? true { best = value } } }

    var value: Double? { lock.withLock { best } }

    /// A proven lower bound on every plan (the highest offered is kept).
    func offerBound(_ value: Double) { lock.withLock { if bound.map({ value > $0 }) ?? true { bound = value } } }

    /// The relative gap between the best plan and the best bound, when both are known.
    var gap: Double? {
        lock.withLock {
            guard let best, let bound else { return nil }
            return max(0, best - bound) / max(1e-9, abs(best))
        }
    }
}

/// Synchronous work on a thread of its own (long CPU work does not belong on the cooperative pool).
final class BackgroundWork<Result: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var result: Result?

    init(_ work: @escaping @Sendable () -> Result) {
        let thread = Thread { [self] in
            let value = work()
            lock.withLock { result = value }
            done.signal()
        }
        thread.stackSize = 1 << 22
        thread.start()
    }

    /// Waits for the work to finish and returns what it made.
    func wait() -> Result? {
        done.wait()
        return lock.withLock { result }
    }
}
