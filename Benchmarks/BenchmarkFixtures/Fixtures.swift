import Foundation
import Planning
import ReturnsNetwork
import Routing
import Synthetic

/// The generated 2,000-zone scenario the benchmarks run on, planned once and cached on disk.
public enum Fixtures {
    /// Zones, candidate hubs and seed of the benchmark network.
    public static let zones = 2_000, hubs = 40, seed: UInt64 = 1

    static let folder = FileManager.default.temporaryDirectory.appendingPathComponent("boomerang-benchmarks-z\(zones)-h\(hubs)-s\(seed)")
    static var scenarioPath: String { folder.appendingPathComponent("network.yaml").path }
    static var planPath: String { folder.appendingPathComponent("plan.json").path }

    /// The scenario (generated on first use).
    public static func scenario() throws -> Scenario {
        if !FileManager.default.fileExists(atPath: scenarioPath) {
            var options = ScenarioGenerator.Options()
            options.zones = zones
            options.hubs = hubs
            options.warehouses = 4
            options.seed = seed
            _ = try ScenarioGenerator.write(options, to: scenarioPath)
        }
        return try ScenarioLoader.load(path: scenarioPath)
    }

    /// A plan of the scenario (planned on first use with a 60 s limit, then read from disk).
    public static func plan(_ scenario: Scenario) throws -> Plan {
        if let data = FileManager.default.contents(atPath: planPath), let plan = try? JSONDecoder().decode(Plan.self, from: data) {
            return plan
        }
        let plan = try Planner.plan(scenario, options: PlanOptions(timeLimit: 60))
        try JSONEncoder().encode(plan).write(to: URL(fileURLWithPath: planPath))
        return plan
    }

    /// `count` generated parcels and the same parcels resolved for the table.
    public static func parcels(_ scenario: Scenario, router: Router, count: Int) throws -> (requests: [ParcelRequest], parcels: [Parcel]) {
        let requests = ParcelGenerator(scenario: scenario).parcels(count: count, seed: 99)
        return (requests, try requests.map { try router.table.resolve($0) })
    }

    /// The example scenario shipped in `Scenarios/`.
    public static func example(_ name: String) throws -> Scenario {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try ScenarioLoader.load(path: root.appendingPathComponent("Scenarios").appendingPathComponent(name).path)
    }
}
