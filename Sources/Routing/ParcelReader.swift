import Foundation
import ReturnsNetwork

/// Reads parcel requests from CSV (the header of `boomerang generate parcels`) or JSON lines, one record
/// at a time, with the line number of each, so a bad row is reported and the rest still routed.
public struct ParcelReader {
    public enum Format: String, Sendable, CaseIterable { case csv, jsonl }

    /// A row that could not be read as a parcel.
    public struct RowError: Error, Sendable, Equatable {
        public var line: Int
        /// The row's id, when it could be read.
        public var id: String?
        public var field: String?
        public var message: String

        public init(line: Int, id: String? = nil, field: String?, message: String) {
            self.line = line
            self.id = id
            self.field = field
            self.message = message
        }
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
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
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

    static func readCSV(_ data: Data, _ body: (Row) -> Void) {
        let bytes = [UInt8](data)
        bytes.withUnsafeBufferPointer { buffer in
            var headerEnd = 0
            while headerEnd < buffer.count, buffer[headerEnd] != UInt8(ascii: "\n") { headerEnd += 1 }
            var header = UnsafeBufferPointer(rebasing: buffer[0..<headerEnd])
            if header.last == UInt8(ascii: "\r") { header = UnsafeBufferPointer(rebasing: header[0..<header.count - 1]) }
            switch ParcelCSV.header(header) {
            case let .failure(error):
                body((1, .failure(error)))
            case let .success(csv):
                csv.rows(buffer, from: min(buffer.count, headerEnd + 1), to: buffer.count, firstLine: 2) { line, result in body((line, result)) }
            }
        }
    }
}
