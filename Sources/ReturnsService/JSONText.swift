import Routing

/// Small JSON writing helpers for responses assembled from stored JSON.
enum JSONText {
    static func string(_ text: String) -> String {
        var writer = JSONWriter(capacity: text.utf8.count + 8)
        writer.string(text)
        return writer.text
    }

    static func optional(_ text: String?) -> String { text.map(string) ?? "null" }

    /// ISO 8601 UTC with milliseconds for seconds since 1970.
    static func timestamp(_ seconds: Double) -> String {
        let millis = Int64((seconds * 1000).rounded())
        let day = Int32((Double(millis) / 86_400_000).rounded(.down))
        var rest = millis - Int64(day) * 86_400_000
        var out = Array(CivilDate.string(day).utf8)
        out.reserveCapacity(24)
        func digits(_ value: Int64, _ count: Int) {
            var divisor: Int64 = 1
            for _ in 1..<count { divisor *= 10 }
            var v = value
            for _ in 0..<count {
                out.append(UInt8(48 + v / divisor))
                v %= divisor
                divisor /= 10
            }
        }
        out.append(UInt8(ascii: "T")); digits(rest / 3_600_000, 2); rest %= 3_600_000
        out.append(UInt8(ascii: ":")); digits(rest / 60_000, 2); rest %= 60_000
        out.append(UInt8(ascii: ":")); digits(rest / 1000, 2)
        out.append(UInt8(ascii: ".")); digits(rest % 1000, 3)
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }
}
