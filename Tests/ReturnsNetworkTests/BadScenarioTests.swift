import Foundation
import Testing
@testable import ReturnsNetwork

/// The bad scenarios in `Fixtures/bad`: each has one kind of mistake (a few have several, to show all are
/// reported together) and says in its leading comment lines what the loader must report:
///
/// - `# expect: LINE: SUBSTRING` — some issue is located at 1-based LINE and its description contains SUBSTRING;
/// - `# expect-file: NAME` — the `expect` lines after it are located in NAME (a CSV table next to the fixture,
///   which cannot hold comments itself) instead of in the fixture; it holds until the next `expect-file`;
/// - `# expect-count: N` — exactly N issues in all, so one mistake does not drag follow-on noise with it.
///
/// JSON fixtures carry the same `#` comment lines: the loader reads JSON through its YAML parser, which
/// accepts them; everything after the comments is plain JSON. CSV files in the folder are tables used by
/// the fixtures, not fixtures themselves.
enum BadFixtures {
    static let minimumCount = 26

    static func directory() throws -> URL {
        let resources = try #require(Bundle.module.resourceURL, "the test bundle has no resources")
        return resources.appending(path: "Fixtures/bad")
    }

    /// Fixture file names, sorted; empty if the folder is missing (the count test then fails).
    static let names: [String] = {
        guard let folder = Bundle.module.resourceURL?.appending(path: "Fixtures/bad"),
              let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { return [] }
        return files.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }.sorted()
    }()
}

/// What one fixture expects, parsed from its `# expect…` comment lines.
struct FixtureExpectations {
    struct Expected: CustomStringConvertible {
        var file: String
        var line: Int
        var substring: String
        var description: String { "\(file):\(line) containing \"\(substring)\"" }
    }

    var expected: [Expected] = []
    var count: Int?

    init(fixture name: String, text: String) throws {
        var file = name
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line.hasPrefix("# expect-file:") {
                file = line.dropFirst("# expect-file:".count).trimmingCharacters(in: .whitespaces)
            } else if line.hasPrefix("# expect-count:") {
                let number: Int = try #require(Int(line.dropFirst("# expect-count:".count).trimmingCharacters(in: .whitespaces)), "bad line in \(name): \(line)")
                count = number
            } else if line.hasPrefix("# expect:") {
                let rest = line.dropFirst("# expect:".count)
                let colon = try #require(rest.firstIndex(of: ":"), "bad line in \(name): \(line)")
                let number = try #require(Int(rest[..<colon].trimmingCharacters(in: .whitespaces)), "bad line number in \(name): \(line)")
                let substring = rest[rest.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                try #require(!substring.isEmpty, "no substring in \(name): \(line)")
                expected.append(Expected(file: file, line: number, substring: substring))
            }
        }
    }
}

@Suite("Bad scenarios are reported, every problem at once, at the right line")
struct BadScenarioTests {
    @Test("there are enough bad-scenario fixtures")
    func enoughFixtures() throws {
        let folder = try BadFixtures.directory()
        #expect(FileManager.default.fileExists(atPath: folder.path), "missing \(folder.path)")
        #expect(BadFixtures.names.count >= BadFixtures.minimumCount, "only \(BadFixtures.names.count) fixtures: \(BadFixtures.names)")
        #expect(BadFixtures.names.contains { $0.hasSuffix(".json") }, "no JSON fixture")
    }

    @Test("fixture is rejected with the expected issues", arguments: BadFixtures.names)
    func fixtureIsReported(_ name: String) throws {
        let folder = try BadFixtures.directory()
        let path = folder.appending(path: name).path
        let expectations = try FixtureExpectations(fixture: name, text: String(contentsOfFile: path, encoding: .utf8))
        try #require(!expectations.expected.isEmpty, "\(name) has no '# expect:' lines")

        let error = try #require(throws: ScenarioError.self, "\(name) was accepted") {
            _ = try ScenarioLoader.load(path: path)
        }
        let listing = error.description

        for expected in expectations.expected {
            let found = error.issues.contains { issue in
                (issue.location.file as NSString).lastPathComponent == expected.file
                    && issue.location.line == expected.line
                    && issue.description.contains(expected.substring)
            }
            #expect(found, "\(name): expected an issue at \(expected); reported:\n\(listing)")
        }
        if let count = expectations.count {
            #expect(error.issues.count == count, "\(name): expected \(count) issue(s), got \(error.issues.count):\n\(listing)")
        }

        for issue in error.issues {
            let line = try #require(issue.location.line, "\(name): an issue without a line: \(issue)")
            #expect(issue.description.hasPrefix("\(issue.location.file):\(line):"), "\(name): not in file:line form: \(issue)")
            #expect(issue.description.contains(": error: "), "\(name): \(issue)")
            #expect(issue.hint?.isEmpty == false, "\(name): says what is wrong but not what to do: \(issue)")
            // The location names a real file (the fixture or its CSV table) and a line inside it.
            if let text = try? String(contentsOfFile: issue.location.file, encoding: .utf8) {
                let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count // "\r\n" is one Character
                #expect((1...max(lines, 1)).contains(line), "\(name): line \(line) is outside \(issue.location.file)")
            } else {
                Issue.record("\(name): the issue names a file that cannot be read: \(issue)")
            }
        }
    }
}
