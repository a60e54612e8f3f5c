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
        var fields = Fields()
        guard parser.object({ key, value in fields.set(key, value) }) else { return nil }
        return fields.request()
    }

    /// The fields of a parcel as they are read; a field seen twice, or of the wrong type, fails the read.
    struct Fields {
        var id: String?, category: String?, currency: String?, condition: String?, deliveredOn: String?, requestedOn: String?
        var zone: String?, country: String?, postcode: String?, orderId: String?, exportedOn: String?
        var weightKg: Double?, value: Double?, freeReturns: Bool?
        var seen: UInt32 = 0

        mutating func set(_ key: String, _ value: Value) -> Bool {
            func once(_ bit: Int) -> Bool {
                defer { seen |= 1 << bit }
                return seen & (1 << bit) == 0
            }
            func text(_ bit: Int, _ slot: inout String?, optional: Bool) -> Bool {
                guard once(bit) else { return false }
                switch value {
                case let .string(string): slot = string; return true
                case .null: return optional
                default: return false
                }
            }
            func number(_ bit: Int, _ slot: inout Double?) -> Bool {
                guard once(bit), case let .number(number) = value else { return false }
                slot = number
                return true
            }
            switch key {
            case "id": return text(0, &id, optional: false)
            case "category": return text(1, &category, optional: false)
            case "currency": return text(2, &currency, optional: false)
            case "condition": return text(3, &condition, optional: false)
            case "deliveredOn": return text(4, &deliveredOn, optional: false)
            case "requestedOn": return text(5, &requestedOn, optional: false)
            case "zone": return text(6, &zone, optional: true)
            case "country": return text(7, &country, optional: true)
            case "postcode": return text(8, &postcode, optional: true)
            case "orderId": return text(9, &orderId, optional: true)
            case "exportedOn": return text(10, &exportedOn, optional: true)
            case "weightKg": return number(11, &weightKg)
            case "value": return number(12, &self.value)
            case "freeReturns":
                guard once(13) else { return false }
                switch value {
                case let .bool(flag): freeReturns = flag; return true
                case .null: return true
                default: return false
                }
            default:
                return true
            }
        }

        func request() -> ParcelRequest? {
            guard let id, let category, let weightKg, let value, let currency, let conditionText = condition,
                  let condition = ItemCondition(text: conditionText), let deliveredOn, let requestedOn
            else { return nil }
            return ParcelRequest(id: id, zone: zone, country: country, postcode: postcode, category: category, weightKg: weightKg, value: value, currency: currency, condition: condition, deliveredOn: deliveredOn, requestedOn: requestedOn, freeReturns: freeReturns, orderId: orderId, exportedOn: exportedOn)
        }
    }

    struct Parser {
        let bytes: UnsafeRawBufferPointer
        var i = 0

        init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        /// Reads one flat object to the end of the input, handing each field to `field` (false stops).
        mutating func object(_ field: (String, Value) -> Bool) -> Bool {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return false }
            i += 1
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return end() }
            while true {
                skipSpace()
                guard let key = string() else { return false }
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return false }
                i += 1
                skipSpace()
                guard let value = value(), field(key, value) else { return false }
                skipSpace()
                guard i < bytes.count else { return false }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                guard bytes[i] == UInt8(ascii: "}") else { return false }
                i += 1
                return end()
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
            // An underflow to zero (1e-400) is refused by JSONDecoder: leave it to it.
            if value == 0, text.prefix(while: { $0 != "e" && $0 != "E" }).contains(where: { ("1"..."9").contains($0) }) { return nil }
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
