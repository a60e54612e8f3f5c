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
    /// Dispatch cost plus per-dispatch brokerage (consolidated lanes).
    public var dispatchCost: Double?
    public var transitDays: Double
    /// The lane's own capacity per period, where the scenario sets one (`maxParcels`, `maxKg`); `parcels` and
    /// `weightKg` are its load against it.
    public var maxParcels: Double?
    public var maxKg: Double?
}
