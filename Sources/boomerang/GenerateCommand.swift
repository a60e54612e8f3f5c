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
