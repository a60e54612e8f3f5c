public struct BatchRecord: Sendable, Equatable, Codable {
    public var id: String
    public var lane: String
    public var from: String
    public var to: String
    public var status: BatchStatus
    public var parcels: Int
    public var weightKg: Double
    /// Declared value of its parcels in the planning currency.
    public var value: Double
    public var capacityKg: Double?
    public var capacityParcels: Int?
    public var openedAt: Double
    public var cutoffAt: Double
    public var closedAt: Double?
    /// `capacity_kg`, `capacity_parcels`, `cutoff` or `dispatched`.
    public var closeReason: String?
    public var dispatchedAt: Double?

    public init(id: String, lane: String, from: String, to: String, status: BatchStatus, parcels: Int, weightKg: Double, value: Double, capacityKg: Double?, capacityParcels: Int?, openedAt: Double, cutoffAt: Double, closedAt: Double?, closeReason: String?, dispatchedAt: Double?) {
        self.id = id
        self.lane = lane
        self.from = from
        self.to = to
        self.status = status
        self.parcels = parcels
        self.weightKg = weightKg
        self.value = value
        self.capacityKg = capacityKg
        self.capacityParcels = capacityParcels
        self.openedAt = openedAt
        self.cutoffAt = cutoffAt
        self.closedAt = closedAt
        self.closeReason = closeReason
        self.dispatchedAt = dispatchedAt
    }
}
