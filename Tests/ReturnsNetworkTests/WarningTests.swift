import Foundation
import Testing
@testable import ReturnsNetwork

/// What loads but will likely not do what was meant is said, once, at the row it is about, and stops nothing.
@Suite("Scenario warnings")
struct WarningTests {
    /// A valid network with one of every kind of warning planted.
    static let scenario = """
    name: warnings
    merchant: {country: GB}
    currency: GBP
    exchangeRates: {EUR: 0.86}
    settings: {maxLegs: 3, maxTransitDays: 6}
    policy: {finalSale: [beauty], acceptedConditions: [new, opened]}
    categories:
      - {id: apparel, recovery: {restock: 0.9, liquidate: 0.1}}
      - {id: beauty, recovery: {restock: 0.5}}
    customs:
      - {id: GB, brokeragePerEntry: 5, duty: {apparel: 0.12, beauty: 0}, returnedGoodsRelief: true}
      - {id: EU, countries: [EU], brokeragePerEntry: 5, duty: {apparel: 0.12, beauty: 0}}
      - {id: CH, brokeragePerEntry: 9, duty: {apparel: 0.1, beauty: 0}}
    nodes:
      - {id: de, kind: zone, country: DE, lat: 52.5, lon: 13.4}
      - {id: pt, kind: zone, country: PT, lat: 38.7, lon: -9.1}
      - {id: hub-de, kind: hub, country: DE, lat: 51.3, lon: 12.4, fixedCost: 100}
      - {id: hub-far, kind: hub, country: PL, lat: 52.2, lon: 21.0, fixedCost: 100}
      - {id: origin, kind: origin, country: GB, lat: 52.5, lon: -1.9}
    lanes:
      - {id: de-hub, from: de, to: hub-de, mode: parcel, perParcel: 2, transitDays: 1}
      - {id: hub-home, from: hub-de, to: origin, mode: consolidated, perDispatch: 900, capacityParcels: 3000, transitDays: 2}
      - {id: far-home, from: hub-far, to: origin, mode: consolidated, perDispatch: 900, capacityParcels: 3000, transitDays: 2}
      - {id: slow-boat, from: de, to: origin, mode: parcel, perParcel: 3, transitDays: 9}
      - {id: pt-home, from: pt, to: origin, mode: parcel, perParcel: 8, transitDays: 7}
    demand:
      - {zone: de, category: apparel, parcels: 100, meanWeightKg: 1, meanValue: 50, resellableShare: 0.9}
      - {zone: de, category: beauty, parcels: 20, meanWeightKg: 0.3, meanValue: 15}
      - {zone: pt, category: apparel, parcels: 40, meanWeightKg: 1, meanValue: 50, resellableShare: 1}
    """

    func warning(_ warnings: [ScenarioIssue], _ text: String) -> ScenarioIssue? {
        warnings.first { $0.description.contains(text) }
    }

    @Test("every kind is said, at its line, and the scenario loads")
    func everyKind() throws {
        let scenario = try ScenarioLoader.parse(Self.scenario, file: "w.yaml")
        let warnings = scenario.warnings
        let listing = warnings.map(\.description).joined(separator: "\n")
        #expect(warnings.allSatisfy { $0.severity == .warning && $0.description.contains(": warning: ") && $0.hint != nil }, "\(listing)")

        // Final-sale and refused-condition demand, at the first row it concerns.
        #expect(warning(warnings, "'beauty' is final sale")?.location.line == 28, "\(listing)")
        #expect(warning(warnings, "come back damaged, which the policy refuses")?.location.line == 27, "\(listing)")
        // A customs entry no lane crosses into.
        #expect(warning(warnings, "no lane crosses into customs territory 'CH'")?.location.line == 13, "\(listing)")
        #expect(warning(warnings, "no lane crosses into customs territory 'EU'")?.location.line == 12, "EU is left by lanes, not entered: \(listing)")
        #expect(warning(warnings, "territory 'GB'") == nil, "\(listing)")
        // A hub no zone reaches, with the lanes it strands left to its own warning.
        #expect(warning(warnings, "candidate hub 'hub-far' is on no route: no zone reaches it")?.location.line == 18, "\(listing)")
        #expect(warning(warnings, "lane far-home") == nil, "\(listing)")
        // A lane slower than the limit.
        #expect(warning(warnings, "no return can use lane slow-boat: its 9 transit days exceed settings.maxTransitDays (6)")?.location.line == 24, "\(listing)")
        // A zone with no route within the transit limit, summed up at the setting.
        let slow = try #require(warning(warnings, "have no route within 6 days"), "\(listing)")
        #expect(slow.location.line == 5 && slow.message.contains("from 1 zone") && slow.message.contains("'pt', takes 7"), "\(slow)")
        #expect(warning(warnings, "no return can use lane pt-home: its 7 transit days")?.location.line == 25, "\(listing)")
        #expect(warnings.count == 8, "\(listing)")
    }

    @Test("a clean example has no warnings")
    func cleanExample() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let scenario = try ScenarioLoader.load(path: root.appending(path: "Scenarios/eu-uk-returns.yaml").path)
        let unexpected = scenario.warnings.filter { !$0.message.contains("final sale") && !$0.message.contains("which the policy refuses") }
        #expect(unexpected.isEmpty, "\(unexpected.map(\.description).joined(separator: "\n"))")
    }

    @Test("warnings come with errors too, and never count as errors")
    func withErrors() throws {
        let broken = Self.scenario.replacingOccurrences(of: "currency: GBP", with: "currency: GBP\nmystery: 1")
        let error = try #require(throws: ScenarioError.self) { _ = try ScenarioLoader.parse(broken, file: "w.yaml") }
        #expect(error.issues.count == 1, "\(error)")
        #expect(error.warnings.count == 8, "\(error)")
        #expect(error.description.hasSuffix("1 problem found (and 8 warnings)."), "\(error)")
    }
}
