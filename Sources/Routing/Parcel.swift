import ReturnsNetwork

/// A return as a client sends it: the JSON-lines form of `boomerang generate parcels`, and the body of
/// `POST /v1/returns`.
///
/// ```json
/// {"id":"R1","zone":"de-north","category":"apparel","weightKg":0.8,"value":55,"currency":"EUR",
///  "condition":"new","deliveredOn":"2026-11-02","requestedOn":"2026-11-12","freeReturns":true}
/// ```
/// Instead of `zone`, a parcel may give `country` and `postcode`, matched against the scenario's postcode table.
public struct ParcelRequest: Codable, Sendable, Equatable {
    public var id: String
    public var zone: String?
    public var country: String?
    public var postcode: String?
    public var category: String
    public var weightKg: Double
    /// Declared value, in `currency`.
    public var value: Double
    public var currency: String
    public var condition: ItemCondition
    /// Delivery date, `YYYY-MM-DD`.
    public var deliveredOn: String
    /// Date the return was requested, `YYYY-MM-DD`.
    public var requestedOn: String
    /// A merchant's waiver of the customer's fee for this return (`true`); absent or `false`, the policy decides
    /// what the customer pays. A waiver is recorded in the decision (`feeWaived`); it never adds a fee.
    public var freeReturns: Bool?
    /// The original order, evidence for returned-goods relief on the customs manifest.
    public var orderId: String?
    /// Date the goods left the merchant's territory, `YYYY-MM-DD` (else the delivery date stands in for it).
    public var exportedOn: String?

    public init(id: String, zone: String? = nil, country: String? = nil, postcode: String? = nil, category: String, weightKg: Double, value: Double, currency: String, condition: ItemCondition, deliveredOn: String, requestedOn: String, freeReturns: Bool? = nil, orderId: String? = nil, exportedOn: String? = nil) {
        self.id = id
        self.zone = zone
        self.country = country
        self.postcode = postcode
        self.category = category
        self.weightKg = weightKg
        self.value = value
        self.currency = currency
        self.condition = condition
        self.deliveredOn = deliveredOn
        self.requestedOn = requestedOn
        self.freeReturns = freeReturns
        self.orderId = orderId
        self.exportedOn = exportedOn
    }
}

/// A return resolved to integers at the edge: what `Router.decide` reads on the hot path.
public struct Parcel: Sendable, Equatable {
    /// Zone number in the route table, or -1 when unknown.
    public var zone: Int32
    /// Category number in the route table, or -1 when unknown.
    public var category: Int32
    public var weightKg: Double
    /// Declared value in the planning currency.
    public var value: Double
    /// Days since 1970-01-01.
    public var deliveredDay: Int32
    public var requestedDay: Int32
    /// Where the customer is (`CustomerPlaces`): the postcode row's place, else the zone's; -1 when unknown.
    public var place: Int32
    public var condition: ItemCondition
    /// The merchant waived the customer's fee for this return.
    public var feeWaived: Bool
    /// Exported longer ago than the returned-goods relief window allows (`RouteCosting.reliefLapsed`): duty everywhere.
    public var reliefLapsed: Bool

    public init(zone: Int32, category: Int32, weightKg: Double, value: Double, condition: ItemCondition, deliveredDay: Int32, requestedDay: Int32, feeWaived: Bool = false, reliefLapsed: Bool = false, place: Int32? = nil) {
        self.zone = zone
        self.category = category
        self.weightKg = weightKg
        self.value = value
        self.condition = condition
        self.deliveredDay = deliveredDay
        self.requestedDay = requestedDay
        self.feeWaived = feeWaived
        self.reliefLapsed = reliefLapsed
        self.place = place ?? zone
    }
}

/// Calendar dates as day numbers, without Foundation's formatters.
public enum CivilDate {
    /// Days since 1970-01-01 for `YYYY-MM-DD`, or nil when it is not a real date.
    public static func day(_ text: String) -> Int32? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let digit = Int(bytes[i]) - 48
                guard digit >= 0, digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              (1...12).contains(month), day >= 1, day <= daysInMonth(year, month) else { return nil }
        return Int32(daysFromCivil(year, month, day))
    }

    /// `YYYY-MM-DD` for a day number.
    public static func string(_ day: Int32) -> String {
        let (y, m, d) = civilFromDays(Int(day))
        func pad(_ v: Int, _ width: Int) -> String {
            let text = String(v)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
