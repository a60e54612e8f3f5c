import ArgumentParser
import Foundation
import ReturnsService

/// `boomerang demand`: the recorded returns as a demand table, offline.
struct DemandCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demand",
        abstract: "Write the recorded returns as the scenario's demand table (zone × category per period).",
        discussion: "The same table as GET /v1/demand, read straight from the database."
    )

    @Option(help: "The scenario the returns were recorded under (for the currency and period).") var scenario: String
    @Option(help: "A SQLite file, or postgres://user:password@host:port/database.") var db: String
    @Option(help: "First request day, YYYY-MM-DD.") var from: String?
    @Option(help: "Last request day, YYYY-MM-DD.") var to: String?
    @Option(name: .shortAndLong, help: "Write the CSV here instead of standard output.") var output: String = "-"

    func run() async throws {
        let loaded = try loadScenario(scenario)
        guard db.hasPrefix("postgres") || FileManager.default.fileExists(atPath: db) else {
            printError("\(db): error: no such database")
            throw ExitCode(2)
        }
        let store = try ReturnsServer.openStore(db)
        defer { Task { await store.shutdown() } }
        let (low, high): (Int32?, Int32?)
        do {
            (low, high) = try ReturnsService.window(from: from, to: to)
        } catch let problem as Problem {
            printError("error: --\(problem.field ?? "from"): \(problem.detail)")
            throw ExitCode(2)
        }
        try await store.migrate()
        let rows = DemandTable.rows(try await store.returns(requestedFrom: low, to: high), from: low, to: high, periodDays: loaded.settings.periodDays)
        try emit(DemandTable.csv(rows, currency: loaded.currency), to: output == "-" ? nil : output)
    }
}
