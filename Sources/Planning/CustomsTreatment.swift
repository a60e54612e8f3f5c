/// How one parcel is treated at one customs border on its route.
public enum CustomsTreatment: String, Sendable, Codable, CaseIterable {
    /// Returned-goods relief: unchanged goods re-entering the merchant's own territory inside the relief window.
    case relief
    /// Duty is due on the declared value.
    case duty
    /// The value is at or under the territory's de minimis (parcel lanes only: a consolidated dispatch is one consignment).
    case deMinimis = "de_minimis"
    /// The category's duty rate into the territory is 0.
    case dutyFree = "duty_free"
}
