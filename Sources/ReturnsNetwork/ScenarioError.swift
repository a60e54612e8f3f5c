/// One problem found in a scenario: where it is, what is wrong, and what to do about it.
public struct ScenarioIssue: Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    /// Where in the document, e.g. `lanes[3].from` or `demand.csv row 12, column parcels`.
    public var keyPath: String
    public var message: String
    public var hint: String?

    public init(location: SourceLocation, keyPath: String, message: String, hint: String? = nil) {
        self.location = location
        self.keyPath = keyPath
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var text = "\(location): error: \(keyPath.isEmpty ? "" : keyPath + ": ")\(message)"
        if let hint { text += " — \(hint)" }
        return text
    }
}

/// Everything wrong with a scenario, reported at once.
public struct ScenarioError: Error, CustomStringConvertible, Sendable {
    public var issues: [ScenarioIssue]

    public init(issues: [ScenarioIssue]) { self.issues = issues }

    public var description: String {
        let count = issues.count == 1 ? "1 problem" : "\(issues.count) problems"
        return (issues.map(\.description) + ["\(count) found."]).joined(separator: "\n")
    }
}
