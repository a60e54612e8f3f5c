import ReturnsNetwork

/// One path a commodity uses, with the parcels and share on it.
public struct PathFlow: Codable, Sendable, Equatable {
    public var nodes: [String]
    public var lanes: [String]
    public var disposition: DispositionKind
    public var parcels: Double
    public var share: Double
    /// Per-parcel cost excluding dispatch costs (those are shared by the batch).
    public var costPerParcel: Double
    public var transitDays: Double
}
