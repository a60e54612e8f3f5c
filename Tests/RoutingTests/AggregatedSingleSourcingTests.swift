import Testing
import Planning
import ReturnsNetwork
import Synthetic

/// Single-sourcing on the aggregated path (`--single-sourcing --aggregate`): every zone's returns that go through
/// a hub go through one, after the split back to the zones and the polish.
@Suite(.serialized) struct AggregatedSingleSourcingTests {
    static func scenario() throws -> Scenario {
        var options = ScenarioGenerator.Options()
        options.zones = 300
        options.hubs = 10
        options.seed = 5
        return try ScenarioGenerator.scenario(options)
    }

    static func plan(_ scenario: Scenario, singleSourcing: Bool) throws -> Plan {
        var options = PlanOptions(timeLimit: 20, singleSourcing: singleSourcing)
        options.aggregateAbove = 0
        return try Planner.plan(scenario, options: options)
    }

    @Test func everyZoneReachesOneHub() throws {
        let scenario = try Self.scenario()
        let rules = PlanRules(ReturnsGraph(scenario), options: PlanOptions(singleSourcing: true))
        let plan = try Self.plan(scenario, singleSourcing: true)
        #expect(plan.solve.method == .aggregated)
        #expect((plan.solve.clusters ?? 0) < plan.solve.commodities)
        let objective = try #require(plan.solve.objective)
        #expect(abs(plan.costs.net - objective) <= 1e-6 * abs(objective))
        let violations = rules.violations(of: plan)
        #expect(violations.isEmpty, "\(violations.prefix(5).map(\.description))")
        // Hubs do take returns, from zones of several hubs' reach, so the rule has work to do.
        #expect(plan.hubs.filter { $0.parcels > 1 }.count >= 2)

        // Without the rule, the same network's plan sends some zone to two hubs: the check can fail.
        let free = try Self.plan(scenario, singleSourcing: false)
        #expect(rules.violations(of: free).contains { if case .splitSourcing = $0 { true } else { false } })
        #expect(PlanRules(ReturnsGraph(scenario)).violations(of: free) == [])
        // The rule costs something, never nothing gained.
        #expect(objective >= (free.solve.bestBound ?? -.infinity) - 1e-6 * abs(objective))
    }
}
