import Testing
import MIP
@testable import Planning
import ReturnsNetwork

/// A lane's own capacity per period (`maxParcels`, `maxKg`), on every planning path.
///
/// The break-even network (see `BreakEvenNetwork`): per parcel −35 direct, −47 through hub H (fixed £200) on the
/// 100-parcel truck at £305 a dispatch, 0 kept.
///
/// **A capped truck.** 250 parcels, the truck lane limited to 150 parcels (or 150 kg: a parcel weighs 1 kg) a
/// period. Uncapped, three trucks carry all 250: −47·250 + 3·305 + 200 = −10,635. Capped, the truck carries 150 on
/// two dispatches and 100 go direct: −47·150 + 2·305 + 200 − 35·100 = **−9,740** (one truck and 150 direct: −9,445;
/// keeping parcels recovers nothing).
///
/// **A capped parcel lane.** 120 parcels, the direct lane limited to 10. Uncapped, one full truck and 20 direct:
/// −4,895. Capped, a second truck pays: all 120 by truck, −47·120 + 2·305 + 200 = **−4,830** (against one truck,
/// 10 direct and 10 kept, −4,545, or 110 by truck and 10 direct, −4,710).
enum CappedNetwork {
    static func scenario(parcels: Double, direct: String = "", truck: String = "") throws -> Scenario {
        var yaml = BreakEvenNetwork.yaml(parcels: parcels)
        yaml = yaml.replacingOccurrences(of: "{id: direct, from: Z, to: O, mode: parcel, perParcel: 10,", with: "{id: direct, from: Z, to: O, mode: parcel, perParcel: 10, \(direct)")
        yaml = yaml.replacingOccurrences(of: "perDispatch: 300, capacityParcels: 100,", with: "perDispatch: 300, capacityParcels: 100, \(truck)")
        return try ScenarioLoader.parse(yaml, file: "capped.yaml")
    }

    static func cappedTruck(kg: Bool = false) throws -> Scenario {
        try scenario(parcels: 250, truck: kg ? "maxKg: 150," : "maxParcels: 150,")
    }

    static func cappedDirect() throws -> Scenario { try scenario(parcels: 120, direct: "maxParcels: 10,") }

    static func exactOptions() -> PlanOptions {
        var options = PlanOptions()
        options.aggregateAbove = nil
        return options
    }
}

@Suite struct LaneCapacityTests {
    @Test func theScenarioReadsTheCapacities() throws {
        let scenario = try CappedNetwork.scenario(parcels: 250, direct: "maxParcels: 10, maxKg: 12.5,", truck: "maxParcels: 150,")
        let direct = try #require(scenario.lanes.first { $0.id == "direct" })
        #expect(direct.maxParcels == 10 && direct.maxKg == 12.5)
        #expect(scenario.lanes.first { $0.id == "truck" }?.maxParcels == 150)
        #expect(scenario.lanes.first { $0.id == "to-hub" }?.maxParcels == nil)
    }

    @Test(arguments: [false, true])
    func exactPlanKeepsTheTruckWithinItsPeriodCapacity(kg: Bool) throws {
        let scenario = try CappedNetwork.cappedTruck(kg: kg)
        let plan = try Planner.plan(scenario, options: CappedNetwork.exactOptions())
        #expect(plan.solve.status == .optimal)
        #expect(abs(plan.netCost - (-9740)) < 1e-6)
        let truck = try #require(plan.lanes.first { $0.id == "truck" })
        #expect(abs(truck.parcels - 150) < 1e-6 && truck.dispatches == 2)
        #expect(kg ? truck.maxKg == 150 && truck.maxParcels == nil : truck.maxParcels == 150 && truck.maxKg == nil)
        #expect(abs((plan.lanes.first { $0.id == "direct" }?.parcels ?? 0) - 100) < 1e-6)
        #expect(PlanRules(ReturnsGraph(scenario)).violations(of: plan) == [])
    }

    @Test func exactPlanUsesACappedParcelLaneUpToItsCapacity() throws {
        let scenario = try CappedNetwork.cappedDirect()
        let plan = try Planner.plan(scenario, options: CappedNetwork.exactOptions())
        #expect(plan.solve.status == .optimal)
        #expect(abs(plan.netCost - (-4830)) < 1e-6)
        #expect(plan.lanes.first { $0.id == "truck" }?.dispatches == 2)
        #expect(PlanRules(ReturnsGraph(scenario)).violations(of: plan) == [])
    }

    @Test func theModelHasOneRowPerCapacity() throws {
        let model = PlanModel(scenario: try CappedNetwork.cappedTruck())
        let rows = model.limitRows.filter { model.rules.limits[$0.key].scale == .perPeriod }
        #expect(rows.count == 1)
        #expect(model.rules.limits[try #require(rows.keys.first)] == PlanRules.Limit(place: .lane(2), measure: .parcels, scale: .perPeriod, capacity: 150))
    }

    @Test(arguments: [false, true])
    func aggregatedPlanKeepsTheCapacity(kg: Bool) throws {
        let scenario = try CappedNetwork.cappedTruck(kg: kg)
        var options = PlanOptions(timeLimit: 10)
        options.aggregateAbove = 0
        let plan = try Planner.plan(scenario, options: options)
        #expect(plan.solve.method == .aggregated)
        #expect(abs(plan.netCost - (-9740)) < 1e-6)
        #expect(PlanRules(ReturnsGraph(scenario)).violations(of: plan) == [])
        // Both bounds price the capacity: the plan is proven within 1 %, which the uncapped optimum (−10,635) is not.
        let bound = try #require(plan.solve.bestBound)
        #expect(bound <= -9740 + 1e-6 && bound > -9740 - 0.01 * 9740, "bound \(bound)")
    }

    @Test(arguments: [false, true])
    func theLocalSearchFindsTheCappedOptimum(direct: Bool) throws {
        let scenario = direct ? try CappedNetwork.cappedDirect() : try CappedNetwork.cappedTruck()
        var weak = PlanOptions()
        weak.strongLinking = false
        let searchModel = PlanModel(scenario: scenario, options: weak)
        let result = try #require(try PlanDive.run(searchModel, deadline: .now + .seconds(5)))
        #expect(abs((result.solution.objective ?? 0) - (direct ? -4830 : -9740)) < 1e-6)
        let decisions = PlanDecisions(searchModel, result.solution)
        let candidates = CandidateSet(graph: searchModel.graph, commodities: searchModel.commodities, paths: searchModel.paths)
        #expect(searchModel.rules.violations(of: decisions, over: candidates) == [])
    }

    @Test func theSolverFreePlanAndThePolishKeepTheCapacity() throws {
        let scenario = try CappedNetwork.cappedTruck()
        let candidates = CandidateSet(scenario)
        let rules = PlanRules(candidates.graph)
        let truck = try #require(candidates.graph.lanes.firstIndex { $0.id == "truck" })
        let hub = try #require(candidates.graph.nodeIndex["H"])
        // Greedy with three trucks on offer: 150 by truck (the cap), 100 direct, two trucks kept.
        let built = try #require(PlanPolish.construct(candidates, upper: [truck: 3]))
        #expect(abs(PlanPolish.cost(candidates, built) - (-9740)) < 1e-6)
        #expect(rules.violations(of: built, over: candidates) == [])
        // Polishing everything-direct with the hub open and three trucks: parcels move onto the truck up to its cap
        // of 150 (not all 250), and the third truck goes.
        var direct = built
        direct.flows = candidates.paths.enumerated().map { k, paths in
            paths.map { $0.lanes.map { candidates.graph.lanes[$0].id } == ["direct"] ? candidates.commodities[k].parcels : 0 }
        }
        direct.dispatches = [truck: 3]
        direct.open = [hub: true]
        #expect(rules.violations(of: direct, over: candidates) == [])
        let polished = PlanPolish.polish(candidates, direct, timeLimit: 5)
        #expect(abs(PlanPolish.cost(candidates, polished) - (-9740)) < 1e-6)
        #expect(polished.dispatches[truck] == 2)
        #expect(rules.violations(of: polished, over: candidates) == [])
    }

    @Test func theLagrangianBoundPricesTheCapacity() throws {
        let scenario = try CappedNetwork.cappedTruck()
        let result = LagrangianBound(candidates: CandidateSet(scenario)).solve(timeLimit: 10)
        #expect(result.bound <= -9740 + 1e-6, "bound \(result.bound) above the optimum")
        let lp = try #require(try Solvers.default.solveLPRelaxation(PlanModel(scenario: scenario).model).objective)
        #expect(result.bound >= lp - 0.005 * abs(lp), "bound \(result.bound) far below the LP bound \(lp)")
        // Without the capacity priced, the bound could not rise above the uncapped optimum.
        #expect(result.bound > -10635 + 100, "bound \(result.bound)")
    }

    @Test func aPathOverACappedLaneClaimsIt() throws {
        // A second, dearer direct lane: uncapped, the cheap direct path dominates it (cheaper, holding nothing).
        // Capped, the cheap one holds the lane's capacity, so the dearer one is a real choice and is kept.
        func paths(cap: String) throws -> (generator: PathGenerator, all: [CandidatePath], kept: [CandidatePath]) {
            var yaml = BreakEvenNetwork.yaml(parcels: 120)
            yaml = yaml.replacingOccurrences(of: "{id: direct, from: Z, to: O, mode: parcel, perParcel: 10,", with: "{id: dear, from: Z, to: O, mode: parcel, perParcel: 11, transitDays: 4}\n  - {id: direct, from: Z, to: O, mode: parcel, perParcel: 10, \(cap)")
            let scenario = try ScenarioLoader.parse(yaml, file: "capped.yaml")
            let graph = ReturnsGraph(scenario)
            let generator = PathGenerator(graph)
            let commodity = Commodity.all(in: scenario)[0]
            let all = generator.allCandidates(for: commodity, routes: generator.routes(from: graph.nodeIndex["Z"] ?? 0))
            return (generator, all, generator.undominated(all))
        }
        let lanes = { (path: CandidatePath, generator: PathGenerator) in path.lanes.map { generator.graph.lanes[$0].id } }
        let uncapped = try paths(cap: "")
        #expect(!uncapped.kept.contains { lanes($0, uncapped.generator) == ["dear"] })
        let capped = try paths(cap: "maxParcels: 10,")
        #expect(capped.kept.contains { lanes($0, capped.generator) == ["dear"] })
        let direct = try #require(capped.all.first { lanes($0, capped.generator) == ["direct"] })
        #expect(capped.generator.rules.claims(direct) == [try #require(capped.generator.graph.lanes.firstIndex { $0.id == "direct" })])
        // So the plan can use it: 100 by truck, 10 direct (the cap) and 10 on the dear lane at −34:
        // −47·100 + 305 + 200 − 35·10 − 34·10 = −4,885 (all 120 by truck on two: −4,830).
        let plan = try Planner.plan(capped.generator.graph.scenario, options: CappedNetwork.exactOptions())
        #expect(abs(plan.netCost - (-4885)) < 1e-6)
        #expect(abs((plan.lanes.first { $0.id == "dear" }?.parcels ?? 0) - 10) < 1e-6)
    }
}

/// `PlanRules.violations` names what a plan breaks, with the amounts.
@Suite struct PlanRulesTests {
    @Test func eachBrokenRuleIsNamed() throws {
        let scenario = try CappedNetwork.cappedTruck()
        let candidates = CandidateSet(scenario)
        let graph = candidates.graph
        let truck = try #require(graph.lanes.firstIndex { $0.id == "truck" })
        let hub = try #require(graph.nodeIndex["H"])
        let viaHub = candidates.paths.map { paths in paths.map { $0.lanes.map { graph.lanes[$0].id } == ["to-hub", "truck"] } }
        // All 250 through the hub on two trucks: over the dispatches' capacity (200) and the lane's cap (150).
        var decisions = PlanDecisions(flows: viaHub.enumerated().map { k, row in row.map { $0 ? candidates.commodities[k].parcels : 0 } }, open: [hub: true], dispatches: [truck: 2])
        let rules = PlanRules(graph)
        let found = rules.violations(of: decisions, over: candidates)
        #expect(found.count == 2)
        #expect(found.contains(.overCapacity(place: "truck", limit: PlanRules.Limit(place: .lane(truck), measure: .parcels, scale: .perDispatch, capacity: 100), load: 250, capacity: 200)))
        #expect(found.contains(.overCapacity(place: "truck", limit: PlanRules.Limit(place: .lane(truck), measure: .parcels, scale: .perPeriod, capacity: 150), load: 250, capacity: 150)))
        #expect(found.map(\.description).contains("lane truck: 250 parcels per period, over its maxParcels of 150"))
        // The hub closed under them.
        decisions.open = [hub: false]
        let closed = rules.violations(of: decisions, over: candidates)
        #expect(closed.contains(.closedHubUsed(hub: "H", parcels: 250)))
        #expect(closed.contains(.dispatchAtClosedHub(lane: "truck", hub: "H", dispatches: 2)))
        // Half the volume lost; no dispatch at all.
        decisions = PlanDecisions(flows: decisions.flows.map { $0.map { $0 / 2 } }, open: [hub: true], dispatches: [:])
        let lost = rules.violations(of: decisions, over: candidates)
        #expect(lost.contains(.unrouted(zone: "Z", category: "apparel", routed: 125, volume: 250)))
        #expect(lost.contains(.noDispatch(lane: "truck", parcels: 125)))
        // Options: a hub count, fixed hubs.
        var options = PlanOptions()
        options.hubCount = 0
        options.openHubs = []
        let counted = PlanRules(graph, options: options).violations(of: decisions, over: candidates)
        #expect(counted.contains(.hubCount(open: 1, required: 0)))
        #expect(counted.contains(.hubNotAsRequired(hub: "H", required: false)))
    }
}
