import ArgumentParser
import Foundation
import Planning
import ReturnsNetwork
import Routing

/// Accumulates decisions as JSON lines or CSV rows.
struct DecisionWriter {
    let format: RouteCommand.Format
    var text = ""
    let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static let csvHeader = BulkRouter.header

    init(format: RouteCommand.Format) {
        self.format = format
        if format == .csv { text = Self.csvHeader + "\n" }
    }

    mutating func write(_ record: DecisionRecord) {
        switch format {
        case .jsonl:
            if let data = try? encoder.encode(record) { text += String(decoding: data, as: UTF8.self) + "\n" }
        case .csv:
            let duty = record.customs.reduce(0) { $0 + $1.duty }
            let fields = [record.id, record.decision, record.reason, record.zone ?? "", record.category, record.disposition ?? "", record.destination ?? "",
                          fixed(record.cost), fixed(record.fee), fixed(duty), fixed(record.transitDays), record.eta ?? "",
                          record.legs.map(\.lane).joined(separator: ";"), DecisionRecord.Dropoff.csv(record.dropoffs), record.message]
            text += fields.map(BulkRouter.csvField).joined(separator: ",") + "\n"
        }
    }

    mutating func error(_ error: ParcelReader.RowError) {
        switch format {
        case .jsonl:
            var object: [String: String] = ["decision": "error", "line": String(error.line), "message": error.message]
            object["id"] = error.id
            object["field"] = error.field
            if let data = try? encoder.encode(object) { text += String(decoding: data, as: UTF8.self) + "\n" }
        case .csv:
            let fields = [error.id ?? "", "error", "invalid_row", "", "", "", "", "", "", "", "", "", "", "", BulkRouter.errorMessage(error)]
            text += fields.map(BulkRouter.csvField).joined(separator: ",") + "\n"
        }
    }

    func fixed(_ value: Double) -> String { BulkRouter.fixed(value) }
}
