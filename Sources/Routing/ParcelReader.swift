import Foundation
import ReturnsNetwork

/// Reads parcel requests from CSV (the header of `boomerang generate parcels`) or JSON lines, one record
/// at a time, with the line number of each, so a bad row is reported and the rest still routed.
public struct ParcelReader {
    public enum Format: String, Sendable, CaseIterable { case csv, jsonl }

    /// A row that could not be read as a parcel.
    public struct RowError: Error, Sendable, Equatable {
        public var line: Int
        public var field: String?
        public var message: String
    }

    public typealias Row = (line: Int, result: Result<ParcelRequest, RowError>)

    /// Parses `data` in `format`, calling `body` for every row in order.
    public static func read(_ data: Data, format: Format, _ body: (Row) -> Void) {
        switch format {
        case .jsonl: readJSONLines(data, body)
        case .csv: readCSV(data, body)
        }
    }

    static func lines(_ data: Data, _ body: (Int, Substring) -> Void) {
        let text = String(decoding: data, as: UTF8.self)
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            if trimmed.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            body(number, trimmed)
        }
    }

    static func readJSONLines(_ data: Data, _ body: (Row) -> Void) {
        let decoder = JSONDecoder()
        lines(data) { number, line in
            do {
                body((number, .success(try decoder.decode(ParcelRequest.self, from: Data(line.utf8)))))
            } catch let DecodingError.keyNotFound(key, _) {
                body((number, .failure(RowError(line: number, field: key.stringValue, message: "missing field '\(key.stringValue)'"))))
            } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
                let field = context.codingPath.map(\.stringValue).joined(separator: ".")
                body((number, .failure(RowError(line: number, field: field, message: "wrong type for '\(field)'"))))
            } catch let DecodingError.dataCorrupted(context) {
                let field = context.codingPath.map(\.stringValue).joined(separator: ".")
                body((number, .failure(RowError(line: number, field: field.isEmpty ? nil : field, message: field.isEmpty ? "not valid JSON" : "invalid value for '\(field)'"))))
            } catch {
                body((number, .failure(RowError(line: number, field: nil, message: "not a parcel: \(error)"))))
            }
        }
    }

    static let columns = ["id", "zone", "country", "postcode", "category", "weightKg", "value", "currency", "condition", "deliveredOn", "requestedOn", "freeReturns"]

    static func readCSV(_ data: Data, _ body: (Row) -> Void) {
        var index: [String: Int]?
        lines(data) { number, line in
            let cells = split(line)
            guard let columns = index else {
                let header = cells.map { $0.trimmingCharacters(in: .whitespaces) }
                index = Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
                for required in ["id", "category", "weightKg", "value", "currency", "condition", "deliveredOn", "requestedOn"] where !header.contains(required) {
                    body((number, .failure(RowError(line: number, field: required, message: "the header has no column '\(required)'"))))
                }
                return
            }
            func cell(_ name: String) -> String? {
                guard let i = columns[name], i < cells.count else { return nil }
                let value = cells[i]
                return value.isEmpty ? nil : value
            }
            func fail(_ field: String, _ message: String) { body((number, .failure(RowError(line: number, field: field, message: message)))) }
            guard let id = cell("id") else { return fail("id", "missing id") }
            guard let category = cell("category") else { return fail("category", "missing category") }
            guard let weightText = cell("weightKg"), let weight = Double(weightText) else { return fail("weightKg", "'\(cell("weightKg") ?? "")' is not a number") }
            guard let valueText = cell("value"), let value = Double(valueText) else { return fail("value", "'\(cell("value") ?? "")' is not a number") }
            guard let currency = cell("currency") else { return fail("currency", "missing currency") }
            guard let conditionText = cell("condition"), let condition = ItemCondition(rawValue: conditionText) else { return fail("condition", "'\(cell("condition") ?? "")' is not new, opened or damaged") }
            guard let delivered = cell("deliveredOn") else { return fail("deliveredOn", "missing date") }
            guard let requested = cell("requestedOn") else { return fail("requestedOn", "missing date") }
            let free: Bool
            switch cell("freeReturns") {
            case nil, "false", "0", "no": free = false
            case "true", "1", "yes": free = true
            case let other?: return fail("freeReturns", "'\(other)' is not true or false")
            }
            body((number, .success(ParcelRequest(id: id, zone: cell("zone"), country: cell("country"), postcode: cell("postcode"), category: category, weightKg: weight, value: value, currency: currency, condition: condition, deliveredOn: delivered, requestedOn: requested, freeReturns: free))))
        }
    }

    /// Splits one CSV line; quoted cells may hold commas and doubled quotes.
    static func split(_ line: Substring) -> [String] {
        if !line.contains("\"") { return line.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        var cells: [String] = []
        var cell = ""
        var quoted = false
        var iterator = line.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { cell.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { cell.append(c) }
            } else if c == "\"" && cell.isEmpty {
                quoted = true
            } else if c == "," {
                cells.append(cell)
                cell = ""
            } else {
                cell.append(c)
            }
        }
        cells.append(cell)
        return cells
    }
}
