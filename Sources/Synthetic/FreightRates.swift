/// What the generator charges per lane, in euros, from great-circle distance and mode. Roads run about a fifth
/// longer than the great circle; trucks stay on one landmass, and between landmasses parcels fly and loads fly
/// or sail (`GeneratorTables.landmass`).
enum FreightRates {
    struct Parcel {
        var carrier: String
        var perParcel: Double
        var perKg: Double
        var transitDays: Double
    }

    struct Load {
        var idSuffix: String
        var carrier: String
        var perDispatch: Double
        var perKg: Double
        var capacityKg: Double
        var capacityParcels: Double
        var maxDispatches: Int
        var transitDays: Double
    }

    /// The rates in words, for the generated file's header.
    static let summary = "parcel by road €3.20 + €0.0045/km, €0.25 + €0.00035/km per kg; by air €9 + €0.0015/km, €1.20 + €0.0003/km per kg; "
        + "truck €380 + €1.35/km per dispatch, 11 t / 1,600 parcels; air freight €250 + €0.02/km, €1.60 + €0.00025/km per kg, 5 t / 3,000 parcels; "
        + "sea freight €1,400 + €0.35/km per container, 24 t / 3,500 parcels; €2.50 more per parcel across a customs border"

    static func parcel(km: Double, border: Bool, overWater: Bool, surcharge: Double = 0) -> Parcel {
        let borderFee = border ? 2.5 : 0
        if overWater {
            return Parcel(carrier: "ParcelCo Air", perParcel: 9 + 0.0015 * km + borderFee + surcharge, perKg: 1.2 + 0.0003 * km, transitDays: (3 + km / 2500).rounded())
        }
        let road = km * 1.25
        return Parcel(carrier: "ParcelCo", perParcel: 3.2 + 0.0045 * road + borderFee + surcharge, perKg: 0.25 + 0.00035 * road, transitDays: (1 + road / 550).rounded())
    }

    static func truck(km: Double) -> Load {
        let road = km * 1.2
        return Load(idSuffix: "*", carrier: "FreightCo", perDispatch: 380 + 1.35 * road, perKg: 0.01, capacityKg: 11_000, capacityParcels: 1_600, maxDispatches: 12, transitDays: (1 + road / 650).rounded())
    }

    static func air(km: Double) -> Load {
        Load(idSuffix: "*air", carrier: "AirCargoCo", perDispatch: 250 + 0.02 * km, perKg: 1.6 + 0.00025 * km, capacityKg: 5_000, capacityParcels: 3_000, maxDispatches: 12, transitDays: (2 + km / 4000).rounded())
    }

    static func sea(km: Double) -> Load {
        Load(idSuffix: "*sea", carrier: "OceanCo", perDispatch: 1_400 + 0.35 * km, perKg: 0.005, capacityKg: 24_000, capacityParcels: 3_500, maxDispatches: 4, transitDays: (9 + km / 600).rounded())
    }
}
