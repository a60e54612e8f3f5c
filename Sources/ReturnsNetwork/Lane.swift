/// How a lane moves returns.
public enum LaneMode: String, Sendable, Codable, CaseIterable {
    /// Each parcel travels alone, priced per parcel and per kg; each is its own customs entry.
    case parcel
    /// Pallet, LTL, FTL or container: a fixed cost per dispatch and one customs entry per dispatch.
    case consolidated
}

/// A directed transport link between two nodes.
public struct Lane: Hashable, Sendable, Codable {
    public var id: String
    public var from: String
    public var to: String
    public var mode: LaneMode
    public var carrier: String?
    public var perParcel: Money?
    public var perKg: Money?
    /// Cost of one dispatch (consolidated lanes).
    public var perDispatch: Money?
    /// Capacity of one dispatch in kg (consolidated lanes).
    public var capacityKg: Double?
    /// Capacity of one dispatch in parcels (consolidated lanes).
    public var capacityParcels: Double?
    /// Most dispatches per period (consolidated lanes).
    public var maxDispatches: Int?
    /// Most parcels the lane carries per period, whatever its mode (a carrier's allocation, a dock's slots).
    public var maxParcels: Double?
    /// Most kg the lane carries per period, whatever its mode.
    public var maxKg: Double?
    public var transitDays: Double
    public var location: SourceLocation?

    public init(
        id: String, from: String, to: String, mode: LaneMode, carrier: String? = nil,
        perParcel: Money? = nil, perKg: Money? = nil, perDispatch: Money? = nil,
        capacityKg: Double? = nil, capacityParcels: Double? = nil, maxDispatches: Int? = nil,
        maxParcels: Double? = nil, maxKg: Double? = nil, transitDays: Double, location: SourceLocation? = nil
    ) {
        self.id = id
        self.from = from
        self.to = to
        self.mode = mode
        self.carrier = carrier
        self.perParcel = perParcel
        self.perKg = perKg
        self.perDispatch = perDispatch
        self.capacityKg = capacityKg
        self.capacityParcels = capacityParcels
        self.maxDispatches = maxDispatches
        self.maxParcels = maxParcels
        self.maxKg = maxKg
        self.transitDays = transitDays
        self.location = location
    }
}
