import Benchmark
import BenchmarkFixtures
import FacilityLocation
import Foundation
import Planning

/// Capacitated facility location on Beasley's OR-Library instances (multi- and single-source, to proven
/// optimality), and the hub sweep of the EU/UK example. `Scripts/orlib-glpsol.py` times plain `glpsol` on the
/// same instances for comparison.
let benchmarks: @Sendable () -> Void = {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tests/FacilityLocationTests/Fixtures")
    let names = ["cap61", "cap64", "cap74", "cap94", "cap104", "cap124", "cap134"]
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal], maxDuration: .seconds(5), maxIterations: 20)

    for name in names {
        for sourcing in Sourcing.allCases {
            nonisolated(unsafe) var instance: CapacitatedFacilityLocation?
            Benchmark("CFLP \(name) \(sourcing.rawValue)-source") { _ in
                guard let instance else { return }
                let result = try FacilityLocationSolver.solve(instance, sourcing: sourcing)
                precondition(result.isOptimal, "\(name) not solved to optimality")
                blackHole(result)
            } setup: {
                instance = try CapacitatedFacilityLocation.read(path: folder.appendingPathComponent("\(name).txt").path)
            }
        }
    }

    nonisolated(unsafe) var example: ReturnsNetwork.Scenario?
    Benchmark("HubSweep eu-uk-returns 1…5") { _ in
        guard let example else { return }
        blackHole(try HubSweep.run(example, min: 1, max: 5))
    } setup: {
        example = try Fixtures.example("eu-uk-returns.yaml")
    }
}

import ReturnsNetwork
