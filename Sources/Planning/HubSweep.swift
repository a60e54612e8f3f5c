import MIP
import ReturnsNetwork

/// Solves the plan for each number of open candidate hubs and for named sets, so ops can see what each
/// hub count costs and serves. Each count is warm-started from the previous plan with one more hub opened.
public enum HubSweep {
    public static func run(
        _ scenario: Scenario, min: Int, max: Int, compare: [[String]] = [], options: PlanOptions = PlanOptions(),
        warmStart: Bool = true, onSolve: (String) -> Void = { _ in }
    ) throws(HubSweepError) -> [HubSweepRow] {
        let candidates = scenario.nodes.filter { $0.kind == .hub && $0.isCandidate }.map(\.id)
        guard !candidates.isEmpty else { throw .noCandidateHubs }
        guard 0 <= min, min <= max, max <= candidates.count else { throw .badRange(min, max, candidates: candidates.count) }
        for set in compare {
            for id in set where !candidates.contains(id) { throw .unknownHub(id, known: candidates) }
        }
        var options = options
        options.aggregateAbove = nil
        let candidateSet = CandidateSet(scenario)
        var rows: [HubSweepRow] = []
        var previous: (model: PlanModel, values: [Double])?
        for count in min...max {
            onSolve("\(count) hub\(count == 1 ? "" : "s")")
            var countOptions = options
            countOptions.hubCount = count
            let planModel = PlanModel(candidates: candidateSet, options: countOptions)
            var start: [Double]?
            if warmStart, let previous { start = openOneMore(previous.values, in: planModel) }
            var (solution, warm) = try solve(planModel, options: countOptions, warmStart: start)
            if solution.values.isEmpty, warm { (solution, warm) = try solve(planModel, options: countOptions, warmStart: nil) }
            rows.append(row(label: "\(count) hub\(count == 1 ? "" : "s")", count: count, requested: nil, planModel: planModel, solution: solution, warm: warm))
            previous = solution.values.isEmpty ? nil : (planModel, solution.values)
        }
        for set in compare {
            let label = set.joined(separator: ",")
            onSolve(label)
            var setOptions = options
            setOptions.openHubs = Set(set)
            let planModel = PlanModel(candidates: candidateSet, options: setOptions)
            let (solution, _) = try solve(planModel, options: setOptions, warmStart: nil)
            rows.append(row(label: label, count: nil, requested: set, planModel: planModel, solution: solution, warm: false))
        }
        if let best = rows.indices.filter({ rows[$0].netCost != nil }).min(by: { (rows[$0].netCost ?? .infinity) < (rows[$1].netCost ?? .infinity) }) {
            rows[best].cheapest = true
        }
        return rows
    }

    /// The previous plan with the cheapest closed candidate hub opened (carrying nothing): feasible for one more hub.
    static func openOneMore(_ values: [Double], in planModel: PlanModel) -> [Double]? {
        let scenario = planModel.graph.scenario
        let closed = planModel.open.filter { values.indices.contains($0.value.index) && values[$0.value.index] < 0.5 }
        guard let pick = closed.min(by: { (scenario.value(planModel.graph.nodes[$0.key].fixedCost), $0.key) < (scenario.value(planModel.graph.nodes[$1.key].fixedCost), $1.key) }) else { return nil }
        var start = values
        start[pick.value.index] = 1
        return start.count == planModel.model.variableCount ? start : nil
    }

    static func solve(_ planModel: PlanModel, options: PlanOptions, warmStart: [Double]?) throws(HubSweepError) -> (Solution, Bool) {
        var solveOptions = Planner.solveOptions(options)
        solveOptions.warmStart = warmStart
        do {
            return (try Solvers.default.solve(planModel.model, options: solveOptions), warmStart != nil)
        } catch {
            // A warm start GLPK will not take is dropped, not fatal.
            if warmStart != nil, case .invalidModel = error { return try Self.solve(planModel, options: options, warmStart: nil) }
            throw .solver(error)
        }
    }

    static func row(label: String, count: Int?, requested: [String]?, planModel: PlanModel, solution: Solution, warm: Bool) -> HubSweepRow {
        let plan = PlanExtractor(planModel: planModel, solution: solution).plan()
        let hasPlan = !solution.values.isEmpty
        return HubSweepRow(
            label: label, count: count, requested: requested,
            opened: plan.hubs.filter { $0.candidate && $0.open }.map(\.id), status: plan.solve.status, gap: plan.solve.gap,
            netCost: hasPlan ? plan.netCost : nil, costs: plan.costs, meanTransitDays: plan.service.meanTransitDays,
            maxTransitDays: plan.service.maxTransitDays, consolidatedShare: plan.service.consolidatedShare,
            keptShare: plan.service.keptShare, solveSeconds: solution.solveSeconds, warmStarted: warm && solution.warmStartAccepted
        )
    }
}
