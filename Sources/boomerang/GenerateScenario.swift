import ArgumentParser
import Foundation
import ReturnsNetwork
import Synthetic

struct GenerateScenario: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Generate a scenario: zones at real cities weighted by population, lanes priced from distance and geography, customs per territory from a bundled table.",
        discussion: "Writes FILE (YAML) and its CSV tables (FILE-nodes.csv, -lanes.csv, -demand.csv, -postcodes.csv) beside it."
    )

    @Option(help: "Number of customer zones.") var zones: Int = 200
    @Option(help: "Number of candidate return hubs.") var hubs: Int = 10
    @Option(help: "Number of 3PL warehouses that restock locally.") var warehouses: Int = 3
    @Option(help: "Customer countries, comma-separated ISO codes; EU stands for the 27 members.") var countries: String = "EU,GB,CH,NO"
    @Option(help: "The merchant's home country.") var merchant: String = "GB"
    @Option(help: "The planning currency (ISO 4217); default: the merchant country's.") var currency: String?
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(name: .shortAndLong, help: "The scenario file to write (YAML).") var output: String

    func run() throws {
        var options = ScenarioGenerator.Options()
        options.zones = zones
        options.hubs = hubs
        options.warehouses = warehouses
        options.countries = countries.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        options.merchantCountry = merchant
        options.currency = currency?.uppercased()
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
