/// The lane a routed parcel consolidates on and its batching rules (from the plan).
public struct BatchLane: Sendable, Equatable, Codable {
    public var lane: String
    public var from: String
    public var to: String
    /// Capacity of one dispatch, when the lane has one.
    public var capacityKg: Double?
    public var capacityParcels: Int?
    /// Seconds from a batch's opening to its cut-off: the planning period over the plan's dispatches.
    public var cutoffSeconds: Double

    public init(lane: String, from: String, to: String, capacityKg: Double?, capacityParcels: Int?, cutoffSeconds: Double) {
        self.lane = lane
        self.from = from
        self.to = to
        self.capacityKg = capacityKg
        self.capacityParcels = capacityParcels
        self.cutoffSeconds = cutoffSeconds
    }
}
