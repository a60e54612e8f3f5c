import Benchmark
import BenchmarkFixtures
import Routing

/// The plain per-parcel search (the test oracle) on the same parcels as RouteDecision, for the speed ratio.
let benchmarks: @Sendable () -> Void = {
    nonisolated(unsafe) var oracle: ReferenceRouter?
    nonisolated(unsafe) var requests: [ParcelRequest] = []

    Benchmark(
        "ReferenceRouter",
        configuration: .init(metrics: [.throughput, .wallClock, .mallocCountTotal], scalingFactor: .kilo, maxDuration: .seconds(10), maxIterations: 20)
    ) { benchmark in
        guard let oracle else { return }
        var index = 0
        for _ in benchmark.scaledIterations {
            blackHole(oracle.decide(requests[index]))
            index = (index + 1) % requests.count
        }
    } setup: {
        let scenario = try Fixtures.scenario()
        let plan = try Fixtures.plan(scenario)
        oracle = ReferenceRouter(scenario: scenario, plan: plan)
        requests = try Fixtures.parcels(scenario, router: try Router(scenario: scenario, plan: plan), count: 100_000).requests
    }
}
