import ArgumentParser
import ReturnsNetwork

/// `boomerang validate FILE`: checks a scenario and reports every problem at once.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a scenario file and report every problem with its file, line and column.",
        discussion: "Problems and warnings go to stderr as FILE:LINE:COLUMN: error|warning: …. Exit codes: 0 valid (warnings or not), 2 problems found."
    )

    @Argument(help: "The scenario file (YAML or JSON).")
    var scenario: String

    func run() throws {
        let loaded = try loadScenario(scenario)
        let kinds = Dictionary(grouping: loaded.nodes, by: \.kind).map { "\($0.value.count) \($0.key.rawValue)" }.sorted()
        let parcels = loaded.demand.reduce(0) { $0 + $1.parcels }
        let warnings = loaded.warnings.isEmpty ? "" : loaded.warnings.count == 1 ? "; 1 warning" : "; \(loaded.warnings.count) warnings"
        print("\(scenario): valid\(warnings) — \(loaded.nodes.count) nodes (\(kinds.joined(separator: ", "))), \(loaded.lanes.count) lanes, \(loaded.demand.count) forecast rows, \(formatNumber(parcels)) parcels per period")
    }
}

/// Loads a scenario, printing every problem and warning to stderr and exiting with code 2 when it is invalid.
func loadScenario(_ path: String) throws -> Scenario {
    do {
        let scenario = try ScenarioLoader.load(path: path)
        for warning in scenario.warnings { printError(warning.description) }
        return scenario
    } catch {
        printError(error.description)
        throw ExitCode(2)
    }
}
