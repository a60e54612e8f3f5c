import ArgumentParser
import Foundation
import ReturnsNetwork
import Synthetic

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
