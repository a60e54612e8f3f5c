import ArgumentParser
import Foundation
import ReturnsNetwork
import Synthetic

/// `boomerang generate`: deterministic synthetic scenarios and parcels.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate synthetic scenarios and parcels for benchmarks, load tests and property tests (same seed, same bytes).",
        subcommands: [GenerateScenario.self, GenerateParcels.self]
    )
}

struct GenerateScenario: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Generate a scenario: zones at real cities weighted by population, lanes priced from distance, customs from the countries involved.",
        discussion: "Writes FILE (YAML) and its CSV tables (FILE-nodes.csv, -lanes.csv, -demand.csv, -postcodes.csv) beside it."
    )

    @Option(help: "Number of customer zones.") var zones: Int = 200
    @Option(help: "Number of candidate return hubs.") var hubs: Int = 10
    @Option(help: "Number of 3PL warehouses that restock locally.") var warehouses: Int = 3
    @Option(help: "Customer countries, comma-separated ISO codes; EU stands for the 27 members.") var countries: String = "EU,GB,CH,NO"
    @Option(help: "The merchant's home country.") var merchant: String = "GB"
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(name: .shortAndLong, help: "The scenario file to write (YAML).") var output: String

    func run() throws {
        var options = ScenarioGenerator.Options()
        options.zones = zones
        options.hubs = hubs
        options.warehouses = warehouses
        options.countries = countries.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        options.merchantCountry = merchant
        options.seed = seed
        do {
            let written = try ScenarioGenerator.write(options, to: output)
            printError("wrote \(written.joined(separator: ", "))")
        } catch let error as ScenarioGenerator.GeneratorError {
            printError("error: \(error)")
            throw ExitCode(2)
        }
    }
}

struct GenerateParcels: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parcels",
        abstract: "Generate parcels matching a scenario's forecast (the JSON-lines form is the body POST /v1/returns takes)."
    )

    @Option(help: "The scenario the parcels come from.") var scenario: String
    @Option(help: "How many parcels.") var count: Int = 10_000
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "csv or jsonl (default: from the output file's extension, else jsonl).") var format: String?
    @Option(name: .shortAndLong, help: "The file to write, or - for standard output.") var output: String = "-"

    func run() throws {
        guard count >= 0 else { throw ValidationError("--count cannot be negative") }
        let loaded = try loadScenario(scenario)
        let chosen = format ?? (output.hasSuffix(".csv") ? "csv" : "jsonl")
        guard let kind = ParcelGenerator.Format(rawValue: chosen) else { throw ValidationError("--format must be csv or jsonl") }
        let generator = ParcelGenerator(scenario: loaded)
        try emit(generator.render(generator.parcels(count: count, seed: seed), format: kind), to: output)
    }
}
