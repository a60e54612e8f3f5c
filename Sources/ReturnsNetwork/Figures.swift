import Foundation

/// How a figure is shown, in text tables, CSV and the HTML report alike: rounded half away from zero to `decimals`
/// (472.5 parcels show as 473 everywhere), thousands grouped with commas, no sign on a figure that rounds to zero.
public enum Figures {
    public static func grouped(_ value: Double, decimals: Int = 0, minus: String = "-") -> String {
        guard value.isFinite else { return String(value) }
        let scale = pow(10, Double(decimals))
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else { return String(value) }
        let units = Int64(scaled)
        let divisor = Int64(scale)
        var integer = String(units / divisor)
        var grouped = ""
        while integer.count > 3 {
            grouped = "," + integer.suffix(3) + grouped
            integer = String(integer.dropLast(3))
        }
        var text = integer + grouped
        if decimals > 0 {
            let fraction = String(units % divisor)
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return (value < 0 && units > 0 ? minus : "") + text
    }

    /// `values` rounded to `decimals` so that they add up exactly to `total` rounded (default: their own sum): each is
    /// rounded down, and the units still missing go to those that lost most (largest remainders). The one rule for
    /// parts shown beside their total, so a column of shown figures sums to the shown total; each part is off its own
    /// rounding by at most one unit of the last decimal.
    public static func apportioned(_ values: [Double], decimals: Int, total: Double? = nil) -> [Double] {
        let scale = pow(10, Double(decimals))
        guard !values.isEmpty, values.allSatisfy(\.isFinite) else { return values }
        let scaled = values.map { $0 * scale }
        var units = scaled.map { $0.rounded(.down) }
        let target = ((total ?? values.reduce(0, +)) * scale).rounded(.toNearestOrAwayFromZero)
        var missing = Int(target - units.reduce(0, +))
        let byRemainder = scaled.indices.sorted { scaled[$0] - units[$0] > scaled[$1] - units[$1] }
        var i = 0
        while missing > 0 { units[byRemainder[i % byRemainder.count]] += 1; missing -= 1; i += 1 }
        i = 0
        while missing < 0 { units[byRemainder[byRemainder.count - 1 - i % byRemainder.count]] -= 1; missing += 1; i += 1 }
        return units.map { $0 / scale }
    }
}
