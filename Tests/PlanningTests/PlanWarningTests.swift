import Testing
import Planning
import ReturnsNetwork

/// A plan says when it keeps most returns with the customer, and carries the scenario's warnings.
@Suite struct PlanWarningTests {
    @Test func aTightTransitLimitKeepsReturnsAndSaysSo() throws {
        var scenario = try ExampleScenarios.load("eu-uk-returns.yaml")
        let relaxed = try Planner.plan(scenario)
        #expect(!relaxed.warnings.contains { $0.keyPath == "settings.keptShareWarning" }, "kept \(relaxed.service.keptShare)")
        #expect(relaxed.warnings == scenario.warnings)

        scenario.settings.maxTransitDays = 3
        let tight = try Planner.plan(scenario)
        #expect(tight.service.keptShare > 0.25)
        let warning = try #require(tight.warnings.first { $0.keyPath == "settings.keptShareWarning" })
        #expect(warning.severity == .warning && warning.message.contains("above the 25.0 % warning level"), "\(warning)")

        scenario.settings.keptShareWarning = 0.99
        #expect(!(try Planner.plan(scenario)).warnings.contains { $0.keyPath == "settings.keptShareWarning" })
    }
}
