/// Money by kind, in the planning currency. `net` is what the plan costs the merchant per period.
public struct CostBreakdown: Hashable, Sendable {
    /// Fixed costs of opened hubs.
    public var hubFixed: Double = 0
    /// Consolidated dispatches (trucks, pallets, containers).
    public var dispatch: Double = 0
    /// Per-parcel and per-kg freight.
    public var freight: Double = 0
    /// Handling at hubs, warehouses and other nodes.
    public var handling: Double = 0
    /// Customs brokerage: per parcel on parcel lanes, per dispatch on consolidated lanes.
    public var brokerage: Double = 0
    /// Import duty where no relief or de minimis applies.
    public var duty: Double = 0
    /// Cost of refurbishing.
    public var refurbishment: Double = 0
    /// Value recovered by restocking, refurbishing and liquidating (subtracted).
    public var recoveredValue: Double = 0
    /// Return fees paid by customers (subtracted).
    public var customerFees: Double = 0

    public init() {}

    /// Costs minus recoveries.
    public var net: Double {
        hubFixed + dispatch + freight + handling + brokerage + duty + refurbishment - recoveredValue - customerFees
    }

    static func + (a: Self, b: Self) -> Self {
        var sum = a
        sum.hubFixed += b.hubFixed
        sum.dispatch += b.dispatch
        sum.freight += b.freight
        sum.handling += b.handling
        sum.brokerage += b.brokerage
        sum.duty += b.duty
        sum.refurbishment += b.refurbishment
        sum.recoveredValue += b.recoveredValue
        sum.customerFees += b.customerFees
        return sum
    }

    static func * (a: Self, factor: Double) -> Self {
        var scaled = a
        scaled.hubFixed *= factor
        scaled.dispatch *= factor
        scaled.freight *= factor
        scaled.handling *= factor
        scaled.brokerage *= factor
        scaled.duty *= factor
        scaled.refurbishment *= factor
        scaled.recoveredValue *= factor
        scaled.customerFees *= factor
        return scaled
    }
}

extension CostBreakdown {
    /// One part of the breakdown as every output shows it: costs positive, credits (recovered value, customer fees)
    /// negative, so the parts add up to `net`.
    public struct Part: Hashable, Sendable {
        /// The JSON key and, in snake case, the CSV column.
        public var key: String
        /// How text tables and the report name it.
        public var label: String
        public var amount: Double
        /// A credit (recovered value, customer fees): shown negative.
        public var isCredit = false
    }

    /// The parts in their one order and sign: the list text tables, CSV, JSON and the report all show.
    public var parts: [Part] {
        [Part(key: "hubFixed", label: "hub fixed", amount: hubFixed), Part(key: "dispatch", label: "dispatches", amount: dispatch),
         Part(key: "freight", label: "freight", amount: freight), Part(key: "handling", label: "handling", amount: handling),
         Part(key: "brokerage", label: "brokerage", amount: brokerage), Part(key: "duty", label: "duty", amount: duty),
         Part(key: "refurbishment", label: "refurbishment", amount: refurbishment),
         Part(key: "recoveredValue", label: "recovered value", amount: -recoveredValue, isCredit: true),
         Part(key: "customerFees", label: "customer fees", amount: -customerFees, isCredit: true)]
    }
}

/// JSON (plan schema 2): the parts with their signs (`parts`) and `net`, their sum.
extension CostBreakdown: Codable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for part in parts { try container.encode(part.amount == 0 ? 0 : part.amount, forKey: Key(part.key)) }
        try container.encode(net, forKey: Key("net"))
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        func amount(_ key: String) throws -> Double { try container.decodeIfPresent(Double.self, forKey: Key(key)) ?? 0 }
        self.init()
        hubFixed = try amount("hubFixed")
        dispatch = try amount("dispatch")
        freight = try amount("freight")
        handling = try amount("handling")
        brokerage = try amount("brokerage")
        duty = try amount("duty")
        refurbishment = try amount("refurbishment")
        recoveredValue = try -amount("recoveredValue")
        customerFees = try -amount("customerFees")
    }

    /// A breakdown as plan schema 1 wrote it: freight as `parcelFreight`, credits positive.
    struct SchemaVersion1: Decodable {
        var hubFixed, dispatch, parcelFreight, handling, brokerage, duty, refurbishment, recoveredValue, customerFees: Double

        var current: CostBreakdown {
            var costs = CostBreakdown()
            costs.hubFixed = hubFixed
            costs.dispatch = dispatch
            costs.freight = parcelFreight
            costs.handling = handling
            costs.brokerage = brokerage
            costs.duty = duty
            costs.refurbishment = refurbishment
            costs.recoveredValue = recoveredValue
            costs.customerFees = customerFees
            return costs
        }
    }
}
