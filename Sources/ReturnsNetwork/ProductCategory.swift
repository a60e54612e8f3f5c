/// A kind of goods, with what each disposition recovers of its value.
public struct ProductCategory: Hashable, Sendable, Codable {
    public var id: String
    public var name: String?
    /// Share of declared value recovered per disposition (keep recovers nothing).
    public var recoveryRates: [DispositionKind: Double]
    /// Cost of refurbishing one item, paid where it is refurbished.
    public var refurbishCost: Money?
    public var location: SourceLocation?

    public init(id: String, name: String? = nil, recoveryRates: [DispositionKind: Double] = [:], refurbishCost: Money? = nil, location: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.recoveryRates = recoveryRates
        self.refurbishCost = refurbishCost
        self.location = location
    }

    /// Recovery rate for `disposition` (0 when not given).
    public func recoveryRate(_ disposition: DispositionKind) -> Double {
        disposition == .keep ? 0 : (recoveryRates[disposition] ?? 0)
    }
}

/// The returns forecast of one zone for one category, per planning period.
public struct DemandEntry: Hashable, Sendable, Codable {
    public var zone: String
    public var category: String
    public var parcels: Double
    public var meanWeightKg: Double
    public var meanValue: Money
    /// Shares of parcels that come back new, opened and damaged.
    public var conditions: ConditionShares
    public var location: SourceLocation?

    /// Share of parcels that come back in resellable (unchanged: new or opened) condition.
    public var resellableShare: Double { conditions.unchanged }

    public init(zone: String, category: String, parcels: Double, meanWeightKg: Double, meanValue: Money, conditions: ConditionShares, location: SourceLocation? = nil) {
        self.zone = zone
        self.category = category
        self.parcels = parcels
        self.meanWeightKg = meanWeightKg
        self.meanValue = meanValue
        self.conditions = conditions
        self.location = location
    }

    /// A forecast row given by its resellable share (see `ConditionShares.init(resellable:)`).
    public init(zone: String, category: String, parcels: Double, meanWeightKg: Double, meanValue: Money, resellableShare: Double, location: SourceLocation? = nil) {
        self.init(zone: zone, category: category, parcels: parcels, meanWeightKg: meanWeightKg, meanValue: meanValue, conditions: ConditionShares(resellable: resellableShare), location: location)
    }
}

/// Maps a postcode prefix in a country to a zone, so a parcel's address finds its zone.
public struct PostcodeZone: Hashable, Sendable, Codable {
    public var country: String
    public var prefix: String
    public var zone: String
    /// Where the postcode area is (both or neither): drop-off points are measured from here, else from the zone.
    public var latitude: Double?
    public var longitude: Double?

    public init(country: String, prefix: String, zone: String, latitude: Double? = nil, longitude: Double? = nil) {
        self.country = country
        self.prefix = prefix
        self.zone = zone
        self.latitude = latitude
        self.longitude = longitude
    }
}
