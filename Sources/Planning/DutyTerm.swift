/// Duty at one border in its linear form: `rate · value` when the value is above `threshold` (−∞ when no de minimis
/// applies). `relievable` marks a border where returned-goods relief waives it for a parcel inside the relief window.
public struct DutyTerm: Sendable, Equatable {
    public var rate: Double
    public var threshold: Double
    /// The lane where it is charged.
    public var lane: Int32
    /// Waived by returned-goods relief unless the parcel's relief window has lapsed.
    public var relievable: Bool

    public init(rate: Double, threshold: Double, lane: Int32, relievable: Bool) {
        self.rate = rate
        self.threshold = threshold
        self.lane = lane
        self.relievable = relievable
    }

    /// The duty on a parcel of `value`, `reliefLapsed` when it was exported longer ago than the relief window.
    @inlinable
    public func charge(value: Double, reliefLapsed: Bool) -> Double {
        (value > threshold && (reliefLapsed || !relievable)) ? rate * value : 0
    }
}
