import Foundation
import ReturnsNetwork
import Routing

/// Recorded returns turned into the scenario's demand table, so the next plan is built from what came back.
public enum DemandTable {
    public struct Row: Sendable, Equatable {
        public var zone: String
        public var category: String
        /// Parcels per planning period.
        public var parcels: Double
        public var meanWeightKg: Double
        /// Mean declared value in the planning currency.
        public var meanValue: Double
        /// Shares that came back new, opened and damaged (`ItemCondition`).
        public var conditions: ConditionShares
    }

    /// Returns accepted under the policy (routed or kept; refused ones are not demand), per zone × category,
    /// scaled to parcels per period over the days from `from` to `to` (or the span of the data).
    public static func rows(_ returns: [ReturnSummary], from: Int32?, to: Int32?, periodDays: Double) -> [Row] {
        let accepted = returns.filter { $0.kind != "refused" }
        guard let first = from ?? accepted.map(\.requestedDay).min(), let last = to ?? accepted.map(\.requestedDay).max() else { return [] }
        let days = Double(max(1, Int(last) - Int(first) + 1))
        struct Sum { var count = 0; var kg = 0.0; var value = 0.0; var new = 0; var opened = 0 }
        var sums: [String: Sum] = [:]
        var keys: [(String, String)] = []
        for parcel in accepted {
            let key = parcel.zone + "\u{1F}" + parcel.category
            if sums[key] == nil { keys.append((parcel.zone, parcel.category)) }
            var sum = sums[key, default: Sum()]
            sum.count += 1
            sum.kg += parcel.weightKg
            sum.value += parcel.value
            switch ItemCondition(text: parcel.condition) {
            case .new?: sum.new += 1
            case .opened?: sum.opened += 1
            default: break
            }
            sums[key] = sum
        }
        return keys.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map { zone, category in
            let sum = sums[zone + "\u{1F}" + category]!
            let n = Double(sum.count)
            let new = Double(sum.new) / n, opened = Double(sum.opened) / n
            return Row(zone: zone, category: category, parcels: n * periodDays / days, meanWeightKg: sum.kg / n, meanValue: sum.value / n, conditions: ConditionShares(new: new, opened: opened, damaged: 1 - new - opened))
        }
    }

    /// The scenario's demand CSV: `zone,category,parcels,meanWeightKg,meanValue,newShare,openedShare,damagedShare`,
    /// values with their currency.
    public static func csv(_ rows: [Row], currency: String) -> String {
        var out = "zone,category,parcels,meanWeightKg,meanValue,newShare,openedShare,damagedShare\n"
        for row in rows {
            let shares = [row.conditions.new, row.conditions.opened, row.conditions.damaged].map { round($0, 3) }
            out += ([BulkRouter.csvField(row.zone), BulkRouter.csvField(row.category), round(row.parcels, 2), round(row.meanWeightKg, 3), "\(round(row.meanValue, 2)) \(currency)"] + shares).joined(separator: ",") + "\n"
        }
        return out
    }

    static func round(_ value: Double, _ decimals: Int) -> String {
        let scale = pow(10.0, Double(decimals))
        let rounded = (value * scale).rounded() / scale
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
