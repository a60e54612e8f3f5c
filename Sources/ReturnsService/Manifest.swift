import Foundation
import Planning
import ReturnsNetwork
import Routing

/// The consolidated customs manifest of a batch: every parcel with its category, weight, declared value,
/// origin country and the evidence for returned-goods relief, and the totals a broker files.
public struct Manifest: Codable, Sendable, Equatable {
    public struct Border: Codable, Sendable, Equatable {
        /// The customs territory the batch enters.
        public var territory: String
        public var returnedGoodsRelief: Bool
        public var reliefWindowDays: Int?
    }

    public struct Line: Codable, Sendable, Equatable {
        public var id: String
        public var orderId: String?
        public var category: String
        public var condition: String
        public var weightKg: Double
        public var declaredValue: Double
        public var declaredCurrency: String
        /// Declared value in the planning currency.
        public var value: Double
        public var zone: String
        public var originCountry: String
        /// Export date: `exportedOn` as given, else the delivery date.
        public var exportedOn: String
        public var daysSinceExport: Int
        public var reliefWindowDays: Int?
        /// Unchanged (not damaged), as relief requires.
        public var conditionUnchanged: Bool
        public var reliefClaimed: Bool
        public var dutyDue: Double
    }

    public struct Totals: Codable, Sendable, Equatable {
        public var parcels: Int
        public var weightKg: Double
        public var value: Double
        public var reliefParcels: Int
        public var reliefValue: Double
        public var dutyParcels: Int
        public var dutyDue: Double
    }

    public var batch: String
    public var lane: String
    public var from: String
    public var to: String
    public var carrier: String?
    public var status: BatchStatus
    /// True once dispatched: the manifest no longer changes.
    public var frozen: Bool
    /// The day the manifest is made for (the dispatch day once frozen).
    public var asOf: String
    public var currency: String
    /// The border the batch crosses, or nil when it stays in one territory.
    public var border: Border?
    public var parcels: [Line]
    public var totals: Totals

    /// Builds the manifest of `batch` holding `parcels`, as of `now` (seconds since 1970).
    public init(batch: BatchRecord, parcels: [StoredReturn], model: ServiceModel, now: Double) throws {
        let graph = model.router.table.graph
        let costing = model.router.table.costing
        let scenario = model.scenario
        let laneIndex = graph.lanes.firstIndex { $0.id == batch.lane }
        let day = Int32((now / 86_400).rounded(.down))
        self.batch = batch.id
        lane = batch.lane
        from = batch.from
        to = batch.to
        carrier = laneIndex.flatMap { graph.lanes[$0].carrier }
        status = batch.status
        frozen = batch.status == .dispatched
        asOf = CivilDate.string(day)
        currency = scenario.currency
        var border: Border?
        if let laneIndex, graph.crossesBorder[laneIndex] {
            let territory = graph.territory[graph.to(laneIndex)]
            let customs = scenario.customs(territory)
            border = Border(territory: territory, returnedGoodsRelief: costing.reliefApplies(territory: territory, resellable: true), reliefWindowDays: customs?.reliefWindowDays)
        }
        self.border = border
        let decoder = JSONDecoder()
        var lines: [Line] = []
        var totals = Totals(parcels: 0, weightKg: 0, value: 0, reliefParcels: 0, reliefValue: 0, dutyParcels: 0, dutyDue: 0)
        for parcel in parcels {
            let request: ParcelRequest
            do {
                request = try decoder.decode(ParcelRequest.self, from: Data(parcel.request.utf8))
            } catch {
                throw StoreError.corrupt("return \(parcel.id): its recorded request is not a parcel (\(error))")
            }
            let decision = try? decoder.decode(DecisionRecord.self, from: Data(parcel.decision.utf8))
            let zone = decision?.zone ?? request.zone ?? ""
            let country = graph.nodeIndex[zone].map { graph.nodes[$0].country } ?? request.country ?? ""
            let value = scenario.exchangeRates.knows(request.currency) ? scenario.exchangeRates.convert(Money(request.value, request.currency)) : request.value
            let exported = request.exportedOn.flatMap(CivilDate.day) ?? CivilDate.day(request.deliveredOn) ?? day
            let daysSince = Int(day - exported)
            let unchanged = request.condition.isUnchanged
            // The router's rule, judged on the manifest's day: relief lapses once the window has passed.
            let customs = laneIndex.flatMap {
                costing.customs(lane: $0, category: request.category, resellable: unchanged, value: value, reliefLapsed: costing.reliefLapsed(exportedDay: exported, on: day))
            }
            let relief = customs?.treatment == .relief
            let duty = customs?.duty ?? 0
            lines.append(Line(
                id: request.id, orderId: request.orderId, category: request.category, condition: request.condition.rawValue,
                weightKg: request.weightKg, declaredValue: request.value, declaredCurrency: request.currency, value: value,
                zone: zone, originCountry: country, exportedOn: CivilDate.string(exported), daysSinceExport: daysSince,
                reliefWindowDays: border?.reliefWindowDays, conditionUnchanged: unchanged, reliefClaimed: relief, dutyDue: duty
            ))
            totals.parcels += 1
            totals.weightKg += request.weightKg
            totals.value += value
            if relief { totals.reliefParcels += 1; totals.reliefValue += value }
            if duty > 0 { totals.dutyParcels += 1; totals.dutyDue += duty }
        }
        self.parcels = lines
        self.totals = totals
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    public static let csvColumns = ["id", "orderId", "category", "condition", "weightKg", "declaredValue", "declaredCurrency", "value", "zone", "originCountry", "exportedOn", "daysSinceExport", "reliefWindowDays", "conditionUnchanged", "reliefClaimed", "dutyDue"]

    /// A text cell a spreadsheet will not run: one that begins with `=`, `+`, `-`, `@`, a tab or a carriage
    /// return gets a leading `'`, as OWASP advises against CSV injection (numbers are written by us, never
    /// passed through here).
    static func spreadsheetText(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }

    /// One row per parcel after a header, then a `TOTAL` row.
    public func csv() -> String {
        func fixed(_ value: Double) -> String { BulkRouter.fixed(value) }
        var out = Self.csvColumns.joined(separator: ",") + "\n"
        for line in parcels {
            let text = Self.spreadsheetText
            let cells = [
                text(line.id), text(line.orderId ?? ""), text(line.category), line.condition, fixed(line.weightKg), fixed(line.declaredValue), text(line.declaredCurrency),
                fixed(line.value), text(line.zone), text(line.originCountry), line.exportedOn, String(line.daysSinceExport), line.reliefWindowDays.map(String.init) ?? "",
                String(line.conditionUnchanged), String(line.reliefClaimed), fixed(line.dutyDue),
            ]
            out += cells.map(BulkRouter.csvField).joined(separator: ",") + "\n"
        }
        let total = ["TOTAL", "", "", "", fixed(totals.weightKg), "", "", fixed(totals.value), "", "", "", "", "", "", String(totals.reliefParcels), fixed(totals.dutyDue)]
        out += total.joined(separator: ",") + "\n"
        return out
    }
}
