import ArgumentParser
import Foundation
import MIP
import Planning
import ReturnsNetwork

/// `boomerang plan SCENARIO`: solves the plan MIP and prints the plan.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan a returns network: which hubs open, how lanes consolidate, where returns go, what it costs.",
        discussion: """
        Exit codes:
          0  optimal plan
          2  invalid input (every problem is listed on stderr)
          3  infeasible: no plan satisfies the capacities
          4  stopped by --time-limit or --gap with a feasible plan (the gap is printed)
          5  no feasible plan found in time
         64  usage error (unknown option, missing argument, bad value)
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv }

    @Argument(help: "The scenario file (YAML or JSON).")
    var scenario: String

    @Option(help: "Output format: text (tables), json (the plan schema) or csv (flows); default: from the -o file's extension (.json, .csv), else text.")
    var format: Format?

    @Option(name: .shortAndLong, help: "Write the plan here instead of standard output.")
    var output: String?

    @Option(help: "Stop after this many seconds with the best plan found.")
    var timeLimit: Double?

    @Option(help: "Stop once the proven relative gap is at most this (e.g. 0.01).")
    var gap: Double?

    @Flag(help: "Send each zone's hub-bound returns to a single hub.")
    var singleSourcing = false

    @Option(help: "Write the plan MIP as free MPS to this file.")
    var writeMps: String?

    @Option(help: "Write the plan MIP as CPLEX LP to this file.")
    var writeLp: String?

    @Flag(help: "Show GLPK's own log.")
    var verbose = false

    @Flag(help: "Also report what binding hub and lane capacities are worth (shadow prices) and how far each closed hub's fixed cost must fall before opening it pays.")
    var explain = false

    @Flag(help: "Solve the full path MIP even for large networks (by default, above 6,000 commodities Boomerang plans on clusters of like commodities).")
    var exact = false

    @Flag(help: "Plan on clusters of like commodities whatever the network's size, and prove a bound that holds for every plan of the scenario.")
    var aggregate = false

    func validate() throws {
        if exact, aggregate { throw ValidationError("--exact and --aggregate exclude each other") }
        if let timeLimit, !(timeLimit > 0) { throw ValidationError("--time-limit must be a positive number of seconds") }
        if let gap, !(gap >= 0 && gap < 1) { throw ValidationError("--gap must be between 0 and 1, e.g. 0.01") }
    }

    func run() throws {
        let loaded = try loadScenario(scenario)
        var options = PlanOptions(timeLimit: timeLimit, relativeGap: gap, verbose: verbose, singleSourcing: singleSourcing ? true : nil)
        options.progress = ProgressLine.make()
        if exact { options.aggregateAbove = nil }
        if aggregate { options.aggregateAbove = 0 }
        options.explain = explain
        if writeMps != nil || writeLp != nil {
            // The model written is the one solved: aggregated for large networks.
            let aggregated = options.aggregateAbove.map { Commodity.all(in: loaded).count > $0 } ?? false
            let planModel = aggregated ? PlanModel(candidates: CommodityAggregation(loaded).aggregated, options: options) : PlanModel(scenario: loaded, options: options)
            do {
                if let writeMps { try Solvers.default.writeMPS(planModel.model, to: writeMps) }
                if let writeLp { try Solvers.default.writeLP(planModel.model, to: writeLp) }
            } catch {
                printError("error: \(error)")
                throw ExitCode(1)
            }
        }
        let plan = try Planner.plan(loaded, options: options)
        ProgressLine.finish()
        // The scenario's own warnings were printed as it loaded; these are the plan's.
        for warning in plan.warnings where !loaded.warnings.contains(warning) { printError(warning.description) }
        switch outputFormat(format, forOutput: output, else: .text) {
        case .text: try emit(PlanText.render(plan), to: output)
        case .json: try emit(PlanJSON.encode(plan), to: output)
        case .csv: try emit(PlanCSV.flows(plan), to: output)
        }
        switch plan.solve.status {
        case .optimal: return
        case .feasible:
            printError("stopped with a feasible plan: gap \(formatPercent(plan.solve.gap)) against bound \(plan.solve.bestBound.map { formatNumber($0, decimals: 2) } ?? "unknown")")
            throw ExitCode(4)
        case .infeasible:
            printError("infeasible: no plan meets the capacities and limits; raise hub or lane capacities, maxDispatches or settings.maxTransitDays")
            throw ExitCode(3)
        case .noSolutionFound:
            printError("no feasible plan found within the time limit; allow more time with --time-limit")
            throw ExitCode(5)
        case .unbounded:
            printError("the solver reported \(plan.solve.status)")
            throw ExitCode(1)
        }
    }
}
