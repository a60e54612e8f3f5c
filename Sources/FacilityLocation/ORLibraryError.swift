/// Why an OR-Library capacitated facility location file could not be read, and where.
///
/// Every case names the file and what the reader expected at that point (e.g. "demand of
/// customer 17"), and all but ``unreadable(file:reason:)`` and ``invalidInstance(name:reason:)``
/// give the line and the position of the offending number, so a broken file can be fixed by hand.
///
/// ```swift
/// do {
///     let instance = try CapacitatedFacilityLocation.read(path: "capa1.txt")
/// } catch {
///     print(error)  // capa1.txt:2:1 (number 3): expected the capacity of facility 1, found 'capacity' …
/// }
/// ```
public enum ORLibraryError: Error, Equatable, CustomStringConvertible {
    /// A place in the file: 1-based line and column, and the 1-based position among its numbers.
    public struct Location: Sendable, Equatable, CustomStringConvertible {
        /// The path or name the text was read from.
        public var file: String
        /// 1-based line.
        public var line: Int
        /// 1-based column (in bytes) where the token starts.
        public var column: Int
        /// 1-based position of the token among all whitespace-separated tokens of the file.
        public var token: Int

        /// Creates a location (the reader makes these; tests compare against them).
        public init(file: String, line: Int, column: Int, token: Int) {
            self.file = file
            self.line = line
            self.column = column
            self.token = token
        }

        /// `file:line:column (number k)`, the form editors and terminals turn into a link.
        public var description: String { "\(file):\(line):\(column) (number \(token))" }
    }

    /// The file could not be opened or is not text.
    case unreadable(file: String, reason: String)
    /// The file ended where a number was still expected; `numbersRead` were read, the last on `line`.
    case truncated(file: String, expected: String, numbersRead: Int, numbersNeeded: Int?, line: Int)
    /// A token that is not a finite decimal number.
    case notANumber(token: String, expected: String, at: Location)
    /// A capacity, fixed cost, demand or cost below zero.
    case negative(token: String, expected: String, at: Location)
    /// The number of facilities or customers is not a positive whole number (or is absurdly large).
    case notACount(token: String, expected: String, at: Location)
    /// Text after the last cost: the file holds more numbers than its header announces.
    case extraToken(token: String, numbersNeeded: Int, at: Location)
    /// An instance built in code has inconsistent dimensions or invalid values.
    case invalidInstance(name: String, reason: String)

    /// One or two sentences: where, what was expected, what was found, and what to do.
    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot read the file (\(reason)); check the path"
        case .truncated(let file, let expected, let read, let needed, let line):
            let size = needed.map { " (the header announces \($0) numbers in all: 2 + 2m + n + m·n)" } ?? ""
            return "\(file):\(line): the file ends after \(read) numbers, but \(expected) was expected next\(size); the file is cut short"
        case .notANumber(let token, let expected, let at):
            var text = "\(at): expected \(expected), found '\(token)', which is not a number"
            if token.lowercased() == "capacity" {
                // The original OR-Library `capa`/`capb`/`capc` files leave the capacity as a placeholder word.
                text += "; the original OR-Library capa/capb/capc files leave the capacity as the word 'capacity': replace it with the capacity of the variant (capa1…capa4 use 8000, 10000, 12000, 14000)"
            }
            return text
        case .negative(let token, let expected, let at):
            return "\(at): expected \(expected), found \(token); capacities, fixed costs, demands and costs must be ≥ 0"
        case .notACount(let token, let expected, let at):
            return "\(at): expected \(expected), found '\(token)'; the first line must be 'm n' with two positive whole numbers"
        case .extraToken(let token, let needed, let at):
            return "\(at): unexpected '\(token)' after the last cost (the header announces \(needed) numbers: 2 + 2m + n + m·n); check m and n on the first line"
        case .invalidInstance(let name, let reason):
            return "instance '\(name)': \(reason)"
        }
    }
}
