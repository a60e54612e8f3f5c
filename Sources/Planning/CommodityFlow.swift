/// Where one commodity's returns go.
public struct CommodityFlow: Codable, Sendable, Equatable {
    public var zone: String
    public var category: String
    /// `resellable` (unchanged) or `other`.
    public var condition: String
    public var parcels: Double
    public var paths: [PathFlow]
}
