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

extension Scenario {
    /// The forecast a plan leaves out, with why: final-sale categories, and returns in conditions the policy refuses
    /// (which the router refuses too). The one rule for the plan's `excluded` list and the loader's warnings.
    public var excludedDemand: [ExcludedDemand] {
        let finalSale = Set(policy.finalSaleCategories)
        var result: [ExcludedDemand] = []
        for entry in demand where entry.parcels > 0 {
            if finalSale.contains(entry.category) {
                result.append(ExcludedDemand(zone: entry.zone, category: entry.category, parcels: entry.parcels, reason: "final sale: not returnable under the policy"))
                continue
            }
            for condition in ItemCondition.allCases where !policy.accepts(condition) {
                let parcels = entry.parcels * entry.conditions[condition]
                guard parcels > 1e-9 else { continue }
                result.append(ExcludedDemand(zone: entry.zone, category: entry.category, parcels: parcels, reason: "condition not accepted: \(condition.rawValue) returns are refused under the policy", condition: condition))
            }
        }
        return result
    }
}
