/// Writes JSON into a byte buffer without `JSONEncoder`: objects with their keys in the order written
/// (callers write them sorted, as `JSONEncoder`'s `.sortedKeys` would), so the service's hot path does not
/// spend its time in reflection.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var needsComma = false

    public init(capacity: Int = 512) {
        bytes.reserveCapacity(capacity)
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); needsComma = false }
    public mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma = true }
    public mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); needsComma = false }
    public mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma = true }

    /// Writes `"key":`; the value follows.
    public mutating func key(_ name: String) {
        separate()
        Self.appendString(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    public mutating func string(_ value: String) { separate(); Self.appendString(value, to: &bytes); needsComma = true }
    public mutating func bool(_ value: Bool) { raw(value ? "true" : "false") }
    public mutating func null() { raw("null") }
    public mutating func number(_ value: Int) { raw(String(value)) }

    /// A number as `JSONEncoder` writes it: integral values without a fraction, others in Swift's shortest form.
    public mutating func number(_ value: Double) {
        guard value.isFinite else { return null() }
        if value == value.rounded(), abs(value) < 1e15 { return raw(String(Int64(value))) }
        raw(value.description)
    }

    /// Already-encoded JSON.
    public mutating func raw(_ json: String) { separate(); bytes.append(contentsOf: json.utf8); needsComma = true }

    public mutating func field(_ name: String, _ value: String) { key(name); string(value) }
    public mutating func field(_ name: String, _ value: String?) { key(name); if let value { string(value) } else { null() } }
    public mutating func field(_ name: String, _ value: Double) { key(name); number(value) }
    public mutating func field(_ name: String, _ value: Int) { key(name); number(value) }
    public mutating func field(_ name: String, _ value: Bool) { key(name); bool(value) }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    static func appendString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case UInt8(ascii: "\n"): bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
            case UInt8(ascii: "\t"): bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 15)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

extension DecisionRecord {
    /// This record as JSON with sorted keys, as `JSONEncoder` with `.sortedKeys` writes it (nil fields left out).
    public func json() -> String {
        var w = JSONWriter(capacity: 1024)
        w.beginObject()
        w.field("category", category)
        w.field("cost", cost)
        w.key("customs"); w.beginArray()
        for entry in customs {
            w.beginObject()
            w.field("brokerage", entry.brokerage); w.field("duty", entry.duty); w.field("entry", entry.entry)
            w.field("lane", entry.lane); w.field("territory", entry.territory); w.field("treatment", entry.treatment.rawValue)
            w.endObject()
        }
        w.endArray()
        w.field("decision", decision)
        if let destination { w.field("destination", destination) }
        if let disposition { w.field("disposition", disposition) }
        w.key("dropoffs"); w.beginArray()
        for dropoff in dropoffs {
            w.beginObject()
            w.field("id", dropoff.id); w.field("km", dropoff.km)
            if let name = dropoff.name { w.field("name", name) }
            w.endObject()
        }
        w.endArray()
        if let eta { w.field("eta", eta) }
        w.field("fee", fee)
        if let feeWaived { w.field("feeWaived", feeWaived) }
        w.field("id", id)
        w.key("legs"); w.beginArray()
        for leg in legs {
            w.beginObject()
            if let carrier = leg.carrier { w.field("carrier", carrier) }
            w.field("cost", leg.cost); w.field("from", leg.from); w.field("lane", leg.lane); w.field("mode", leg.mode)
            w.field("to", leg.to); w.field("transitDays", leg.transitDays)
            w.endObject()
        }
        w.endArray()
        w.field("message", message)
        w.field("reason", reason)
        w.field("recoveredValue", recoveredValue)
        w.field("refurbishment", refurbishment)
        w.field("transitDays", transitDays)
        if let zone { w.field("zone", zone) }
        w.endObject()
        return w.text
    }
}

extension ParcelRequest {
    /// This request as JSON with sorted keys (nil fields left out): its canonical form, the same for any
    /// spacing or key order it was sent with.
    public func canonicalJSON() -> String {
        var w = JSONWriter(capacity: 320)
        w.beginObject()
        w.field("category", category)
        w.field("condition", condition.rawValue)
        if let country { w.field("country", country) }
        w.field("currency", currency)
        w.field("deliveredOn", deliveredOn)
        if let exportedOn { w.field("exportedOn", exportedOn) }
        if let freeReturns { w.field("freeReturns", freeReturns) }
        w.field("id", id)
        if let orderId { w.field("orderId", orderId) }
        if let postcode { w.field("postcode", postcode) }
        w.field("requestedOn", requestedOn)
        w.field("value", value)
        w.field("weightKg", weightKg)
        if let zone { w.field("zone", zone) }
        w.endObject()
        return w.text
    }
}
