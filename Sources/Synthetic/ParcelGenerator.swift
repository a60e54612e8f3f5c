import Foundation
import ReturnsNetwork
import Routing

/// Generates parcels that match a scenario's forecast: zones and categories in proportion to demand,
/// weights and values around its means, conditions from the forecast's condition shares, dates around the return
/// window (a few percent out of it), and some final-sale items the policy refuses. Same seed, same parcels.
public struct ParcelGenerator {
    public enum Format: String, Sendable, CaseIterable { case csv, jsonl }

    public static let csvHeader = "id,zone,country,postcode,category,weightKg,value,currency,condition,deliveredOn,requestedOn,freeReturns"

    let scenario: Scenario
    let rows: [DemandEntry]
    let cumulative: [Double]
    let postcodeByZone: [String: PostcodeZone]
    let countryOfZone: [String: String]
    let firstDay: Int32

    public init(scenario: Scenario, firstDeliveryDate: String = "2026-10-01") {
        self.scenario = scenario
        rows = scenario.demand.filter { $0.parcels > 0 }
        var running = 0.0
        cumulative = rows.map { running += $0.parcels; return running }
        postcodeByZone = Dictionary(scenario.postcodes.map { ($0.zone, $0) }, uniquingKeysWith: { a, _ in a })
        countryOfZone = Dictionary(scenario.nodes.filter { $0.kind == .zone }.map { ($0.id, $0.country) }, uniquingKeysWith: { a, _ in a })
        firstDay = CivilDate.day(firstDeliveryDate) ?? 20362
    }

    /// The `index`-th parcel of the stream seeded with `seed`.
    public func parcels(count: Int, seed: UInt64) -> [ParcelRequest] {
        var random = SeededGenerator(seed: seed)
        return (0..<count).map { next(&random, index: $0) }
    }

    func next(_ random: inout SeededGenerator, index: Int) -> ParcelRequest {
        let row = rows[random.pick(cumulative: cumulative)]
        let weight = max(0.05, row.meanWeightKg * random.lognormal(sigma: 0.35))
        let value = max(1, row.meanValue.amount * random.lognormal(sigma: 0.45))
        let roll = random.unit()
        let condition: ItemCondition = roll < row.conditions.new ? .new : (roll < row.conditions.unchanged ? .opened : .damaged)
        let delivered = firstDay + Int32(random.int(0...45))
        // Most ask within the window; about 4 % come too late.
        let window = scenario.policy.windowDays
        let lateness = random.unit() < 0.04 ? random.int(window + 1...window + 20) : random.int(0...max(0, window))
        let requested = delivered + Int32(lateness)
        var request = ParcelRequest(
            id: String(format: "R%08d", index + 1), zone: row.zone, category: row.category,
            weightKg: (weight * 1000).rounded() / 1000, value: (value * 100).rounded() / 100, currency: row.meanValue.currency,
            condition: condition, deliveredOn: CivilDate.string(delivered), requestedOn: CivilDate.string(requested),
            freeReturns: scenario.policy.freeReturns
        )
        // One parcel in five gives its address instead of its zone, as a shop front would.
        if random.unit() < 0.2, let postcode = postcodeByZone[row.zone] {
            request.zone = nil
            request.country = postcode.country
            request.postcode = postcode.prefix + String(format: "%02d", random.int(0...99))
        }
        return request
    }

    /// The parcels as text in `format` (CSV with a header, or one JSON object per line).
    public func render(_ parcels: [ParcelRequest], format: Format) -> String {
        switch format {
        case .jsonl:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var out = ""
            for parcel in parcels {
                if let data = try? encoder.encode(parcel) { out += String(decoding: data, as: UTF8.self) + "\n" }
            }
            return out
        case .csv:
            var out = Self.csvHeader + "\n"
            for p in parcels {
                out += [p.id, p.zone ?? "", p.country ?? "", p.postcode ?? "", p.category, f(p.weightKg, 3), f(p.value, 2), p.currency, p.condition.rawValue, p.deliveredOn, p.requestedOn, p.freeReturns == true ? "true" : "false"].joined(separator: ",") + "\n"
            }
            return out
        }
    }
}
