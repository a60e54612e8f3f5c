/// Money by kind, in the planning currency. `net` is what the plan costs the merchant per period.
public struct CostBreakdown: Hashable, Sendable, Codable {
    /// Fixed costs of opened hubs.
    public var hubFixed: Double = 0
    /// Consolidated dispatches (trucks, pallets, containers).
    public var dispatch: Double = 0
    /// Per-parcel and per-kg freight.
    public var parcelFreight: Double = 0
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
        hubFixed + dispatch + parcelFreight + handling + brokerage + duty + refurbishment - recoveredValue - customerFees
    }

    static func + (a: Self, b: Self) -> Self {
        var sum = a
        sum.hubFixed += b.hubFixed
        sum.dispatch += b.dispatch
        sum.parcelFreight += b.parcelFreight
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
        scaled.parcelFreight *= factor
        scaled.handling *= factor
        scaled.brokerage *= factor
        scaled.duty *= factor
        scaled.refurbishment *= factor
        scaled.recoveredValue *= factor
        scaled.customerFees *= factor
        return scaled
    }
}
