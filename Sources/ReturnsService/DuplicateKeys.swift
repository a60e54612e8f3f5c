import Foundation

/// Finds a key given twice in one JSON object. JSON readers disagree on which one wins (Foundation takes the
/// first, most others the last), so a body that holds one is refused rather than read one way here and
/// another way by the client's tools.
enum DuplicateKeys {
    /// The deepest nesting of arrays and objects a body may have, as deep as `JSONDecoder` reads. The scan
    /// recurses once per level: without a limit, 7,000 `[` in a 14 KB body overflowed an 8 MB stack.
    static let deepestNesting = 512

    /// Arrays and objects nested past `deepestNesting`, under `topLevelKey` when the body is an object.
    struct TooDeep: Error, Equatable {
        var topLevelKey: String?
    }

    /// The dotted path of the first key repeated within an object (`id`, `items.0.sku`), or nil when there is
    /// none or the text is not JSON (the decoder then says what is wrong). Throws when the body nests too deep
    /// to scan.
    static func first(in data: Data) throws(TooDeep) -> String? {
        var scanner = Scanner(bytes: Array(data))
        do {
            return try scanner.value(path: "", depth: 0)
        } catch let deep as TooDeep {
            throw deep
        } catch {
            return nil
        }
    }

    private struct Malformed: Error {}

    private struct Scanner {
        let bytes: [UInt8]
        var at = 0

        mutating func skipSpace() {
            while at < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[at]) { at += 1 }
        }

        mutating func expect(_ byte: UInt8) throws {
            skipSpace()
            guard at < bytes.count, bytes[at] == byte else { throw Malformed() }
            at += 1
        }

        /// Skips one value nested `depth` levels deep; the path of a repeated key inside it, if any.
        mutating func value(path: String, depth: Int) throws -> String? {
            skipSpace()
            guard at < bytes.count else { throw Malformed() }
            if bytes[at] == UInt8(ascii: "{") || bytes[at] == UInt8(ascii: "[") {
                guard depth < DuplicateKeys.deepestNesting else { throw TooDeep() }
            }
            switch bytes[at] {
            case UInt8(ascii: "{"):
                at += 1
                var keys = Set<String>()
                skipSpace()
                if at < bytes.count, bytes[at] == UInt8(ascii: "}") { at += 1; return nil }
                while true {
                    skipSpace()
                    let key = try string()
                    let inner = path.isEmpty ? key : path + "." + key
                    if !keys.insert(key).inserted { return inner }
                    try expect(UInt8(ascii: ":"))
                    do {
                        if let found = try value(path: inner, depth: depth + 1) { return found }
                    } catch var deep as TooDeep where depth == 0 {
                        deep.topLevelKey = key
                        throw deep
                    }
                    skipSpace()
                    guard at < bytes.count else { throw Malformed() }
                    at += 1
                    if bytes[at - 1] == UInt8(ascii: "}") { return nil }
                    guard bytes[at - 1] == UInt8(ascii: ",") else { throw Malformed() }
                }
            case UInt8(ascii: "["):
                at += 1
                skipSpace()
                if at < bytes.count, bytes[at] == UInt8(ascii: "]") { at += 1; return nil }
                var index = 0
                while true {
                    if let found = try value(path: path.isEmpty ? String(index) : "\(path).\(index)", depth: depth + 1) { return found }
                    skipSpace()
                    guard at < bytes.count else { throw Malformed() }
                    at += 1
                    if bytes[at - 1] == UInt8(ascii: "]") { return nil }
                    guard bytes[at - 1] == UInt8(ascii: ",") else { throw Malformed() }
                    index += 1
                }
            case UInt8(ascii: "\""):
                _ = try string()
                return nil
            default:
                // A number, true, false or null: up to the next delimiter.
                while at < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D].contains(bytes[at]) { at += 1 }
                return nil
            }
        }

        /// A JSON string, its escapes decoded (so `"i\u0064"` and `"id"` are the same key).
        mutating func string() throws -> String {
            guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { throw Malformed() }
            let start = at
            at += 1
            var escaped = false
            while at < bytes.count {
                let byte = bytes[at]
                at += 1
                if escaped { escaped = false; continue }
                if byte == UInt8(ascii: "\\") { escaped = true; continue }
                if byte == UInt8(ascii: "\"") {
                    let literal = Data(bytes[start..<at])
                    guard let text = try? JSONSerialization.jsonObject(with: literal, options: .fragmentsAllowed) as? String else { throw Malformed() }
                    return text
                }
            }
            throw Malformed()
        }
    }
}
