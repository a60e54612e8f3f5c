import ArgumentParser
import Foundation
import Planning
import Report
import ReturnsNetwork

/// `boomerang report`: the plan as one self-contained HTML page with a map, charts and tables.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a plan as one self-contained HTML page: a map, charts and tables, no external files.",
        discussion: """
        INPUT is a scenario (planned first) or a plan JSON from `boomerang plan --format json` (then --scenario \
        gives the network it belongs to). --sweep adds a hub sweep from `boomerang hubs --format json`. \
        --format text writes the plan's tables instead, as `boomerang plan` prints them (a saved plan read again).
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case html, text, txt
    }

    @Argument(help: "A scenario file, or a plan JSON.") var input: String
    @Option(help: "The scenario a plan JSON belongs to.") var scenario: String?
    @Option(help: "A hub sweep from `boomerang hubs --format json`.") var sweep: String?
    @Option(help: "Time limit for planning, in seconds.") var timeLimit: Double?
    @Option(help: "html (default) or text; default: from the -o file's extension.") var format: Format?
    @Option(name: .shortAndLong, help: "The file to write (- for standard output).") var output: String

    func run() throws {
        let plan: Plan
        let network: Scenario
        if input.hasSuffix(".json") {
            guard let scenario else {
                printError("error: a plan JSON needs --scenario FILE, the network it belongs to (for the map)")
                throw ExitCode(2)
            }
            network = try loadScenario(scenario)
            plan = try decode(Plan.self, from: input, what: "plan")
        } else {
            network = try loadScenario(scenario ?? input)
            plan = try Planner.plan(network, options: PlanOptions(timeLimit: timeLimit))
        }
        if outputFormat(format, forOutput: output, else: .html) != .html {
            try emit(PlanText.render(plan), to: output)
            return
        }
        let rows = try sweep.map { try decode([HubSweepRow].self, from: $0, what: "hub sweep") } ?? []
        try emit(PlanReport(scenario: network, plan: plan, sweep: rows).html(), to: output)
        if output != "-" { printError("wrote \(output)") }
    }

    func decode<T: Decodable>(_ type: T.Type, from path: String, what: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            printError("\(path): error: not a \(what) JSON (\(error.localizedDescription))")
            throw ExitCode(2)
        }
    }
}
