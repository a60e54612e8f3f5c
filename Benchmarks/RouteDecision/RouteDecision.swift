import Benchmark
import BenchmarkFixtures
import Routing

/// Table decisions on the generated 2,000-zone network: throughput, wall clock per decision and mallocs.
let benchmarks: @Sendable () -> Void = {
    nonisolated(unsafe) var router: Router?
    nonisolated(unsafe) var parcels: [Parcel] = []

    Benchmark(
        "RouteDecision",
        configuration: .init(metrics: [.throughput, .wallClock, .cpuTotal, .mallocCountTotal, .instructions], scalingFactor: .mega, maxDuration: .seconds(10), maxIterations: 30)
    ) { benchmark in
        guard let router else { return }
        let count = parcels.count
        var index = 0
        for _ in benchmark.scaledIterations {
            blackHole(router.decide(parcels[index]))
            index += 1
            if index == count { index = 0 }
        }
    } setup: {
        let scenario = try Fixtures.scenario()
        let plan = try Fixtures.plan(scenario)
        let built = try Router(scenario: scenario, plan: plan)
        router = built
        parcels = try Fixtures.parcels(scenario, router: built, count: 100_000).parcels
    }

    Benchmark(
        "RouteDecision single",
        configuration: .init(metrics: [.wallClock, .mallocCountTotal], scalingFactor: .one, maxDuration: .seconds(5), maxIterations: 1_000_000)
    ) { benchmark in
        guard let router else { return }
        blackHole(router.decide(parcels[benchmark.currentIteration % parcels.count]))
    }
}
