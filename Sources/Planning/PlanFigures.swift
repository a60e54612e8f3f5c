import ReturnsNetwork

/// A plan's figures as every output shows them — text tables, CSV, the HTML report — rounded once with
/// `Figures.apportioned`, so that shown parts add up to shown totals: the cost parts to the net, each lane-cost column to
/// its part of the breakdown, each category's dispositions to its total and the categories to all returns.
public struct PlanFigures: Sendable {
    /// Parcels are shown whole; money to `moneyDecimals` (the cent in text, whole units in the report).
    public static let parcelDecimals = 0
    public let moneyDecimals: Int

    /// The breakdown's parts (`CostBreakdown.parts`, credits negative) as shown; they sum to `net`.
    public let costParts: [(part: CostBreakdown.Part, shown: Double)]
    /// The net cost, rounded to the cent.
    public let net: Double

    /// The columns of the lane table that add up to parts of the breakdown.
    public static let laneParts = ["dispatch", "freight", "brokerage", "duty"]
    /// Per lane (in `plan.lanes` order), `laneParts` as shown; nil where the lane has none of that part.
    public let laneCosts: [[Double?]]

    public static let dispositionKinds: [DispositionKind] = [.restock, .refurbish, .liquidate, .keep]
    /// Categories in order, with their parcels per disposition (`dispositionKinds`) and in all, as shown.
    public let categories: [(category: String, parcels: [Double], total: Double)]
    /// All planned returns, as shown: the sum of the categories' totals.
    public let parcels: Double

    public init(_ plan: Plan, moneyDecimals: Int = 2) {
        self.moneyDecimals = moneyDecimals
        let parts = plan.costs.parts
        let shown = Figures.apportioned(parts.map(\.amount), decimals: moneyDecimals, total: plan.costs.net)
        costParts = zip(parts, shown).map { (part: $0, shown: $1) }
        net = shown.reduce(0, +)

        // Each column is apportioned to its part as shown in the breakdown, over the lanes that have some of it.
        let lanesRaw: [[Double?]] = plan.lanes.map { lane in [lane.dispatchCost, lane.freightCost, lane.brokerageCost, lane.dutyCost] }
        var columns = lanesRaw
        for (column, key) in Self.laneParts.enumerated() {
            let target = costParts.first { $0.part.key == key }?.shown ?? 0
            let rows = lanesRaw.indices.filter { (lanesRaw[$0][column] ?? 0) != 0 }
            let apportioned = Figures.apportioned(rows.map { lanesRaw[$0][column] ?? 0 }, decimals: moneyDecimals, total: target)
            for (row, value) in zip(rows, apportioned) { columns[row][column] = value }
        }
        laneCosts = columns

        let names = Array(Set(plan.dispositions.map(\.category))).sorted()
        let cells = names.map { category in
            Self.dispositionKinds.map { kind in plan.dispositions.filter { $0.category == category && $0.disposition == kind }.reduce(0) { $0 + $1.parcels } }
        }
        let totals = Figures.apportioned(cells.map { $0.reduce(0, +) }, decimals: Self.parcelDecimals)
        categories = names.indices.map { i in (category: names[i], parcels: Figures.apportioned(cells[i], decimals: Self.parcelDecimals, total: totals[i]), total: totals[i]) }
        parcels = totals.reduce(0, +)
    }
}
