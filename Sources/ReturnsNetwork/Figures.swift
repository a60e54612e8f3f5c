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
}
