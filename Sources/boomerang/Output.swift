import Foundation
import ReturnsNetwork

/// Writes a line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// The output format a file name asks for (`plan.json` → `json`), when `--format` is not given: the format named
/// like the file's extension, else `fallback`.
func outputFormat<F: RawRepresentable>(_ given: F?, forOutput path: String?, else fallback: F) -> F where F.RawValue == String {
    if let given { return given }
    guard let path, path != "-", let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return fallback }
    return F(rawValue: path[path.index(after: dot)...].lowercased()) ?? fallback
}

/// Writes text to a file, or to standard output for nil or `-`.
func emit(_ text: String, to path: String?) throws {
    guard let path, path != "-" else {
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        return
    }
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

/// A number with thousands separators and exactly `decimals` decimals (`Figures.grouped`: the report's rule too).
func formatNumber(_ value: Double, decimals: Int = 0) -> String {
    Figures.grouped(value, decimals: decimals)
}

func formatPercent(_ value: Double?) -> String {
    guard let value else { return "–" }
    return String(format: "%.1f%%", value * 100)
}
