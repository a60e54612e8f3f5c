/// What a node of the returns network is.
public enum NodeKind: String, Sendable, Codable, CaseIterable {
    /// Where returns start: a customer region with its forecast.
    case zone
    /// A carrier drop-off point, locker or partner store.
    case dropoff
    /// A regional return hub that sorts and consolidates; candidate hubs have a fixed cost.
    case hub
    /// A 3PL warehouse that can restock some categories locally.
    case warehouse
    /// A refurbisher that brings items back to sellable state.
    case refurbisher
    /// A liquidator that buys unsellable stock.
    case liquidator
    /// The merchant's home warehouse.
    case origin
}

/// Where a return ends and what it recovers.
public enum DispositionKind: String, Sendable, Codable, CaseIterable, Comparable {
    /// Put back into stock and resold (only items in resellable condition).
    case restock
    /// Repaired or refreshed, then sold.
    case refurbish
    /// Sold in bulk to a liquidator.
    case liquidate
    /// Returnless refund: the customer keeps the item; no transport, no recovery.
    case keep

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A place in the returns network.
public struct Node: Hashable, Sendable, Codable {
    public var id: String
    public var kind: NodeKind
    public var name: String?
    /// ISO 3166-1 alpha-2 country code.
    public var country: String
    public var latitude: Double
    public var longitude: Double
    /// Cost of receiving and handling one parcel here.
    public var handlingPerParcel: Money?
    /// Parcels per period this node can handle (nil: unlimited).
    public var capacityParcels: Double?
    /// Fixed cost per period, paid only if a candidate hub is opened.
    public var fixedCost: Money?
    /// Whether the optimiser decides to open this hub (true for hubs with a fixed cost).
    public var isCandidate: Bool
    /// Dispositions performed here.
    public var dispositions: [DispositionKind]
    /// Categories accepted for those dispositions (nil: all).
    public var categories: [String]?
    public var location: SourceLocation?

    public init(
        id: String, kind: NodeKind, name: String? = nil, country: String, latitude: Double, longitude: Double,
        handlingPerParcel: Money? = nil, capacityParcels: Double? = nil, fixedCost: Money? = nil,
        isCandidate: Bool = false, dispositions: [DispositionKind] = [], categories: [String]? = nil,
        location: SourceLocation? = nil
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.country = country
        self.latitude = latitude
        self.longitude = longitude
        self.handlingPerParcel = handlingPerParcel
        self.capacityParcels = capacityParcels
        self.fixedCost = fixedCost
        self.isCandidate = isCandidate
        self.dispositions = dispositions
        self.categories = categories
        self.location = location
    }

    /// Whether this node performs `disposition` for `category`.
    public func performs(_ disposition: DispositionKind, for category: String) -> Bool {
        dispositions.contains(disposition) && (categories?.contains(category) ?? true)
    }
}
