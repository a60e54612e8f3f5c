import ReturnsNetwork

/// Returns of one kind from one zone: (zone, category, condition class) with its weekly volume.
///
/// Each forecast row splits in two: the resellable (unchanged) share, which may be restocked and
/// claim returned-goods relief, and the rest.
public struct Commodity: Hashable, Sendable, Codable {
    public var zone: String
    public var category: String
    public var resellable: Bool
    public var parcels: Double
    public var meanWeightKg: Double
    /// Mean declared value in the planning currency.
    public var meanValue: Double

    public init(zone: String, category: String, resellable: Bool, parcels: Double, meanWeightKg: Double, meanValue: Double) {
        self.zone = zone
        self.category = category
        self.resellable = resellable
        self.parcels = parcels
        self.meanWeightKg = meanWeightKg
        self.meanValue = meanValue
    }

    /// The commodities a scenario's forecast asks to plan. Each forecast row splits by condition: its accepted unchanged
    /// returns (new, opened) form the resellable commodity, its accepted changed (damaged) ones the other; conditions
    /// the policy refuses and final-sale categories never come back and are left out (see `Scenario.excludedDemand`).
    public static func all(in scenario: Scenario) -> [Commodity] {
        let finalSale = Set(scenario.policy.finalSaleCategories)
        var result: [Commodity] = []
        for entry in scenario.demand where entry.parcels > 0 && !finalSale.contains(entry.category) {
            let value = scenario.exchangeRates.convert(entry.meanValue)
            for resellable in [true, false] {
                let share = ItemCondition.allCases
                    .filter { $0.isUnchanged == resellable && scenario.policy.accepts($0) }
                    .reduce(0) { $0 + entry.conditions[$1] }
                let parcels = entry.parcels * share
                if parcels > 1e-9 {
                    result.append(Commodity(zone: entry.zone, category: entry.category, resellable: resellable, parcels: parcels, meanWeightKg: entry.meanWeightKg, meanValue: value))
                }
            }
        }
        return result
    }
}
