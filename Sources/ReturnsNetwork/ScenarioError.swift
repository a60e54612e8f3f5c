/// One problem found in a scenario: where it is, what is wrong, and what to do about it.
///
/// An error stops the scenario from being used; a warning names something that loads but will not do what its
/// author most likely meant (demand that is never planned, a lane no route can use, most returns kept abroad).
public struct ScenarioIssue: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable, Codable {
        case error, warning
    }

    public var severity: Severity
    public var location: SourceLocation
    /// Where in the document, e.g. `lanes[3].from` or `demand.csv row 12, column parcels`.
    public var keyPath: String
    public var message: String
    public var hint: String?

    public init(location: SourceLocation, keyPath: String, message: String, hint: String? = nil, severity: Severity = .error) {
        self.severity = severity
        self.location = location
        self.keyPath = keyPath
        self.message = message
        self.hint = hint
    }

    /// `file:line:column: error: key.path: message — hint`, the form compilers and editors read.
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(keyPath.isEmpty ? "" : keyPath + ": ")\(message)"
        if let hint { text += " — \(hint)" }
        return text
    }

    /// File, then line, then column; issues without a line first within their file.
    public static func inReadingOrder(_ a: ScenarioIssue, _ b: ScenarioIssue) -> Bool {
        if a.location.file != b.location.file { return a.location.file < b.location.file }
        return (a.location.line ?? 0, a.location.column ?? 0) < (b.location.line ?? 0, b.location.column ?? 0)
    }
}

/// Everything wrong with a scenario, reported at once, with the warnings found alongside.
public struct ScenarioError: Error, CustomStringConvertible, Sendable {
    public var issues: [ScenarioIssue]
    public var warnings: [ScenarioIssue]

    public init(issues: [ScenarioIssue], warnings: [ScenarioIssue] = []) {
        self.issues = issues
        self.warnings = warnings
    }

    public var description: String {
        let count = issues.count == 1 ? "1 problem" : "\(issues.count) problems"
        let also = warnings.isEmpty ? "" : warnings.count == 1 ? " (and 1 warning)" : " (and \(warnings.count) warnings)"
        return ((issues + warnings).sorted(by: ScenarioIssue.inReadingOrder).map(\.description) + ["\(count) found\(also)."]).joined(separator: "\n")
    }
}
