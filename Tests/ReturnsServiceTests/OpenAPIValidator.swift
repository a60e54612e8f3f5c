import Foundation
import Yams

/// Checks responses against the OpenAPI document: the operation, status and media type must be documented,
/// and the body must match the schema. Covers the JSON Schema the document uses: `$ref` to
/// `#/components/...`, `type` (one or several, `null` included), `properties`, `required`,
/// `additionalProperties`, `items`, `enum`, `const`, `oneOf`/`anyOf`/`allOf`/`not`, numeric and length
/// bounds and `pattern`. `format` is ignored.
struct OpenAPIValidator: @unchecked Sendable {
    enum LoadError: Error, CustomStringConvertible {
        case notADocument(String)

        var description: String {
            switch self {
            case let .notADocument(why): "not an OpenAPI document: \(why)"
            }
        }
    }

    /// The whole document, with every mapping as `[String: Any]`. Immutable, hence `@unchecked Sendable`.
    let document: [String: Any]
    private let paths: [String: Any]
    /// Path templates, most literal segments first, so `/a/b` wins over `/a/{x}`.
    private let templates: [(template: String, segments: [String])]

    init(yaml: String) throws {
        guard let loaded = try Yams.load(yaml: yaml) else { throw LoadError.notADocument("the YAML is empty") }
        guard let document = Self.normalize(loaded) as? [String: Any] else { throw LoadError.notADocument("the top level is not a mapping") }
        guard let version = document["openapi"] as? String, version.hasPrefix("3.") else { throw LoadError.notADocument("no `openapi: 3.x`") }
        guard let paths = document["paths"] as? [String: Any] else { throw LoadError.notADocument("no `paths`") }
        self.document = document
        self.paths = paths
        templates = paths.keys
            .map { (template: $0, segments: Self.segments($0)) }
            .sorted { a, b in
                let literalsA = a.segments.filter { !Self.isParameter($0) }.count
                let literalsB = b.segments.filter { !Self.isParameter($0) }.count
                return literalsA != literalsB ? literalsA > literalsB : a.template < b.template
            }
    }

    /// Every path template in the document.
    var pathTemplates: [String] { paths.keys.sorted() }

    /// Path template in the document matching a concrete path like "/v1/batches/abc-1/manifest", or nil.
    func template(for concretePath: String) -> String? {
        var path = concretePath
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<query]) }
        if paths[path] != nil { return path }
        let parts = Self.segments(path)
        for candidate in templates where candidate.segments.count == parts.count {
            let matches = zip(candidate.segments, parts).allSatisfy { pattern, part in
                Self.isParameter(pattern) ? !part.isEmpty : pattern == part
            }
            if matches { return candidate.template }
        }
        return nil
    }

    /// Problems found validating a response body (already parsed with JSONSerialization, fragments allowed)
    /// against the schema for that path template (e.g. "/v1/batches/{id}"), method ("get"/"post"), status
    /// code and media type; empty when it matches. Also an error if the operation/status/media type is not
    /// documented.
    func validate(path: String, method: String, status: Int, contentType: String, body: Any) -> [String] {
        let verb = method.lowercased()
        let operationName = "\(verb.uppercased()) \(path)"
        guard let template = paths[path] != nil ? path : template(for: path),
              let pathItem = resolve(paths[template]) as? [String: Any]
        else { return ["\(operationName): the path is not documented"] }
        guard let operation = resolve(pathItem[verb]) as? [String: Any] else {
            return ["\(operationName): the method is not documented for \(template)"]
        }
        guard let responses = operation["responses"] as? [String: Any] else {
            return ["\(operationName): the operation documents no responses"]
        }
        let range = "\(status / 100)XX"
        guard let found = responses[String(status)] ?? responses[range] ?? responses[range.lowercased()] ?? responses["default"],
              let response = resolve(found) as? [String: Any]
        else {
            return ["\(operationName): status \(status) is not documented (documented: \(responses.keys.sorted().joined(separator: ", ")))"]
        }
        guard let content = response["content"] as? [String: Any], !content.isEmpty else {
            if Self.isEmptyBody(body) { return [] }
            return ["\(operationName) \(status): the response documents no body, but one was sent"]
        }
        let media = Self.mediaType(contentType)
        guard let key = Self.contentKey(for: media, in: content) else {
            return ["\(operationName) \(status): media type '\(media)' is not documented (documented: \(content.keys.sorted().joined(separator: ", ")))"]
        }
        guard let mediaObject = resolve(content[key]) as? [String: Any], let schema = mediaObject["schema"] else { return [] }
        return check(body, against: schema, at: "$", depth: 0).map { "\(operationName) \(status) \(key): \($0)" }
    }

    // MARK: Schema checks

    private static let maximumDepth = 100

    private func check(_ value: Any, against schemaValue: Any, at path: String, depth: Int) -> [String] {
        guard depth < Self.maximumDepth else { return ["\(path): schema nesting too deep (a $ref cycle?)"] }
        if let allowed = schemaValue as? Bool {
            return allowed ? [] : ["\(path): no value is allowed here"]
        }
        guard let schema = schemaValue as? [String: Any] else { return ["\(path): the schema is not an object"] }
        var problems: [String] = []

        if let reference = schema["$ref"] as? String {
            guard let target = lookUp(reference) else { return ["\(path): unresolved $ref '\(reference)'"] }
            problems += check(value, against: target, at: path, depth: depth + 1)
        }

        let json = JSONValue(value)

        if let types = schema["type"] {
            let names = (types as? [Any])?.compactMap { $0 as? String } ?? [(types as? String) ?? ""]
            guard names.contains(where: { json.isOfType($0) }) else {
                return problems + ["\(path): expected \(names.joined(separator: " or ")), got \(json.summary)"]
            }
        }

        if let options = schema["enum"] as? [Any], !options.contains(where: { JSONValue($0) == json }) {
            problems.append("\(path): \(json.summary) is not one of \(options.map { JSONValue($0).summary }.joined(separator: ", "))")
        }
        if let constant = schema["const"], JSONValue(constant) != json {
            problems.append("\(path): \(json.summary) is not \(JSONValue(constant).summary)")
        }

        switch json {
        case let .number(number, _):
            if let minimum = Self.number(schema["minimum"]), number < minimum { problems.append("\(path): \(json.summary) is below the minimum \(Self.text(minimum))") }
            if let maximum = Self.number(schema["maximum"]), number > maximum { problems.append("\(path): \(json.summary) is above the maximum \(Self.text(maximum))") }
            if let minimum = Self.number(schema["exclusiveMinimum"]), number <= minimum { problems.append("\(path): \(json.summary) is not above \(Self.text(minimum))") }
            if let maximum = Self.number(schema["exclusiveMaximum"]), number >= maximum { problems.append("\(path): \(json.summary) is not below \(Self.text(maximum))") }
        case let .string(text):
            let length = text.unicodeScalars.count
            if let minimum = Self.number(schema["minLength"]), Double(length) < minimum { problems.append("\(path): \(json.summary) is shorter than \(Int(minimum)) characters") }
            if let maximum = Self.number(schema["maxLength"]), Double(length) > maximum { problems.append("\(path): \(json.summary) is longer than \(Int(maximum)) characters") }
            if let pattern = schema["pattern"] as? String {
                if let regex = try? NSRegularExpression(pattern: pattern) {
                    if regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
                        problems.append("\(path): \(json.summary) does not match /\(pattern)/")
                    }
                } else {
                    problems.append("\(path): the schema's pattern /\(pattern)/ is not a valid regular expression")
                }
            }
        case let .array(items):
            if let minimum = Self.number(schema["minItems"]), Double(items.count) < minimum { problems.append("\(path): fewer than \(Int(minimum)) items") }
            if let maximum = Self.number(schema["maxItems"]), Double(items.count) > maximum { problems.append("\(path): more than \(Int(maximum)) items") }
            if let itemSchema = schema["items"] {
                for (index, item) in items.enumerated() {
                    problems += check(item, against: itemSchema, at: "\(path)[\(index)]", depth: depth + 1)
                }
            }
        case let .object(object):
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for name in (schema["required"] as? [Any])?.compactMap({ $0 as? String }) ?? [] where object[name] == nil {
                problems.append("\(path): required property '\(name)' is missing")
            }
            if let minimum = Self.number(schema["minProperties"]), Double(object.count) < minimum { problems.append("\(path): fewer than \(Int(minimum)) properties") }
            if let maximum = Self.number(schema["maxProperties"]), Double(object.count) > maximum { problems.append("\(path): more than \(Int(maximum)) properties") }
            for name in object.keys.sorted() {
                let child = object[name]!
                let childPath = "\(path).\(name)"
                if let propertySchema = properties[name] {
                    problems += check(child, against: propertySchema, at: childPath, depth: depth + 1)
                } else if let additional = schema["additionalProperties"] {
                    if let allowed = additional as? Bool {
                        if !allowed { problems.append("\(path): property '\(name)' is not documented") }
                    } else {
                        problems += check(child, against: additional, at: childPath, depth: depth + 1)
                    }
                }
            }
        default:
            break
        }

        if let all = schema["allOf"] as? [Any] {
            for member in all { problems += check(value, against: member, at: path, depth: depth + 1) }
        }
        if let any = schema["anyOf"] as? [Any] {
            let outcomes = any.map { check(value, against: $0, at: path, depth: depth + 1) }
            if !outcomes.contains(where: \.isEmpty) {
                problems.append("\(path): matches none of anyOf (\(Self.summarize(outcomes)))")
            }
        }
        if let one = schema["oneOf"] as? [Any] {
            let outcomes = one.map { check(value, against: $0, at: path, depth: depth + 1) }
            let matching = outcomes.filter(\.isEmpty).count
            if matching == 0 {
                problems.append("\(path): matches none of oneOf (\(Self.summarize(outcomes)))")
            } else if matching > 1 {
                problems.append("\(path): matches \(matching) schemas of oneOf, not exactly one")
            }
        }
        if let not = schema["not"], check(value, against: not, at: path, depth: depth + 1).isEmpty {
            problems.append("\(path): matches a schema it must not match")
        }
        return problems
    }

    private static func summarize(_ outcomes: [[String]]) -> String {
        outcomes.enumerated().map { index, problems in "#\(index): \(problems.first ?? "")" }.joined(separator: "; ")
    }

    // MARK: References

    /// Follows a `$ref` on an object (response, parameter, media type, ...) until it is not one.
    private func resolve(_ value: Any?) -> Any? {
        var current = value
        var hops = 0
        while let object = current as? [String: Any], let reference = object["$ref"] as? String, hops < 32 {
            current = lookUp(reference)
            hops += 1
        }
        return current
    }

    /// The value at a local reference `#/a/b/c` (JSON Pointer, `~0` and `~1` escapes).
    private func lookUp(_ reference: String) -> Any? {
        guard reference.hasPrefix("#") else { return nil }
        let pointer = reference.dropFirst()
        if pointer.isEmpty { return document }
        guard pointer.hasPrefix("/") else { return nil }
        var current: Any = document
        for raw in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let token = (String(raw).removingPercentEncoding ?? String(raw))
                .replacingOccurrences(of: "~1", with: "/")
                .replacingOccurrences(of: "~0", with: "~")
            if let object = current as? [String: Any], let next = object[token] {
                current = next
            } else if let array = current as? [Any], let index = Int(token), array.indices.contains(index) {
                current = array[index]
            } else {
                return nil
            }
        }
        return current
    }

    // MARK: Helpers

    /// Yams gives mappings as `[AnyHashable: Any]`; this turns every mapping into `[String: Any]`.
    static func normalize(_ value: Any) -> Any {
        if let mapping = value as? [AnyHashable: Any] {
            var out: [String: Any] = [:]
            for (key, item) in mapping { out["\(key.base)"] = normalize(item) }
            return out
        }
        if let mapping = value as? [String: Any] { return mapping.mapValues(normalize) }
        if let sequence = value as? [Any] { return sequence.map(normalize) }
        return value
    }

    private static func segments(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
    }

    private static func isParameter(_ segment: String) -> Bool {
        segment.hasPrefix("{") && segment.hasSuffix("}")
    }

    /// `text/csv; charset=utf-8` → `text/csv`.
    private static func mediaType(_ contentType: String) -> String {
        (contentType.split(separator: ";", maxSplits: 1).first.map(String.init) ?? "").trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The documented media type for a response's type: exact, then `type/*`, then `*/*`.
    private static func contentKey(for media: String, in content: [String: Any]) -> String? {
        let keys = Array(content.keys)
        if let exact = keys.first(where: { mediaType($0) == media }) { return exact }
        let major = media.split(separator: "/").first.map(String.init) ?? media
        if let range = keys.first(where: { mediaType($0) == "\(major)/*" }) { return range }
        return keys.first { mediaType($0) == "*/*" }
    }

    private static func isEmptyBody(_ body: Any) -> Bool {
        switch JSONValue(body) {
        case .null: true
        case let .string(text): text.isEmpty
        default: false
        }
    }

    private static func text(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }

    private static func number(_ value: Any?) -> Double? {
        guard let value, case let .number(number, _) = JSONValue(value) else { return nil }
        return number
    }
}

extension OpenAPIValidator {
    /// A parsed JSON value (from JSONSerialization or Yams), classified without being fooled by `NSNumber`:
    /// on Linux `as? Bool` also matches the numbers 0 and 1, so booleans are told apart by their boxed type
    /// (`objCType` "c").
    enum JSONValue: Equatable {
        case null
        case boolean(Bool)
        /// The value, and whether it has no fractional part.
        case number(Double, isInteger: Bool)
        case string(String)
        case array([Any])
        case object([String: Any])
        case unknown(String)

        init(_ raw: Any) {
            let value = Self.unwrapOptional(raw)
            guard let value else { self = .null; return }
            if value is NSNull {
                self = .null
            } else if let text = value as? String {
                self = .string(text)
            } else if let text = value as? Substring {
                self = .string(String(text))
            } else if let data = value as? Data {
                self = .string(String(decoding: data, as: UTF8.self))
            } else if type(of: value) == Bool.self, let flag = value as? Bool {
                self = .boolean(flag)
            } else if let number = value as? NSNumber {
                if String(cString: number.objCType) == "c" {
                    self = .boolean(number.boolValue)
                } else {
                    let double = number.doubleValue
                    self = .number(double, isInteger: double.isFinite && double.rounded(.towardZero) == double)
                }
            } else if let object = value as? [String: Any] {
                self = .object(object)
            } else if let mapping = value as? [AnyHashable: Any] {
                self = .object(OpenAPIValidator.normalize(mapping) as? [String: Any] ?? [:])
            } else if let array = value as? [Any] {
                self = .array(array)
            } else {
                self = .unknown("\(type(of: value))")
            }
        }

        /// Unwraps an `Optional` hidden in `Any`; nil for `Optional.none`.
        private static func unwrapOptional(_ value: Any) -> Any? {
            let mirror = Mirror(reflecting: value)
            guard mirror.displayStyle == .optional else { return value }
            guard let wrapped = mirror.children.first?.value else { return nil }
            return unwrapOptional(wrapped)
        }

        /// Whether the value is of a JSON Schema type (`integer`: a number without a fractional part).
        func isOfType(_ name: String) -> Bool {
            switch (name, self) {
            case ("null", .null), ("boolean", .boolean), ("number", .number), ("string", .string), ("array", .array), ("object", .object): true
            case let ("integer", .number(_, isInteger)): isInteger
            default: false
            }
        }

        var summary: String {
            switch self {
            case .null: "null"
            case let .boolean(flag): "boolean \(flag)"
            case let .number(number, isInteger):
                isInteger && abs(number) < 1e15 ? "integer \(Int64(number))" : "number \(number)"
            case let .string(text): "string \"\(text.count > 60 ? String(text.prefix(57)) + "..." : text)\""
            case let .array(items): "array of \(items.count)"
            case let .object(object): "object {\(object.keys.sorted().prefix(6).joined(separator: ", "))\(object.count > 6 ? ", ..." : "")}"
            case let .unknown(type): "a \(type)"
            }
        }

        static func == (a: JSONValue, b: JSONValue) -> Bool {
            switch (a, b) {
            case (.null, .null): return true
            case let (.boolean(x), .boolean(y)): return x == y
            case let (.number(x, _), .number(y, _)): return x == y
            case let (.string(x), .string(y)): return x == y
            case let (.array(x), .array(y)):
                return x.count == y.count && zip(x, y).allSatisfy { JSONValue($0) == JSONValue($1) }
            case let (.object(x), .object(y)):
                return x.count == y.count && x.allSatisfy { key, item in y[key].map { JSONValue(item) == JSONValue($0) } ?? false }
            case let (.unknown(x), .unknown(y)): return x == y
            default: return false
            }
        }
    }
}
