import Testing
import MIP
@testable import Planning
import ReturnsNetwork

/// The deadline may cut `PlanDive`'s last re-price short, leaving the LP on a basis that is no plan (demand unmet,
/// trucks over capacity). The search must still hand back its best *priced* plan: feasible, at the cost it reports.
/// Found on the 2,000-zone network, where a 60 s plan came back "gap 0" carrying 181,000 parcels of 112,000.
@Suite(.serialized) struct DiveDeadlineTests {
    static func model() throws -> PlanModel {
        let aggregation = CommodityAggregation(try AggregatedSingleSourcingTests.scenario())
        var weak = PlanOptions()
        weak.strongLinking = false
        return PlanModel(candidates: aggregation.aggregated, options: weak)
    }

    @Test func everyDeadlineLeavesAFeasiblePlan() throws {
        let model = try Self.model()
        let candidates = CandidateSet(graph: model.graph, commodities: model.commodities, paths: model.paths, sourcingUnits: nil)
        var checked = 0
        // Deadlines spread over the descent and the kicks, so that some fall inside a solve.
        for milliseconds in stride(from: 300, through: 3_000, by: 300) {
            guard let result = try PlanDive.run(model, deadline: .now + .milliseconds(milliseconds)) else { continue }
            checked += 1
            let cost = try #require(result.solution.objective)
            #expect(model.rules.violations(of: PlanDecisions(model, result.solution), over: candidates) == [], "deadline \(milliseconds) ms")
            #expect(abs(model.model.objectiveValue(of: result.solution.values) - cost) <= 1e-6 * max(1, abs(cost)), "deadline \(milliseconds) ms: values cost \(model.model.objectiveValue(of: result.solution.values)), reported \(cost)")
        }
        #expect(checked >= 6, "only \(checked) deadlines gave a plan")
    }
}
