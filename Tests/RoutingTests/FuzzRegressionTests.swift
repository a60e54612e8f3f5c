import Foundation
import Planning
import ReturnsNetwork
import Routing
import Testing

/// Inputs in Fuzz/regressions/parcels-csv/ that once made a fuzz target fail, replayed on the planned eu-uk
/// network. `BulkRouter.route(csv:)` kept its per-chunk outputs in a buffer it deallocated without
/// deinitializing, so every call leaked them (LeakSanitizer under `Scripts/fuzz.sh parcels-csv`, on any file).
/// The leak itself is what AddressSanitizer sees, so the fuzz run replays these inputs (they are among its
/// seeds); here they are held to what they must give.
@Suite(.serialized) struct ParcelsFuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let router: Router? = {
        guard let scenario = try? ScenarioLoader.load(path: root.appendingPathComponent("Scenarios/eu-uk-returns.yaml").path),
              let plan = try? Planner.plan(scenario) else { return nil }
        return try? Router(scenario: scenario, plan: plan)
    }()

    static func input() throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent("Fuzz/regressions/parcels-csv/leak-any-file.csv")))
    }

    @Test func theRowsAreRoutedOrRefusedByName() throws {
        let router = try #require(Self.router)
        let (output, summary) = BulkRouter(router: router).route(csv: try Self.input(), threads: 1)
        let rows = String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(rows.first == BulkRouter.header)
        #expect(rows.count == 3)
        // Neither row names a zone, a country or a postcode: each is an error row naming line and field.
        #expect(summary.failed == 2)
        #expect(rows[1].hasPrefix("\"R\"\"5\",error,"), "\(rows[1])")
        #expect(rows[1].contains("line 2: zone"), "\(rows[1])")
        #expect(rows[2].hasPrefix("R6,error,"), "\(rows[2])")
        #expect(rows[2].contains("line 3: zone"), "\(rows[2])")
    }
}
