import Foundation
import Yams

/// Reads scenario files (YAML or JSON, with optional CSV tables) and checks them, reporting every problem at once.
///
/// ```swift
/// let scenario = try ScenarioLoader.load(path: "Scenarios/eu-uk-returns.yaml")
/// ```
public enum ScenarioLoader {
    /// Loads and validates the scenario at `path`; tables given as `{csv: FILE}` are read relative to it.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        let url = URL(fileURLWithPath: path)
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ScenarioError(issues: [ScenarioIssue(location: SourceLocation(file: path), keyPath: "", message: "cannot read the file (\(readFailure(path)))", hint: "check the path")])
        }
        return try parse(text, file: path, baseDirectory: url.deletingLastPathComponent().path)
    }

    /// Parses and validates scenario text; `file` names it in messages, `baseDirectory` resolves CSV tables.
    public static func parse(_ text: String, file: String = "<scenario>", baseDirectory: String = ".") throws(ScenarioError) -> Scenario {
        let root: Yams.Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ScenarioError(issues: [syntaxIssue(error, file: file)])
        } catch {
            throw ScenarioError(issues: [ScenarioIssue(location: SourceLocation(file: file), keyPath: "", message: "cannot parse the document: \(error)", hint: "check that the file is YAML or JSON")])
        }
        guard let root else {
            throw ScenarioError(issues: [ScenarioIssue(location: SourceLocation(file: file, line: 1), keyPath: "", message: "the document is empty", hint: "start from one of the files in Scenarios/")])
        }
        let builder = ScenarioBuilder(file: file, baseDirectory: baseDirectory)
        let built = builder.build(DocumentValue.from(root, file: file))
        let warnings = builder.reader.warnings.sorted(by: ScenarioIssue.inReadingOrder)
        if var scenario = built, builder.reader.issues.isEmpty {
            scenario.warnings = warnings
            return scenario
        }
        throw ScenarioError(issues: builder.reader.issues.sorted(by: ScenarioIssue.inReadingOrder), warnings: warnings)
    }

    static func readFailure(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) { return "no such file" }
        if isDirectory.boolValue { return "it is a folder" }
        return "not readable as UTF-8 text"
    }

    static func syntaxIssue(_ error: YamlError, file: String) -> ScenarioIssue {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let detail = context.map { "\($0.text) (line \($0.mark.line)): " } ?? ""
            return ScenarioIssue(location: SourceLocation(file: file, line: mark.line, column: mark.column), keyPath: "", message: "not valid YAML/JSON: \(detail)\(problem)", hint: "check indentation, colons, commas and quotes here or just before")
        case let .reader(problem, offset, value, yaml):
            // The offset counts characters; it becomes a line and column like the other syntax errors.
            let before = offset.map { yaml.prefix($0) } ?? ""
            let lineStart = before.lastIndex(where: \.isNewline).map { before.index(after: $0) } ?? before.startIndex
            let hex = String(value, radix: 16, uppercase: true)
            let character = value >= 0 ? " (U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex))" : ""
            let location = offset == nil ? SourceLocation(file: file) : SourceLocation(file: file, line: before.filter(\.isNewline).count + 1, column: before[lineStart...].count + 1)
            return ScenarioIssue(location: location, keyPath: "", message: "not valid YAML/JSON: \(problem)\(character)", hint: "remove or retype the invisible character here")
        case let .duplicatedKeysInMapping(duplicates, context):
            return ScenarioIssue(location: SourceLocation(file: file, line: context.mark.line, column: context.mark.column), keyPath: "", message: "keys appear twice: \(duplicates.joined(separator: ", "))", hint: "keep one of each")
        default:
            return ScenarioIssue(location: SourceLocation(file: file), keyPath: "", message: "not valid YAML/JSON: \(error)", hint: "check that the file is YAML or JSON")
        }
    }
}
