import Foundation
import Testing
import Planning
import ReturnsNetwork

/// The scenario shown in README.md must load and plan, so the documentation stays true.
@Test func readmeExampleScenarioPlans() throws {
    let readme = try String(contentsOf: ExampleScenarios.root.appendingPathComponent("README.md"), encoding: .utf8)
    let start = try #require(readme.range(of: "```yaml\n"))
    let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
    let yaml = String(readme[start.upperBound..<end.lowerBound])
    let plan = try Planner.plan(try ScenarioLoader.parse(yaml, file: "README.md"))
    #expect(plan.solve.status == .optimal)
    #expect(plan.service.parcels == 900)
}
