import ReturnsNetwork

/// Parcel rows in CSV (the header of `boomerang generate parcels`): the one reader both CSV paths use — `ParcelReader`
/// (to JSON lines or CSV) and `BulkRouter` (CSV to CSV across cores) — so a row reads the same, and fails with the
/// same message, whichever way it is routed.
///
/// Cells are trimmed of spaces and tabs; a cell may be quoted (`"a, b"`, `""` for a quote); an empty cell is an
/// absent field; a UTF-8 byte-order mark before the header and `\r\n` line ends are accepted. Field values are read
/// by the shared field parsers: `ItemCondition(utf8:)` (any letter case), `ParcelCSV.flag`, `ParcelCSV.number`, and
/// dates, currency and zone by `RouteTable.resolve`.
public struct ParcelCSV: Sendable {
    /// Columns a parcel file must have.
    public static let required = ["id", "category", "weightKg", "value", "currency", "condition", "deliveredOn", "requestedOn"]
    /// Every column read (others are ignored).
    public static let known = ["id", "zone", "country", "postcode", "category", "weightKg", "value", "currency", "condition", "deliveredOn", "requestedOn", "freeReturns", "orderId", "exportedOn"]

    /// Column index of each known field, or -1.
    let index: [Int]
    /// Cells a row must have (one past the last known column).
    let width: Int

    /// Reads the header line; the missing required columns are returned as errors on line 1.
    public static func header(_ line: UnsafeBufferPointer<UInt8>) -> Result<ParcelCSV, ParcelReader.RowError> {
        var cells = cells(of: line).map { String(decoding: $0, as: UTF8.self) }
        if let first = cells.first, first.hasPrefix("\u{FEFF}") { cells[0] = String(first.dropFirst()) }
        let position = Dictionary(cells.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let missing = required.filter { position[$0] == nil }
        guard missing.isEmpty else {
            return .failure(ParcelReader.RowError(line: 1, field: missing[0], message: "the header has no column \(missing.map { "'\($0)'" }.joined(separator: ", "))"))
        }
        let index = known.map { position[$0] ?? -1 }
        return .success(ParcelCSV(index: index, width: (index.max() ?? 0) + 1))
    }

    /// Splits one line (without its line end) into trimmed cells; quoted cells lose their quotes.
    static func cells(of line: UnsafeBufferPointer<UInt8>) -> [[UInt8]] {
        var cells: [[UInt8]] = []
        var cell: [UInt8] = []
        var quoted = false, wasQuoted = false
        var i = 0
        func finish() {
            cells.append(wasQuoted ? cell : trim(cell))
            cell.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        while i < line.count {
            let byte = line[i]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if i + 1 < line.count, line[i + 1] == UInt8(ascii: "\"") { cell.append(byte); i += 1 } else { quoted = false }
                } else {
                    cell.append(byte)
                }
            } else if byte == UInt8(ascii: "\""), trim(cell).isEmpty, !wasQuoted {
                cell.removeAll(keepingCapacity: true)
                quoted = true
                wasQuoted = true
            } else if byte == UInt8(ascii: ",") {
                finish()
            } else if !(wasQuoted && (byte == 0x20 || byte == 0x09)) {
                cell.append(byte)
            }
            i += 1
        }
        finish()
        return cells
    }

    static func trim(_ bytes: [UInt8]) -> [UInt8] {
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return start == 0 && end == bytes.count ? bytes : Array(bytes[start..<end])
    }

    /// Reads one data line (line number `line`, without its line end) into a request, or says what is wrong with it.
    public func request(_ lineBytes: UnsafeBufferPointer<UInt8>, line: Int) -> Result<ParcelRequest, ParcelReader.RowError> {
        let cells = Self.cells(of: lineBytes)
        func text(_ field: Int) -> String? {
            let column = index[field]
            guard column >= 0, column < cells.count, !cells[column].isEmpty else { return nil }
            return String(decoding: cells[column], as: UTF8.self)
        }
        let id = text(0)
        func fail(_ field: String, _ message: String) -> Result<ParcelRequest, ParcelReader.RowError> {
            .failure(ParcelReader.RowError(line: line, id: id, field: field, message: message))
        }
        guard cells.count >= width else { return fail("row", "has \(cells.count) cells, the header \(width)") }
        guard let id else { return fail("id", "missing id") }
        guard let category = text(4) else { return fail("category", "missing category") }
        guard let weight = text(5).flatMap(Self.number) else { return fail("weightKg", "'\(text(5) ?? "")' is not a number") }
        guard let value = text(6).flatMap(Self.number) else { return fail("value", "'\(text(6) ?? "")' is not a number") }
        guard let currency = text(7) else { return fail("currency", "missing currency") }
        guard let condition = text(8).flatMap({ ItemCondition(text: $0) }) else { return fail("condition", "'\(text(8) ?? "")' is not new, opened or damaged") }
        guard let delivered = text(9) else { return fail("deliveredOn", "missing date") }
        guard let requested = text(10) else { return fail("requestedOn", "missing date") }
        var waiver: Bool?
        if let flag = text(11) {
            guard let parsed = Self.flag(flag) else { return fail("freeReturns", "'\(flag)' is not true or false") }
            waiver = parsed
        }
        return .success(ParcelRequest(
            id: id, zone: text(1), country: text(2), postcode: text(3), category: category, weightKg: weight, value: value,
            currency: currency, condition: condition, deliveredOn: delivered, requestedOn: requested, freeReturns: waiver,
            orderId: text(12), exportedOn: text(13)
        ))
    }

    /// Reads every data line of `bytes[start..<end]`, the first of them line `firstLine`, skipping blank lines.
    public func rows(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, firstLine: Int, _ body: (Int, Result<ParcelRequest, ParcelReader.RowError>) -> Void) {
        var line = firstLine
        var position = start
        while position < end {
            var lineEnd = position
            while lineEnd < end, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            var contentEnd = lineEnd
            if contentEnd > position, bytes[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
            let content = UnsafeBufferPointer(rebasing: bytes[position..<contentEnd])
            if !content.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { body(line, request(content, line: line)) }
            position = lineEnd + 1
            line += 1
        }
    }

    /// A number as every parcel reader reads it (`Double`'s grammar; `nan` and `inf` are numbers the checks then refuse).
    public static func number(_ text: String) -> Double? { Double(text) }

    /// A yes/no field as every parcel reader reads it: `true`/`false`, `yes`/`no`, `on`/`off`, `1`/`0`, in any letter case.
    public static func flag(_ text: String) -> Bool? { parseFlag(text) }
}
