/// A hub and whether the plan opens it.
public struct HubPlan: Codable, Sendable, Equatable {
    public var id: String
    public var name: String?
    public var country: String
    public var candidate: Bool
    public var open: Bool
    public var fixedCost: Double
    /// Parcels through the hub per period.
    public var parcels: Double
    public var capacity: Double?
    /// parcels / capacity, when it has one.
    public var utilisation: Double?
}
