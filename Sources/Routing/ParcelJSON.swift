import ReturnsNetwork

/// A fast reader for the usual shape of a parcel request: one flat JSON object of strings, numbers,
/// booleans and nulls. It answers nil for anything else — nested values, escapes it does not know, a
/// missing or mistyped field — and the caller then decodes with `JSONDecoder`, whose errors name the
/// field. So it never accepts what `JSONDecoder` would refuse, and decodes what it accepts identically.
public enum ParcelJSON {
    enum Value {
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
    }

    public static func parse(_ bytes: UnsafeRawBufferPointer) -> ParcelRequest? {
        var parser = Parser(bytes: bytes)
        guard let fields = parser.object() else { return nil }
        func string(_ key: String) -> String?? {
            switch fields[key] {
            case nil, .null?: return .some(nil)
            case let .string(text)?: return .some(text)
            default: return nil
            }
        }
        func required(_ key: String) -> String? {
            if case let .string(text)? = fields[key] { return text }
            return nil
        }
        func number(_ key: String) -> Double? {
            if case let .number(value)? = fields[key] { return value }
            return nil
        }
        guard let id = required("id"), let category = required("category"), let weight = number("weightKg"),
              let value = number("value"), let currency = required("currency"),
              let conditionText = required("condition"), let condition = ItemCondition(rawValue: conditionText),
              let delivered = required("deliveredOn"), let requested = required("requestedOn"),
              case let .bool(free)? = fields["freeReturns"],
              let zone = string("zone"), let country = string("country"), let postcode = string("postcode"),
              let orderId = string("orderId"), let exportedOn = string("exportedOn")
        else { return nil }
        return ParcelRequest(id: id, zone: zone, country: country, postcode: postcode, category: category, weightKg: weight, value: value, currency: currency, condition: condition, deliveredOn: delivered, requestedOn: requested, freeReturns: free, orderId: orderId, exportedOn: exportedOn)
    }

    struct Parser {
        let bytes: UnsafeRawBufferPointer
        var i = 0

        init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        mutating func object() -> [String: Value]? {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return nil }
            i += 1
            var fields: [String: Value] = [:]
            fields.reserveCapacity(16)
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return end() ? fields : nil }
            while true {
                skipSpace()
                guard let key = string() else { return nil }
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
                i += 1
                skipSpace()
                guard let value = value(), fields.updateValue(value, forKey: key) == nil else { return nil }
                skipSpace()
                guard i < bytes.count else { return nil }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                guard bytes[i] == UInt8(ascii: "}") else { return nil }
                i += 1
                return end() ? fields : nil
            }
        }

        mutating func end() -> Bool {
            skipSpace()
            return i == bytes.count
        }

        mutating func value() -> Value? {
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "\""): return string().map(Value.string)
            case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            default: return number().map(Value.number)
            }
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard i + count <= bytes.count else { return false }
            for k in 0..<count where bytes[i + k] != word.utf8Start[k] { return false }
            i += count
            return true
        }

        /// A JSON number (strict grammar), as a Double.
        mutating func number() -> Double? {
            let start = i
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { return nil }
            if bytes[i] == UInt8(ascii: "0") { i += 1 } else { while i < bytes.count, isDigit(bytes[i]) { i += 1 } }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard i < bytes.count, isDigit(bytes[i]) else { return nil }
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard i < bytes.count, isDigit(bytes[i]) else { return nil }
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            }
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            guard let value = Double(text), value.isFinite else { return nil }
            return value
        }

        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

        /// An ASCII string without escapes or control characters (others are left to JSONDecoder).
        mutating func string() -> String? {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
            i += 1
            let start = i
            while i < bytes.count {
                let byte = bytes[i]
                if byte == UInt8(ascii: "\"") {
                    let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                    i += 1
                    return text
                }
                // Escapes, control characters and non-ASCII text (which must be checked as UTF-8) go to JSONDecoder.
                if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { return nil }
                i += 1
            }
            return nil
        }
    }
}
