/// A customs territory (a country, or a union such as the EU) and the rules for goods entering it.
public struct CustomsTerritory: Hashable, Sendable, Codable {
    public var id: String
    /// Member countries (ISO alpha-2).
    public var countries: [String]
    /// Broker's fee for one import entry (one per parcel on parcel lanes, one per dispatch on consolidated lanes).
    public var brokeragePerEntry: Money
    /// Consignments valued at or below this pay no duty (applied per parcel on parcel lanes;
    /// a consolidated dispatch is one consignment and does not qualify).
    public var deMinimis: Money?
    /// Duty rate (share of declared value) per category.
    public var dutyRates: [String: Double]
    /// Whether goods returning unchanged to where they were exported from enter duty-free.
    public var returnedGoodsRelief: Bool
    /// How long after export the relief can be claimed (days).
    public var reliefWindowDays: Int?
    public var location: SourceLocation?

    public init(
        id: String, countries: [String], brokeragePerEntry: Money, deMinimis: Money? = nil,
        dutyRates: [String: Double] = [:], returnedGoodsRelief: Bool = false, reliefWindowDays: Int? = nil,
        location: SourceLocation? = nil
    ) {
        self.id = id
        self.countries = countries
        self.brokeragePerEntry = brokeragePerEntry
        self.deMinimis = deMinimis
        self.dutyRates = dutyRates
        self.returnedGoodsRelief = returnedGoodsRelief
        self.reliefWindowDays = reliefWindowDays
        self.location = location
    }
}
