import ArgumentParser
import Foundation
import Planning
import ReturnsNetwork
import Routing

/// `boomerang route`: decides a route for every parcel in a file.
struct RouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Route parcels: one decision (route, keep or refused) per parcel, from a plan.",
        discussion: """
        Reads parcels as CSV or JSON lines (by extension; - reads JSON lines from stdin unless --input-format says csv), \
        plans the scenario first unless --plan gives a plan written by `boomerang plan --format json`, and writes one \
        decision per parcel. A bad row gives an error record with its line number and the run goes on. \
        A summary (decisions/s, counts by decision and reason) goes to stderr.
        Exit codes: 0 every row routed, 2 invalid input or some rows could not be read.
        """
    )

    enum Format: String, ExpressibleByArgument { case csv, jsonl }

    @Option(help: "The scenario file.") var scenario: String
    @Option(help: "A plan JSON from `boomerang plan --format json` (else the scenario is planned first).") var plan: String?
    @Option(help: "The parcels: a .csv or .jsonl file, or - for standard input.") var parcels: String
    @Option(help: "Input format when it cannot be told from the file name: csv or jsonl.") var inputFormat: Format?
    @Option(help: "Output format: jsonl (full decisions) or csv (one row per parcel); default: from the -o file's extension, else jsonl.") var format: Format?
    @Option(name: .shortAndLong, help: "Write decisions here instead of standard output.") var output: String = "-"
    @Option(help: "Time limit for planning, in seconds.") var timeLimit: Double?

    func run() throws {
        let loaded = try loadScenario(scenario)
        let chosenPlan: Plan
        if let plan {
            do {
                chosenPlan = try JSONDecoder().decode(Plan.self, from: Data(contentsOf: URL(fileURLWithPath: plan)))
            } catch {
                printError("\(plan): error: not a plan JSON (\(error.localizedDescription))")
                throw ExitCode(2)
            }
        } else {
            chosenPlan = try Planner.plan(loaded, options: PlanOptions(timeLimit: timeLimit))
            guard chosenPlan.solve.status.hasPlan else {
                printError("error: the scenario has no plan (\(chosenPlan.solve.status)); nothing can be routed")
                throw ExitCode(3)
            }
        }
        let router: Router
        do {
            router = try Router(scenario: loaded, plan: chosenPlan)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }

        let input: Data
        do {
            input = parcels == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: parcels))
        } catch {
            printError("\(parcels): error: cannot read (\(error.localizedDescription))")
            throw ExitCode(2)
        }
        let readFormat: ParcelReader.Format = switch inputFormat ?? (parcels.hasSuffix(".csv") ? .csv : .jsonl) {
        case .csv: .csv
        case .jsonl: .jsonl
        }

        let format = outputFormat(self.format, forOutput: output, else: .jsonl)
        if readFormat == .csv, format == .csv {
            let clock = ContinuousClock()
            let started = clock.now
            let (bytes, summary) = BulkRouter(router: router).route(csv: [UInt8](input))
            let seconds = max(1e-9, (clock.now - started) / .seconds(1))
            if output == "-" {
                FileHandle.standardOutput.write(Data(bytes))
            } else {
                try Data(bytes).write(to: URL(fileURLWithPath: output))
            }
            report(decided: summary.decided, failed: summary.failed, counts: summary.counts, seconds: seconds)
            if summary.failed > 0 { throw ExitCode(2) }
            return
        }

        var out = DecisionWriter(format: format)
        var counts: [String: Int] = [:]
        var failed = 0
        var decided = 0
        let clock = ContinuousClock()
        let started = clock.now
        ParcelReader.read(input, format: readFormat) { row in
            switch row.result {
            case let .failure(error):
                failed += 1
                out.error(ParcelReader.RowError(line: row.line, id: error.id, field: error.field, message: error.message))
            case let .success(request):
                do throws(RouteTable.ParcelError) {
                    let record = try router.route(request)
                    decided += 1
                    counts["\(record.decision) \(record.reason)", default: 0] += 1
                    out.write(record)
                } catch {
                    failed += 1
                    out.error(ParcelReader.RowError(line: row.line, id: request.id, field: error.field, message: error.message))
                }
            }
        }
        try emit(out.text, to: output)
        let seconds = max(1e-9, (clock.now - started) / .seconds(1))
        report(decided: decided, failed: failed, counts: counts, seconds: seconds)
        if failed > 0 { throw ExitCode(2) }
    }

    /// The summary on stderr: throughput and counts by decision and reason.
    func report(decided: Int, failed: Int, counts: [String: Int], seconds: Double) {
        var summary = ["\(decided) parcels decided in \(String(format: "%.3f", seconds)) s (\(formatNumber(Double(decided) / seconds)) decisions/s), \(failed) rows failed"]
        for key in counts.keys.sorted() { summary.append("  \(key): \(counts[key] ?? 0)") }
        printError(summary.joined(separator: "\n"))
    }
}
