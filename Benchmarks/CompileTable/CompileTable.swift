import Benchmark
import BenchmarkFixtures
import Planning
import ReturnsNetwork
import Routing

/// Compiling the route table for 2,000 zones × 8 categories from the scenario and its plan.
let benchmarks: @Sendable () -> Void = {
    nonisolated(unsafe) var scenario: Scenario?
    nonisolated(unsafe) var plan: Plan?

    Benchmark(
        "CompileTable",
        configuration: .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident], maxDuration: .seconds(20), maxIterations: 10)
    ) { _ in
        guard let scenario, let plan else { return }
        blackHole(try RouteTable(scenario: scenario, plan: plan))
    } setup: {
        let loaded = try Fixtures.scenario()
        scenario = loaded
        plan = try Fixtures.plan(loaded)
    }
}
