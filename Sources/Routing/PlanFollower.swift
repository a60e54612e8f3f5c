import Foundation

/// Keeps the count, per planning period, of how parcels went each of the plan's ways, so every parcel decided through
/// it follows the plan's split (`RouteTable.decide(_:following:)`). The returns service holds one per plan in
/// service; requests from any thread share it. Counts live in memory: a restart or a new plan starts them again.
public final class PlanFollower: @unchecked Sendable {
    public let table: RouteTable
    let periodDays: Double
    private let lock = NSLock()
    private var periods: [Int32: RouteTable.PlanCounts] = [:]
    /// Periods remembered (the most recent ones); a return requested for an older period starts from zero counts.
    static let periodsKept = 8

    public init(table: RouteTable, periodDays: Double) {
        self.table = table
        self.periodDays = max(1, periodDays)
    }

    /// Decides `parcel` as the plan sends its commodity, counting it in the period of its request date.
    public func decide(_ parcel: Parcel) -> RouteDecision {
        let period = Int32((Double(parcel.requestedDay) / periodDays).rounded(.down))
        return lock.withLock {
            if periods[period] == nil {
                periods[period] = table.newCounts()
                if periods.count > Self.periodsKept, let oldest = periods.keys.min() { periods[oldest] = nil }
            }
            return table.decide(parcel, following: &periods[period, default: table.newCounts()])
        }
    }
}
