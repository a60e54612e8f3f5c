import Benchmark
import BenchmarkFixtures
import MIP
import Planning
import ReturnsNetwork

/// Building the plan MIP against solving it: model building should be a small share of the total.
let benchmarks: @Sendable () -> Void = {
    nonisolated(unsafe) var example: Scenario?
    nonisolated(unsafe) var large: Scenario?

    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal], maxDuration: .seconds(30), maxIterations: 5)

    Benchmark("PlanBuild eu-uk-returns") { _ in
        guard let example else { return }
        blackHole(PlanModel(scenario: example))
    } setup: {
        example = try Fixtures.example("eu-uk-returns.yaml")
    }

    Benchmark("PlanSolve eu-uk-returns") { _ in
        guard let example else { return }
        blackHole(try Planner.plan(example))
    } setup: {
        example = try Fixtures.example("eu-uk-returns.yaml")
    }

    Benchmark("PlanBuild 2000 zones (aggregated)") { _ in
        guard let large else { return }
        let aggregation = CommodityAggregation(large)
        blackHole(PlanModel(candidates: aggregation.aggregated))
    } setup: {
        large = try Fixtures.scenario()
    }

    Benchmark("PlanSolve 2000 zones (aggregated, 60 s limit)", configuration: .init(metrics: [.wallClock], maxDuration: .seconds(200), maxIterations: 1)) { _ in
        guard let large else { return }
        blackHole(try Planner.plan(large, options: PlanOptions(timeLimit: 60)))
    } setup: {
        large = try Fixtures.scenario()
    }
}
