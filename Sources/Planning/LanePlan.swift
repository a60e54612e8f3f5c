import ReturnsNetwork

/// A lane's planned use per period: its load and, for consolidated lanes, the batches dispatched.
public struct LanePlan: Codable, Sendable, Equatable {
    public var id: String
    public var from: String
    public var to: String
    public var mode: LaneMode
    public var crossesBorder: Bool
    public var parcels: Double
    public var weightKg: Double
    /// Consolidation batches per period (consolidated lanes).
    public var dispatches: Int?
    public var capacityKg: Double?
    public var capacityParcels: Double?
    /// Load over dispatched capacity, the tighter of kg and parcels (consolidated lanes).
    public var fillRate: Double?
    /// Dispatches × the price of one (consolidated lanes); their customs entries are in `brokerageCost`.
    public var dispatchCost: Double?
    /// What the lane's load costs in per-parcel and per-kg freight, brokerage (parcels' own entries and dispatches'
    /// entries) and duty: summed over lanes with `dispatchCost`, they are the plan's `dispatch`, `freight`,
    /// `brokerage` and `duty` (nil in plans of schema 1).
    public var freightCost: Double?
    public var brokerageCost: Double?
    public var dutyCost: Double?
    public var transitDays: Double
    /// The lane's own capacity per period, where the scenario sets one (`maxParcels`, `maxKg`); `parcels` and
    /// `weightKg` are its load against it.
    public var maxParcels: Double?
    public var maxKg: Double?

    /// What the lane's dispatches cost with their customs entries (consolidated lanes; a consolidated lane's
    /// brokerage is its dispatches' entries). Read the same from plans of schema 1, whose `dispatchCost` held both.
    public var dispatchCostWithEntries: Double {
        (dispatchCost ?? 0) + (mode == .consolidated ? brokerageCost ?? 0 : 0)
    }
}
