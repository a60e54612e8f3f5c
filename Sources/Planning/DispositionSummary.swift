import ReturnsNetwork

/// Parcels per category and disposition.
public struct DispositionSummary: Codable, Sendable, Equatable {
    public var category: String
    public var disposition: DispositionKind
    public var parcels: Double
}
