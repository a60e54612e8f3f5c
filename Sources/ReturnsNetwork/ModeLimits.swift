/// What a lane mode carries per item: the heaviest parcel and, where a carrier caps its liability, the most
/// valuable one. Scenario settings (`parcelMaxKg`, `parcelMaxValue`, `consolidatedMaxKg`, `consolidatedMaxValue`)
/// override the defaults; `Scenario.carries` is the one rule plan and router apply.
public struct ModeLimits: Hashable, Sendable, Codable {
    public var maxKg: Double
    /// None: no value limit.
    public var maxValue: Money?

    public init(maxKg: Double, maxValue: Money? = nil) {
        self.maxKg = maxKg
        self.maxValue = maxValue
    }

    /// Parcel carriers' usual limit per parcel (DHL, DPD, GLS, Royal Mail parcels): 31.5 kg.
    public static let parcel = ModeLimits(maxKg: 31.5)
    /// An item on a pallet, LTL or FTL load: one tonne.
    public static let consolidated = ModeLimits(maxKg: 1000)
}

extension Scenario {
    /// The limits of lanes of `mode`.
    public func limits(_ mode: LaneMode) -> ModeLimits {
        switch mode {
        case .parcel: settings.parcelLimits
        case .consolidated: settings.consolidatedLimits
        }
    }

    /// The most valuable item a lane of `mode` carries, in the planning currency (+∞ without a limit).
    public func maxValue(_ mode: LaneMode) -> Double {
        limits(mode).maxValue.map { value($0) } ?? .infinity
    }

    /// Whether a lane of `mode` carries an item of `weightKg` and `value` (planning currency): plan (for a
    /// commodity's mean) and router (for a parcel) alike.
    public func carries(_ mode: LaneMode, weightKg: Double, value: Double) -> Bool {
        weightKg <= limits(mode).maxKg && value <= maxValue(mode)
    }
}
