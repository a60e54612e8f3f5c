import Testing
import MIP
@testable import Planning
import ReturnsNetwork

/// Dropping dominated paths leaves the plan MIP's optimum as it was.
@Suite struct PathDominanceTests {
    /// Every route of every commodity, and the same without the dominated ones.
    static func everyRoute(_ scenario: Scenario) -> (all: CandidateSet, undominated: CandidateSet) {
        let graph = ReturnsGraph(scenario)
        let generator = PathGenerator(graph)
        let commodities = Commodity.all(in: scenario)
        var all: [[CandidatePath]] = [], undominated: [[CandidatePath]] = []
        for commodity in commodities {
            let keepOnly = generator.keepOnly(commodity)
            let routes = generator.routes(from: graph.nodeIndex[commodity.zone] ?? 0)
            let every = keepOnly ? [] : generator.allCandidates(for: commodity, routes: routes)
            let keep = scenario.policy.allowReturnlessRefunds || keepOnly ? generator.keep(commodity) : nil
            all.append(every + (keep.map { [$0] } ?? []))
            undominated.append(generator.undominated(every, keep: keep) + (keep.map { [$0] } ?? []))
        }
        return (CandidateSet(graph: graph, commodities: commodities, paths: all), CandidateSet(graph: graph, commodities: commodities, paths: undominated))
    }

    static func optimum(_ candidates: CandidateSet) throws -> Double {
        let solution = try Solvers.default.solve(PlanModel(candidates: candidates).model)
        #expect(solution.status == .optimal)
        return try #require(solution.objective)
    }

    @Test(arguments: ExampleScenarios.files)
    func theOptimumStays(file: String) throws {
        let (all, undominated) = Self.everyRoute(try ExampleScenarios.load(file))
        #expect(undominated.pathCount < all.pathCount, "nothing was dominated")
        let full = try Self.optimum(all), pruned = try Self.optimum(undominated)
        #expect(abs(full - pruned) <= 1e-6 * max(1, abs(full)), "every route \(full), undominated \(pruned)")
    }

    @Test func aDominatedPathIsOneThatCostsMoreAndHoldsMore() throws {
        // Break-even network: direct parcels, or a drop-off truck to the hub and on. The direct path holds nothing,
        // so the hub path survives only while it is cheaper per parcel.
        let scenario = try HubSweepTests.scenario(parcels: 120)
        let (all, undominated) = Self.everyRoute(scenario)
        let graph = all.graph
        for (k, paths) in all.paths.enumerated() {
            let kept = Set(undominated.paths[k])
            for path in paths where !kept.contains(path) {
                let rules = PlanRules(graph)
                let dominators = kept.filter { other in
                    other.unitCosts.net <= path.unitCosts.net && Set(rules.claims(other)).isSubset(of: Set(rules.claims(path)))
                }
                #expect(!dominators.isEmpty, "\(path.nodes) was dropped with nothing cheaper holding less")
            }
        }
    }
}

/// The LP-priced local search returns a feasible, integral plan close to the proven optimum.
@Suite struct PlanDiveTests {
    static func dive(_ scenario: Scenario, seconds: Double = 5) throws -> (plan: Solution, optimum: Double, model: PlanModel) {
        let model = PlanModel(scenario: scenario)
        let optimum = try #require(try Solvers.default.solve(model.model).objective)
        var weak = PlanOptions()
        weak.strongLinking = false
        let searchModel = PlanModel(scenario: scenario, options: weak)
        #expect(searchModel.model.variableCount == model.model.variableCount)
        let result = try #require(try PlanDive.run(searchModel, deadline: .now + .seconds(seconds)))
        return (result.solution, optimum, model)
    }

    @Test(arguments: ExampleScenarios.files)
    func examplePlansAreFeasibleAndClose(file: String) throws {
        let (plan, optimum, model) = try Self.dive(try ExampleScenarios.load(file))
        let cost = try #require(plan.objective)
        // Feasible for the strong model too (its linking rows hold), with whole hubs and dispatches.
        try model.model.checkFeasible(plan.values)
        let candidates = CandidateSet(graph: model.graph, commodities: model.commodities, paths: model.paths)
        #expect(model.rules.violations(of: PlanDecisions(model, plan), over: candidates) == [])
        for v in Array(model.open.values) + Array(model.dispatches.values) {
            #expect(abs(plan.values[v.index] - plan.values[v.index].rounded()) < 1e-9)
        }
        #expect(abs(model.model.objectiveValue(of: plan.values) - cost) <= 1e-6 * max(1, abs(cost)))
        #expect(cost >= optimum - 1e-6 * max(1, abs(optimum)), "search \(cost) below the optimum \(optimum)")
        #expect(cost <= optimum + 0.02 * abs(optimum), "search \(cost) more than 2 % above the optimum \(optimum)")
    }

    @Test func stoppedAtOnceItReturnsTheRoundedPlan() throws {
        // Told to stop before the first move (as when the bound already proves the gap asked for): the relaxation
        // and its rounding are priced, nothing more, and the plan is still feasible.
        let scenario = try ExampleScenarios.load("eu-uk-returns.yaml")
        let model = PlanModel(scenario: scenario)
        var weak = PlanOptions()
        weak.strongLinking = false
        let result = try #require(try PlanDive.run(PlanModel(scenario: scenario, options: weak), deadline: .now + .seconds(5), stop: { true }))
        try model.model.checkFeasible(result.solution.values)
        #expect(result.solves == 2)
        #expect(result.moves == 0 && result.kicks == 0)
    }

    @Test(arguments: [60.0, 120, 250])
    func breakEvenNetworkIsSolved(parcels: Double) throws {
        // Whole trucks through the hub and the rest direct, or everything direct: the search finds the optimum.
        let (plan, optimum, _) = try Self.dive(try HubSweepTests.scenario(parcels: parcels))
        let cost = try #require(plan.objective)
        #expect(abs(cost - optimum) <= 1e-6 * max(1, abs(optimum)), "search \(cost), optimum \(optimum)")
    }
}
