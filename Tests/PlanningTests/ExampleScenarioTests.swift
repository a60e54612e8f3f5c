import Foundation
import Testing
import MIP
import Planning
import ReturnsNetwork

/// The scenarios a newcomer runs first: each must solve to proven optimality with a self-consistent plan.
enum ExampleScenarios {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folder = root.appendingPathComponent("Scenarios")

    static var files: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted()
    }

    static func load(_ name: String) throws -> Scenario {
        try ScenarioLoader.load(path: folder.appendingPathComponent(name).path)
    }
}

@Suite(.serialized) struct ExampleScenarioTests {
    @Test func thereAreAtLeastThreeExamples() {
        #expect(ExampleScenarios.files.count >= 3)
    }

    @Test(arguments: ExampleScenarios.files)
    func solvesToOptimalityWithAConsistentPlan(_ name: String) throws {
        let scenario = try ExampleScenarios.load(name)
        let plan = try Planner.plan(scenario)
        #expect(plan.solve.status == .optimal, "\(name): \(plan.solve.status)")
        let objective = try #require(plan.solve.objective)

        // The cost breakdown adds up to the objective the solver minimised.
        #expect(abs(plan.costs.net - objective) <= 1e-6 * max(1, abs(objective)), "\(name): breakdown \(plan.costs.net) vs objective \(objective)")

        // The plan keeps every rule: each commodity's paths carry exactly its volume, dispatches cover every
        // consolidated lane's load in kg and parcels, a closed hub and its lanes carry nothing, capacities hold.
        let violations = PlanRules(ReturnsGraph(scenario)).violations(of: plan)
        #expect(violations.isEmpty, "\(name): \(violations.map(\.description))")
    }

    @Test(arguments: ExampleScenarios.files)
    func planJSONRoundTrips(_ name: String) throws {
        let plan = try Planner.plan(try ExampleScenarios.load(name))
        let data = try JSONEncoder().encode(plan)
        let decoded = try JSONDecoder().decode(Plan.self, from: data)
        #expect(decoded == plan)
        #expect(decoded.schemaVersion == Plan.currentSchemaVersion)
    }

    /// A plan as schema 1 wrote it — credits positive, `parcelFreight`, no `net`, lanes' `dispatchCost` with their
    /// entries and no cost parts of their own — still reads, with the same breakdown.
    @Test(arguments: ExampleScenarios.files)
    func schemaVersion1PlansStillRead(_ name: String) throws {
        let plan = try Planner.plan(try ExampleScenarios.load(name))
        var object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(plan)) as? [String: Any])
        object["schemaVersion"] = 1
        var costs = try #require(object["costs"] as? [String: Double])
        costs["parcelFreight"] = costs.removeValue(forKey: "freight")
        costs["recoveredValue"] = -(costs["recoveredValue"] ?? 0)
        costs["customerFees"] = -(costs["customerFees"] ?? 0)
        costs["net"] = nil
        object["costs"] = costs
        object["warnings"] = nil
        object["lanes"] = try #require(object["lanes"] as? [[String: Any]]).map { lane in
            var lane = lane
            if let dispatch = lane["dispatchCost"] as? Double { lane["dispatchCost"] = dispatch + (lane["brokerageCost"] as? Double ?? 0) }
            for key in ["freightCost", "brokerageCost", "dutyCost"] { lane[key] = nil }
            return lane
        }
        let old = try JSONDecoder().decode(Plan.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(old.schemaVersion == 1)
        for (a, b) in zip(old.costs.parts, plan.costs.parts) {
            #expect(a.key == b.key && abs(a.amount - b.amount) <= 1e-9 * max(1, abs(b.amount)), "\(name): \(a) vs \(b)")
        }
        #expect(old.netCost == plan.netCost && old.warnings.isEmpty && old.lanes.count == plan.lanes.count)
    }

    static let glpsol = ["/usr/bin/glpsol", "/usr/local/bin/glpsol", "/opt/homebrew/bin/glpsol"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: glpsol != nil, "glpsol not installed (apt-get install glpk-utils); the MPS cross-check is skipped"), arguments: ExampleScenarios.files)
    func writtenMPSSolvedByGlpsolGivesTheSameObjective(_ name: String) throws {
        let scenario = try ExampleScenarios.load(name)
        let planModel = PlanModel(scenario: scenario)
        let plan = try Planner.solve(planModel)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("boomerang-mps-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let mps = directory.appendingPathComponent("plan.mps").path
        let report = directory.appendingPathComponent("plan.txt").path
        try Solvers.default.writeMPS(planModel.model, to: mps)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.glpsol))
        process.arguments = ["--freemps", mps, "--min", "-o", report]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let text = try String(contentsOfFile: report, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("Objective:") })
        // "Objective:  obj = -4895 (MINimum)"
        let value = try #require(line.split(separator: "=").last?.split(separator: "(").first.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) })
        let objective = try #require(plan.solve.objective)
        #expect(abs(value - objective) <= 1e-6 * max(1, abs(objective)) + 1e-3, "\(name): glpsol \(value) vs boomerang \(objective)")
    }
}
