import Testing
import MIP
import Planning
import ReturnsNetwork

/// The Lagrangian bound never lies above a proven optimum, and is about as strong as the LP bound of the strong
/// formulation (the subgradient method stops a little short of the dual optimum, which is at least the LP bound).
@Suite struct LagrangianBoundTests {
    static func bound(_ scenario: Scenario, options: PlanOptions = PlanOptions()) -> LagrangianBound.Result {
        LagrangianBound(candidates: CandidateSet(scenario), options: options).solve(timeLimit: 20)
    }

    static func lpBound(_ scenario: Scenario, options: PlanOptions = PlanOptions()) throws -> Double {
        try #require(try Solvers.default.solveLPRelaxation(PlanModel(scenario: scenario, options: options).model).objective)
    }

    static func optimum(_ scenario: Scenario, options: PlanOptions = PlanOptions()) throws -> Double {
        var options = options
        options.aggregateAbove = nil
        let plan = try Planner.plan(scenario, options: options)
        #expect(plan.solve.status == .optimal)
        return try #require(plan.solve.objective)
    }

    @Test(arguments: [60.0, 120, 250])
    func breakEvenNetwork(parcels: Double) throws {
        // One optional hub with a 100-parcel truck, or every parcel direct: small enough to check by hand. The
        // optimum fills whole trucks and sends the rest direct; the bound, like the LP, may run part of a truck.
        let scenario = try HubSweepTests.scenario(parcels: parcels)
        let optimum = try Self.optimum(scenario)
        let result = Self.bound(scenario)
        #expect(result.bound <= optimum + 1e-6 * max(1, abs(optimum)), "bound \(result.bound) above optimum \(optimum)")
        let lp = try Self.lpBound(scenario)
        #expect(result.bound >= lp - 0.005 * abs(lp), "bound \(result.bound) far below the LP bound \(lp)")
    }

    @Test(arguments: ExampleScenarios.files)
    func exampleScenarios(file: String) throws {
        let scenario = try ExampleScenarios.load(file)
        let optimum = try Self.optimum(scenario)
        let result = Self.bound(scenario)
        #expect(result.bound <= optimum + 1e-6 * max(1, abs(optimum)), "bound \(result.bound) above optimum \(optimum)")
        let lp = try Self.lpBound(scenario)
        #expect(result.bound >= lp - 0.01 * abs(lp), "bound \(result.bound) far below the LP bound \(lp)")
    }

    @Test func hubCountAndFixedHubsAreHonoured() throws {
        let scenario = try ExampleScenarios.load("eu-uk-returns.yaml")
        let hubs = scenario.nodes.filter { $0.kind == .hub && $0.isCandidate }.map(\.id).sorted()
        try #require(hubs.count >= 2)
        for count in 0...2 {
            var options = PlanOptions()
            options.hubCount = count
            let optimum = try Self.optimum(scenario, options: options)
            let result = Self.bound(scenario, options: options)
            #expect(result.bound <= optimum + 1e-6 * max(1, abs(optimum)), "\(count) hubs: bound \(result.bound) above optimum \(optimum)")
            #expect(result.openHubs.count == count)
        }
        var options = PlanOptions()
        options.openHubs = [hubs[0]]
        let optimum = try Self.optimum(scenario, options: options)
        let result = Self.bound(scenario, options: options)
        #expect(result.bound <= optimum + 1e-6 * max(1, abs(optimum)))
        #expect(result.openHubs.count == 1)
    }
}

/// The solver-free plan: greedy routing with every truck available, then polished.
@Suite struct PlanPolishTests {
    static func construct(_ scenario: Scenario) throws -> (PlanDecisions, CandidateSet) {
        let candidates = CandidateSet(scenario)
        let model = PlanModel(candidates: candidates)
        let upper = model.dispatches.mapValues { Int(model.model.bounds(of: $0)?.upper ?? 0) }
        return (try #require(PlanPolish.construct(candidates, upper: upper)), candidates)
    }

    @Test func emptiesTheSecondTruckWhenDirectIsCheaper() throws {
        // 120 parcels: greedy puts all 120 on the truck route (two dispatches); the second truck's 20 parcels cost
        // 12 more each direct (240) but the dispatch costs 305, so polishing moves them: the optimum, −4,895.
        let (decisions, candidates) = try Self.construct(try HubSweepTests.scenario(parcels: 120))
        #expect(abs(PlanPolish.cost(candidates, decisions) - (-4895)) < 1e-6)
        #expect(decisions.dispatches.values.reduce(0, +) == 1)
    }

    @Test func withNoTimeToPolishTrucksStillMatchTheLoad() throws {
        // The greedy start offers 12 trucks; 120 parcels all by truck need two of the 100-parcel trucks: −4,830,
        // 65 worse than the optimum that polishing finds.
        let scenario = try HubSweepTests.scenario(parcels: 120)
        let candidates = CandidateSet(scenario)
        let model = PlanModel(candidates: candidates)
        let upper = model.dispatches.mapValues { _ in 12 }
        let decisions = try #require(PlanPolish.construct(candidates, upper: upper, timeLimit: 0))
        #expect(decisions.dispatches.values.reduce(0, +) == 2)
        #expect(abs(PlanPolish.cost(candidates, decisions) - (-4830)) < 1e-6)
    }

    @Test(arguments: [40.0, 120, 250])
    func isAFeasiblePlanNoBetterThanTheOptimum(parcels: Double) throws {
        let scenario = try HubSweepTests.scenario(parcels: parcels)
        let (decisions, candidates) = try Self.construct(scenario)
        let plan = Planner.describe(candidates, decisions)
        let optimum = try #require(try Planner.plan(scenario).solve.objective)
        #expect(abs(plan.costs.net - PlanPolish.cost(candidates, decisions)) < 1e-6)
        #expect(plan.costs.net >= optimum - 1e-6)
        #expect(PlanRules(candidates.graph).violations(of: decisions, over: candidates) == [])
        #expect(PlanRules(candidates.graph).violations(of: plan) == [])
    }
}
