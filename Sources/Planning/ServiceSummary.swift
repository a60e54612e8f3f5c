/// Service figures over parcels that travel (kept items excluded from transit times).
public struct ServiceSummary: Codable, Sendable, Equatable {
    public var parcels: Double
    public var meanTransitDays: Double
    public var maxTransitDays: Double
    /// Share of all parcels that travel on at least one consolidated lane.
    public var consolidatedShare: Double
    /// Share of all parcels refunded without being sent back.
    public var keptShare: Double
}
