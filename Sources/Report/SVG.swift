import Foundation
import ReturnsNetwork

/// Escapes text for HTML/SVG content and attribute values.
func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for c in text {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(c)
        }
    }
    return out
}

/// A coordinate with at most one decimal, for compact SVG.
func n(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    return String(format: "%.1f", rounded)
}

/// Money with thousands separators and no decimals (`Figures.grouped`, as the text tables round).
func money(_ value: Double) -> String {
    Figures.grouped(value, minus: "−")
}

func percent(_ value: Double) -> String { String(format: "%.0f%%", value * 100) }
