import ReturnsNetwork

/// A forecast row the plan does not route.
public struct ExcludedDemand: Codable, Sendable, Equatable {
    public var zone: String
    public var category: String
    public var parcels: Double
    public var reason: String
    /// The refused condition, when that is why (nil for final-sale categories).
    public var condition: ItemCondition?

    public init(zone: String, category: String, parcels: Double, reason: String, condition: ItemCondition? = nil) {
        self.zone = zone
        self.category = category
        self.parcels = parcels
        self.reason = reason
        self.condition = condition
    }
}
