import ArgumentParser
import FacilityLocation
import Foundation
import Planning
import ReturnsNetwork

/// `boomerang hubs SCENARIO`: cost and service for 1…N open hubs and for named sets of hubs.
struct HubsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hubs",
        abstract: "Compare hub placements: the plan for each number of open candidate hubs, and for named sets.",
        discussion: """
        Each count from --min to --max is solved with exactly that many candidate hubs open (warm-started from \
        the previous count's plan with one more hub opened); each --compare set is solved with exactly those hubs \
        open. The cheapest row is marked. With --explain, the sensitivity of the cheapest plan follows.
        With --orlib FILE, solves a capacitated facility-location instance in Beasley's OR-Library format instead         (multi-source, or --single-source), with the same MIP layer, and prints objective, status, gap, bound,         nodes and time.
        Exit codes: 0 every solve optimal, 2 invalid input, 4 some solve stopped with a gap or found nothing.
        """
    )

    enum Format: String, ExpressibleByArgument { case table, csv, json }

    @Argument(help: "The scenario file (not with --orlib).") var scenario: String?
    @Option(help: "Solve an OR-Library capacitated warehouse-location instance instead of a scenario.") var orlib: String?
    @Flag(help: "With --orlib: each customer is served by exactly one facility.") var singleSource = false
    @Option(help: "Fewest candidate hubs open.") var min: Int = 1
    @Option(help: "Most candidate hubs open (default: all candidates).") var max: Int?
    @Option(parsing: .singleValue, help: "A set of hubs to compare, comma-separated ids; repeat for more sets.") var compare: [String] = []
    @Option(help: "Output: table, csv or json; default: from the -o file's extension, else table.") var format: Format?
    @Option(help: "Time limit per solve, in seconds.") var timeLimit: Double?
    @Flag(help: "Report the sensitivity of the cheapest plan (shadow prices, closed hubs).") var explain = false
    @Flag(help: "Do not warm-start each count from the previous plan.") var noWarmStart = false
    @Option(name: .shortAndLong, help: "Write the result here instead of standard output.") var output: String?

    func validate() throws {
        if (scenario == nil) == (orlib == nil) { throw ValidationError("give a scenario, or --orlib FILE") }
        if let timeLimit, !(timeLimit > 0) { throw ValidationError("--time-limit must be a positive number of seconds") }
    }

    /// `--format`, else the output file's extension, else a table.
    var chosenFormat: Format { outputFormat(format, forOutput: output, else: .table) }

    func run() throws {
        if let orlib { return try runORLibrary(orlib) }
        let loaded = try loadScenario(scenario ?? "")
        let candidates = loaded.nodes.filter { $0.kind == .hub && $0.isCandidate }.count
        let sets = compare.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        let interactive = isatty(2) == 1
        let total = ((max ?? candidates) - min + 1) + sets.count
        let line = ProgressLabel()
        var options = PlanOptions(timeLimit: timeLimit)
        if interactive {
            options.progress = { progress in
                FileHandle.standardError.write(Data("\r\u{1B}[K  solving \(line.text): gap \(formatPercent(progress.gap)), \(progress.nodes) nodes".utf8))
            }
        }
        let rows: [HubSweepRow]
        do {
            var index = 0
            rows = try HubSweep.run(loaded, min: min, max: max ?? candidates, compare: sets, options: options, warmStart: !noWarmStart) { label in
                index += 1
                line.text = "\(label) (\(index) of \(total))"
                if interactive { FileHandle.standardError.write(Data("\r\u{1B}[K  solving \(line.text)".utf8)) }
            }
        } catch {
            if interactive { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            printError("error: \(error)")
            throw ExitCode(2)
        }
        if interactive { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        var text: String
        switch chosenFormat {
        case .table: text = Self.table(rows, currency: loaded.currency)
        case .csv: text = Self.csv(rows)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            text = String(decoding: try encoder.encode(rows), as: UTF8.self) + "\n"
        }
        if explain, chosenFormat != .json, let best = rows.first(where: \.cheapest) {
            var options = PlanOptions(timeLimit: timeLimit)
            options.explain = true
            options.aggregateAbove = nil
            if let count = best.count { options.hubCount = count } else { options.openHubs = Set(best.requested ?? []) }
            if let sensitivity = try Planner.plan(loaded, options: options).sensitivity {
                text += "\nSensitivity of the cheapest plan (\(best.label))\n" + PlanText.explain(sensitivity, currency: loaded.currency).joined(separator: "\n") + "\n"
            }
        }
        try emit(text, to: output)
        if rows.contains(where: { $0.status != .optimal }) { throw ExitCode(4) }
    }

    /// Solves an OR-Library instance and prints its result.
    func runORLibrary(_ path: String) throws {
        let instance: CapacitatedFacilityLocation
        do {
            instance = try CapacitatedFacilityLocation.read(path: path)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        let result: FacilityLocationResult
        do {
            result = try FacilityLocationSolver.solve(instance, sourcing: singleSource ? .single : .multi, timeLimit: timeLimit)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        switch chosenFormat {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try emit(String(decoding: try encoder.encode(result), as: UTF8.self) + "\n", to: output)
        case .csv:
            let row = [result.instance, result.sourcing.rawValue, result.status, result.objective.map { String(format: "%.4f", $0) } ?? "", result.bestBound.map { String(format: "%.4f", $0) } ?? "", result.gap.map { String($0) } ?? "", String(result.nodes), String(format: "%.3f", result.seconds), result.open.map(String.init).joined(separator: ";")]
            try emit("instance,sourcing,status,objective,best_bound,gap,nodes,seconds,open\n" + row.joined(separator: ",") + "\n", to: output)
        case .table:
            var text = "\(result.instance): \(instance.facilities) facilities × \(instance.customers) customers, \(result.sourcing.rawValue)-source\n"
            text += "  status     \(result.status)\n"
            text += "  objective  \(result.objective.map { formatNumber($0, decimals: 2) } ?? "–")\n"
            text += "  bound      \(result.bestBound.map { formatNumber($0, decimals: 2) } ?? "–")\n"
            text += "  gap        \(result.gap.map { String(format: "%.4f%%", $0 * 100) } ?? "–")\n"
            text += "  nodes      \(result.nodes)\n"
            text += "  time       \(String(format: "%.3f", result.seconds)) s\n"
            text += "  open       \(result.open.count) facilities: \(result.open.map { String($0 + 1) }.joined(separator: " ")) (1-based)\n"
            try emit(text, to: output)
        }
        if !result.isOptimal { throw ExitCode(result.objective == nil ? 5 : 4) }
    }

    /// One row per solve; its cost parts (`CostBreakdown.parts`, credits negative) add up to its net as shown.
    static func table(_ rows: [HubSweepRow], currency: String) -> String {
        let labels = CostBreakdown().parts.map(\.label)
        let headers = ["hubs", "opened", "net \(currency)"] + labels + ["mean days", "max days", "consolidated", "kept", "status", "gap", ""]
        let parts = labels.count
        var table = TextTable(headers, rightAligned: Set(2...(2 + parts + 4)).union([parts + 8]))
        for row in rows {
            let shown = Figures.apportioned(row.costs.parts.map(\.amount), decimals: 0, total: row.costs.net)
            let money: [String] = row.netCost == nil ? Array(repeating: "–", count: parts + 1) : [formatNumber(shown.reduce(0, +))] + shown.map { formatNumber($0) }
            table.add([row.label, row.opened.joined(separator: ",")] + money + [
                String(format: "%.1f", row.meanTransitDays), String(format: "%.1f", row.maxTransitDays),
                formatPercent(row.consolidatedShare), formatPercent(row.keptShare), row.status.rawValue, formatPercent(row.gap), row.cheapest ? "◀ cheapest" : "",
            ])
        }
        return "Hub placement (per period)\n" + table.render() + "\n"
    }

    static func csv(_ rows: [HubSweepRow]) -> String {
        let columns = CostBreakdown().parts.map { $0.label.replacingOccurrences(of: " ", with: "_") }
        var lines = [(["label", "count", "opened", "status", "gap", "net_cost"] + columns + ["mean_transit_days", "max_transit_days", "consolidated_share", "kept_share", "solve_seconds", "cheapest"]).joined(separator: ",")]
        for row in rows {
            let head: [String] = [row.label, row.count.map(String.init) ?? "", row.opened.joined(separator: ";"), row.status.rawValue, row.gap.map { String($0) } ?? "", row.netCost.map { String(format: "%.4f", $0) } ?? ""]
            let amounts: [Double] = row.costs.parts.map(\.amount)
            let service: [Double] = [row.meanTransitDays, row.maxTransitDays, row.consolidatedShare, row.keptShare, row.solveSeconds]
            let numbers: [String] = (amounts + service).map { String(format: "%.4f", $0) }
            let fields: [String] = head + numbers + [row.cheapest ? "true" : "false"]
            lines.append(fields.map(PlanCSV.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
