import Testing
@testable import ReturnsNetwork

/// YAML anchors, aliases and merge keys: a lane written once and reused.
@Test func mergeKeysInheritTheAnchoredFieldsAndLetLocalKeysWin() throws {
    let yaml = """
    name: anchors
    merchant: {country: DE}
    currency: EUR
    categories: [{id: shoes, recovery: {restock: 0.8}}]
    nodes:
      - {id: Z, kind: zone, country: DE, lat: 52.5, lon: 13.4}
      - {id: W, kind: warehouse, country: DE, lat: 50.1, lon: 8.7}
    lanes:
      - &base {from: Z, to: W, mode: parcel, perParcel: 3, transitDays: 1}
      - <<: *base
        id: second
        perParcel: 4
    demand:
      - {zone: Z, category: shoes, parcels: 25, meanWeightKg: 1.2, meanValue: 80}
    """
    let scenario = try ScenarioLoader.parse(yaml, file: "anchors.yaml")
    #expect(scenario.lanes.count == 2)
    let second = try #require(scenario.lanes.first { $0.id == "second" })
    #expect(second.from == "Z" && second.to == "W" && second.transitDays == 1)
    #expect(second.perParcel == Money(4, "EUR"))
}
