import Foundation
import ReturnsNetwork

/// Generates realistic synthetic scenarios for benchmarks, load tests and property tests.
///
/// Zones sit at real cities (GeoNames, population ≥ 100,000), drawn with probability proportional to
/// population; lanes are priced from great-circle distance and mode; customs come from a bundled table per
/// territory (the EU as one) with its sources and as-of date. Money is in the merchant's currency (bundled euro
/// rates). Trucks stay on one landmass; between landmasses parcels fly and loads fly or sail. The merchant's own
/// zones route domestically: to hubs in its country or straight home. The same options and seed give the same bytes.
public struct ScenarioGenerator {
    public struct Options: Sendable {
        public var zones: Int = 200
        public var hubs: Int = 10
        public var warehouses: Int = 3
        /// Countries customers live in (ISO alpha-2); `EU` stands for the 27 members.
        public var countries: [String] = ["EU", "GB", "CH", "NO"]
        /// The merchant's home country.
        public var merchantCountry: String = "GB"
        /// The planning currency; nil: the merchant country's.
        public var currency: String?
        public var seed: UInt64 = 1
        /// Hubs each zone has a parcel lane to.
        public var hubsPerZone: Int = 3

        public init() {}
    }

    /// The generated files: the scenario YAML and its CSV tables, by file name.
    public struct Files: Sendable {
        public var scenario: String
        public var tables: [(name: String, text: String)]
    }

    public enum GeneratorError: Error, CustomStringConvertible {
        case badOption(String)

        public var description: String {
            switch self {
            case let .badOption(text): text
            }
        }
    }

    struct City {
        var name: String
        var country: String
        var latitude: Double
        var longitude: Double
        var population: Double
    }

    struct Site {
        var id: String
        var kind: NodeKind
        var name: String
        var country: String
        var latitude: Double
        var longitude: Double
    }

    static let categories: [(id: String, share: Double, weight: Double, value: Double, resellable: Double, restock: Double, refurbish: Double, liquidate: Double, refurbishCost: Double, duty: Double)] = [
        ("apparel", 0.38, 0.7, 48, 0.82, 0.85, 0.45, 0.12, 4, 0.12),
        ("footwear", 0.16, 1.4, 85, 0.78, 0.82, 0.50, 0.15, 6, 0.08),
        ("accessories", 0.10, 0.4, 35, 0.85, 0.80, 0.30, 0.10, 3, 0.06),
        ("electronics", 0.09, 1.1, 180, 0.70, 0.78, 0.60, 0.25, 22, 0.0),
        ("home", 0.09, 2.6, 70, 0.75, 0.75, 0.35, 0.12, 8, 0.04),
        ("beauty", 0.06, 0.5, 30, 0.60, 0.70, 0.0, 0.08, 0, 0.0),
        ("toys", 0.06, 1.0, 40, 0.80, 0.78, 0.30, 0.12, 5, 0.047),
        ("sports", 0.06, 1.8, 65, 0.78, 0.80, 0.45, 0.15, 7, 0.05),
    ]

    /// Loads the bundled city table.
    static func cities() throws(GeneratorError) -> [City] {
        try GeneratorTables.table("cities-100k").rows.compactMap { row in
            guard let name = row["name"], let country = row["country"], let latitude = Double(row["latitude"] ?? ""), let longitude = Double(row["longitude"] ?? ""), let people = Double(row["population"] ?? "") else { return nil }
            return City(name: name, country: country, latitude: latitude, longitude: longitude, population: people)
        }
    }

    /// Generates a scenario whose CSV tables are named `<base>-nodes.csv`, `<base>-lanes.csv`, `<base>-demand.csv`, `<base>-postcodes.csv`.
    public static func generate(_ options: Options, base: String) throws(GeneratorError) -> Files {
        guard options.zones >= 1 else { throw .badOption("--zones must be at least 1") }
        guard options.hubs >= 1 else { throw .badOption("--hubs must be at least 1") }
        guard options.warehouses >= 0 else { throw .badOption("--warehouses cannot be negative") }
        var countries: [String] = []
        for code in options.countries {
            if code == "EU" {
                countries += Countries.all.filter { $0.value.eu }.map(\.key).sorted()
            } else if Countries.isKnown(code) {
                countries.append(code)
            } else {
                throw .badOption("unknown country code '\(code)' in --countries")
            }
        }
        guard Countries.isKnown(options.merchantCountry) else { throw .badOption("unknown merchant country '\(options.merchantCountry)'") }
        let tables = try GeneratorTables.load()
        guard let currency = options.currency ?? Countries.currency(of: options.merchantCountry) else {
            throw .badOption("the merchant's country \(options.merchantCountry) has no currency of its own: give --currency")
        }
        guard let perEUR = tables.perEUR[currency] else {
            throw .badOption("no bundled exchange rate for \(currency): give --currency with one of \(tables.perEUR.keys.sorted().joined(separator: ", "))")
        }
        /// Prices are set in euros and written in the planning currency.
        func money(_ euros: Double, _ decimals: Int = 2) -> String { f(euros * perEUR, decimals) }
        let countrySet = Set(countries)
        let all = try cities()
        let pool = all.filter { countrySet.contains($0.country) }
        guard !pool.isEmpty else { throw .badOption("no cities of 100,000 or more in \(options.countries.joined(separator: ","))") }
        guard let home = all.filter({ $0.country == options.merchantCountry }).max(by: { $0.population < $1.population }) else {
            throw .badOption("no city of 100,000 or more in the merchant's country \(options.merchantCountry)")
        }
        var random = SeededGenerator(seed: options.seed)
        func land(_ site: Site) -> String { tables.landmass(country: site.country, latitude: site.latitude, longitude: site.longitude) }

        // Zones: cities drawn by population; a city drawn again becomes another district of it.
        var cumulative: [Double] = []
        var running = 0.0
        for city in pool { running += city.population; cumulative.append(running) }
        var zones: [Site] = []
        var districtCount: [Int: Int] = [:]
        var zoneWeight: [Double] = []
        for _ in 0..<options.zones {
            let index = random.pick(cumulative: cumulative)
            let city = pool[index]
            let district = (districtCount[index] ?? 0) + 1
            districtCount[index] = district
            let jitter = district == 1 ? 0 : 0.12
            zones.append(Site(
                id: "z\(zones.count + 1)-\(slug(city.name))", kind: .zone, name: district == 1 ? city.name : "\(city.name) \(district)", country: city.country,
                latitude: clampLatitude(city.latitude + random.uniform(-jitter...jitter)), longitude: city.longitude + random.uniform(-jitter...jitter)
            ))
            zoneWeight.append(random.uniform(0.6...1.4))
        }

        // Hubs: spread over the largest cities (farthest-point choice among the biggest 150).
        let big = Array(pool.sorted { ($0.population, $0.name) > ($1.population, $1.name) }.prefix(max(150, options.hubs)))
        var hubCities: [City] = [big[0]]
        while hubCities.count < min(options.hubs, big.count) {
            let next = big.max { a, b in
                hubCities.map { Geo.km(a, $0) }.min() ?? 0 < hubCities.map { Geo.km(b, $0) }.min() ?? 0
            }
            guard let next else { break }
            hubCities.append(next)
        }
        let hubs = hubCities.enumerated().map { Site(id: "hub\($0.offset + 1)-\(slug($0.element.name))", kind: .hub, name: "\($0.element.name) return hub", country: $0.element.country, latitude: $0.element.latitude, longitude: $0.element.longitude) }
        // 3PL warehouses in the biggest markets (by zones), one per country.
        var zonesPerCountry: [String: Int] = [:]
        for zone in zones { zonesPerCountry[zone.country, default: 0] += 1 }
        let markets = zonesPerCountry.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key).filter { $0 != options.merchantCountry }
        var warehouses: [Site] = []
        for country in markets.prefix(options.warehouses) {
            guard let city = pool.filter({ $0.country == country }).max(by: { $0.population < $1.population }) else { continue }
            warehouses.append(Site(id: "3pl\(warehouses.count + 1)-\(slug(city.name))", kind: .warehouse, name: "\(city.name) 3PL", country: country, latitude: city.latitude + 0.05, longitude: city.longitude + 0.05))
        }
        let origin = Site(id: "origin-\(slug(home.name))", kind: .origin, name: "\(home.name) origin warehouse", country: home.country, latitude: home.latitude, longitude: home.longitude)
        // A refurbisher and a liquidator near the centre of each landmass's zones (trucks reach them).
        var refurbishers: [Site] = [], liquidators: [Site] = []
        let landmasses = Array(Set(zones.map(land))).sorted()
        for landmass in landmasses {
            let here = zones.filter { land($0) == landmass }
            let cities = pool.filter { tables.landmass(country: $0.country, latitude: $0.latitude, longitude: $0.longitude) == landmass }
            let meanLat = here.map(\.latitude).reduce(0, +) / Double(here.count)
            let meanLon = here.map(\.longitude).reduce(0, +) / Double(here.count)
            guard let central = cities.min(by: { Geo.kmTo(meanLat, meanLon, $0) < Geo.kmTo(meanLat, meanLon, $1) }) else { continue }
            refurbishers.append(Site(id: "refurb-\(slug(central.name))", kind: .refurbisher, name: "\(central.name) refurbisher", country: central.country, latitude: central.latitude - 0.05, longitude: central.longitude))
            liquidators.append(Site(id: "liq-\(slug(central.name))", kind: .liquidator, name: "\(central.name) liquidator", country: central.country, latitude: central.latitude + 0.05, longitude: central.longitude - 0.05))
        }
        // One drop-off network entry point per country with zones.
        var dropoffs: [Site] = []
        for country in zonesPerCountry.keys.sorted() {
            guard let city = pool.filter({ $0.country == country }).max(by: { $0.population < $1.population }) else { continue }
            dropoffs.append(Site(id: "dp-\(country.lowercased())", kind: .dropoff, name: "\(Countries.all[country]?.name ?? country) drop-off network", country: country, latitude: city.latitude - 0.03, longitude: city.longitude + 0.03))
        }

        // Each drop-off network's trucks go to the nearest hub on its landmass.
        var dropoffHub: [String: Site] = [:]
        for dropoff in dropoffs {
            dropoffHub[dropoff.id] = hubs.filter { land($0) == land(dropoff) }.min { Geo.km(dropoff, $0) < Geo.km(dropoff, $1) }
        }

        // Nodes table.
        var nodes = ["id,kind,name,country,lat,lon,handling,capacity,fixedCost,dispositions,categories"]
        let totalParcels = Double(options.zones) * 60
        for zone in zones { nodes.append(row([zone.id, "zone", zone.name, zone.country, f(zone.latitude, 4), f(zone.longitude, 4), "", "", "", "", ""])) }
        for dropoff in dropoffs { nodes.append(row([dropoff.id, "dropoff", dropoff.name, dropoff.country, f(dropoff.latitude, 4), f(dropoff.longitude, 4), money(0.3), "", "", "", ""])) }
        for hub in hubs {
            let capacity = (totalParcels / Double(max(1, options.hubs)) * random.uniform(1.6...2.6)).rounded()
            let fixed = (1800 + capacity * random.uniform(0.25...0.45)).rounded()
            nodes.append(row([hub.id, "hub", hub.name, hub.country, f(hub.latitude, 4), f(hub.longitude, 4), money(random.uniform(0.6...1.1)), f(capacity, 0), money(fixed, 0), "", ""]))
        }
        for warehouse in warehouses {
            nodes.append(row([warehouse.id, "warehouse", warehouse.name, warehouse.country, f(warehouse.latitude, 4), f(warehouse.longitude, 4), money(random.uniform(1.2...1.8)), "", "", "restock", "apparel;footwear;accessories;sports"]))
        }
        for refurbisher in refurbishers { nodes.append(row([refurbisher.id, "refurbisher", refurbisher.name, refurbisher.country, f(refurbisher.latitude, 4), f(refurbisher.longitude, 4), money(1.5), "", "", "refurbish", ""])) }
        for liquidator in liquidators { nodes.append(row([liquidator.id, "liquidator", liquidator.name, liquidator.country, f(liquidator.latitude, 4), f(liquidator.longitude, 4), money(0.5), "", "", "liquidate", ""])) }
        nodes.append(row([origin.id, "origin", origin.name, origin.country, f(origin.latitude, 4), f(origin.longitude, 4), money(1.1), "", "", "restock;refurbish", ""]))

        // Lanes, priced in euros from distance and mode (`FreightRates`).
        var lanes = ["id,from,to,mode,carrier,perParcel,perKg,perDispatch,capacityKg,capacityParcels,maxDispatches,transitDays"]
        /// Customs territories some lane enters: each gets its entry from the bundled table.
        var entered = Set<String>()
        func parcelLane(_ a: Site, _ b: Site, surcharge: Double = 0) {
            let km = Geo.km(a, b)
            if territory(a.country) != territory(b.country) { entered.insert(territory(b.country)) }
            let rate = FreightRates.parcel(km: km, border: territory(a.country) != territory(b.country), overWater: land(a) != land(b), surcharge: surcharge)
            lanes.append(row(["\(a.id)>\(b.id)", a.id, b.id, "parcel", rate.carrier, money(rate.perParcel), money(rate.perKg, 3), "", "", "", "", f(rate.transitDays, 0)]))
        }
        /// Consolidated loads: a truck on one landmass; between landmasses an air and a sea service.
        func loadLanes(_ a: Site, _ b: Site) {
            let km = Geo.km(a, b)
            if territory(a.country) != territory(b.country) { entered.insert(territory(b.country)) }
            for rate in land(a) == land(b) ? [FreightRates.truck(km: km)] : [FreightRates.air(km: km), FreightRates.sea(km: km)] {
                lanes.append(row(["\(a.id)>\(b.id)\(rate.idSuffix)", a.id, b.id, "consolidated", rate.carrier, "", money(rate.perKg, 3), money(rate.perDispatch, 0), f(rate.capacityKg, 0), f(rate.capacityParcels, 0), "\(rate.maxDispatches)", f(rate.transitDays, 0)]))
            }
        }
        let homeCountry = origin.country
        for zone in zones {
            // The merchant's own zones stay in the country: its hubs, or straight home. Others use hubs on their landmass.
            let reachable = hubs.filter { zone.country == homeCountry ? $0.country == homeCountry : land($0) == land(zone) }
            let nearest = reachable.sorted { Geo.km(zone, $0) < Geo.km(zone, $1) }.prefix(options.hubsPerZone)
            for hub in nearest { parcelLane(zone, hub) }
            parcelLane(zone, origin, surcharge: 1.5)
            if let warehouse = warehouses.first(where: { $0.country == zone.country }) { parcelLane(zone, warehouse) }
            if let dropoff = dropoffs.first(where: { $0.country == zone.country }), zone.country != homeCountry, dropoffHub[dropoff.id] != nil {
                // The national drop-off network consolidates into the nearest hub on its landmass.
                parcelLane(zone, dropoff, surcharge: -1.5)
            }
        }
        for dropoff in dropoffs where dropoff.country != homeCountry {
            if let hub = dropoffHub[dropoff.id] { loadLanes(dropoff, hub) }
        }
        for hub in hubs {
            loadLanes(hub, origin)
            for site in refurbishers + liquidators where land(site) == land(hub) { loadLanes(hub, site) }
            for warehouse in warehouses where land(warehouse) == land(hub) && Geo.km(hub, warehouse) < 1200 { loadLanes(hub, warehouse) }
        }

        // Demand per zone and category.
        var demand = ["zone,category,parcels,meanWeightKg,meanValue,resellableShare"]
        for (z, zone) in zones.enumerated() {
            for category in categories {
                let parcels = (60 * zoneWeight[z] * category.share * random.uniform(0.7...1.3) * 10).rounded() / 10
                demand.append(row([zone.id, category.id, f(parcels, 1), f(category.weight * random.uniform(0.85...1.15), 2), "\(money(category.value * random.uniform(0.8...1.2))) \(currency)", f(min(0.95, category.resellable * random.uniform(0.9...1.1)), 2)]))
            }
        }

        // Postcode prefixes: four digits per zone, unique within its country.
        var postcodes = ["country,prefix,zone"]
        var perCountry: [String: Int] = [:]
        for zone in zones {
            let n = (perCountry[zone.country] ?? 0) + 1
            perCountry[zone.country] = n
            postcodes.append(row([zone.country, String(format: "%04d", n), zone.id]))
        }

        // Customs from the bundled table for each territory a lane enters: the EU as one territory, every other
        // country its own.
        var territories: [String] = [], customsNotes: [String] = []
        var foreignCurrencies = Set<String>()
        // The EU's entry also joins its members, so lanes between them stay domestic.
        if (zones + hubs + warehouses + dropoffs + refurbishers + liquidators + [origin]).contains(where: { Countries.isEU($0.country) }) { entered.insert("EU") }
        for id in entered.sorted() {
            let rule = tables.customs(of: id)
            let duty = categories.map { "\($0.id): \(f(rule.duty[$0.id] ?? 0.1, 3))" }.joined(separator: ", ")
            let countriesField = "[\(id)]"
            let relief = id == territory(options.merchantCountry)
            for amount in [rule.deMinimis, rule.brokeragePerEntry] {
                if let code = amount.split(separator: " ").last.map(String.init), code != currency { foreignCurrencies.insert(code) }
            }
            territories.append("  - {id: \(id), countries: \(countriesField), brokeragePerEntry: \(rule.brokeragePerEntry), deMinimis: \(rule.deMinimis), duty: {\(duty)}, returnedGoodsRelief: \(relief), reliefWindowDays: \(rule.reliefWindowDays)}")
            customsNotes.append("#   \(id): \(rule.note)\(rule.source.isEmpty ? "" : " (\(rule.source), as of \(rule.asOf))")")
        }
        var rates: [String] = []
        for code in foreignCurrencies.sorted() {
            guard let theirs = tables.perEUR[code] else { throw .badOption("no bundled exchange rate for \(code), which the customs table uses") }
            rates.append("\(code): \(formatRate(perEUR / theirs))")
        }
        let crossesWater = Set(zones.map(land) + [land(origin)]).count > 1

        let categoryLines = categories.map { c in
            "  - {id: \(c.id), recovery: {restock: \(f(c.restock, 2)), refurbish: \(f(c.refurbish, 2)), liquidate: \(f(c.liquidate, 2))}\(c.refurbishCost > 0 ? ", refurbishCost: \(money(c.refurbishCost)) \(currency)" : "")}"
        }
        let scenario = """
        # Generated by `boomerang generate scenario --zones \(options.zones) --hubs \(options.hubs) --warehouses \(options.warehouses) --countries \(options.countries.joined(separator: ",")) --merchant \(options.merchantCountry)\(options.currency.map { " --currency \($0)" } ?? "") --seed \(options.seed)`.
        # Zones at real cities (GeoNames, geonames.org, CC BY 4.0) drawn by population; lanes priced in euros
        # from great-circle distance and mode (\(FreightRates.summary)), written in \(currency) at \(formatRate(perEUR)) per EUR.
        # Customs per territory from the bundled table:
        \(customsNotes.joined(separator: "\n"))
        name: generated \(options.zones) zones, \(options.hubs) hubs (seed \(options.seed))
        merchant: {country: \(options.merchantCountry)}
        currency: \(currency)\(rates.isEmpty ? "" : "\nexchangeRates: {\(rates.joined(separator: ", "))}   # \(currency) per unit (bundled euro rates)")
        settings: {maxLegs: 3, maxTransitDays: \(crossesWater ? 30 : 12), pathsPerCommodity: 6}
        policy: {windowDays: 30, finalSale: [beauty], acceptedConditions: [new, opened, damaged], freeReturns: true, returnlessRefundBelow: \(money(12)) \(currency)}
        categories:
        \(categoryLines.joined(separator: "\n"))
        customs:
        \(territories.joined(separator: "\n"))
        nodes: {csv: \(base)-nodes.csv}
        lanes: {csv: \(base)-lanes.csv}
        demand: {csv: \(base)-demand.csv}
        postcodes: {csv: \(base)-postcodes.csv}

        """
        return Files(scenario: scenario, tables: [
            ("\(base)-nodes.csv", nodes.joined(separator: "\n") + "\n"),
            ("\(base)-lanes.csv", lanes.joined(separator: "\n") + "\n"),
            ("\(base)-demand.csv", demand.joined(separator: "\n") + "\n"),
            ("\(base)-postcodes.csv", postcodes.joined(separator: "\n") + "\n"),
        ])
    }

    /// Writes a generated scenario to `path` (YAML) with its CSV tables beside it.
    public static func write(_ options: Options, to path: String) throws -> [String] {
        let url = URL(fileURLWithPath: path)
        let base = url.deletingPathExtension().lastPathComponent
        let files = try generate(options, base: base)
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(files.scenario.utf8).write(to: url)
        var written = [path]
        for table in files.tables {
            let tableURL = folder.appendingPathComponent(table.name)
            try Data(table.text.utf8).write(to: tableURL)
            written.append(tableURL.path)
        }
        return written
    }

    static func territory(_ country: String) -> String { Countries.isEU(country) ? "EU" : country }

    static func slug(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX")).lowercased()
        var out = ""
        for scalar in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar), scalar.isASCII { out.unicodeScalars.append(scalar) } else if !out.hasSuffix("-") { out += "-" }
        }
        return out.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }

    static func clampLatitude(_ value: Double) -> Double { min(89.9, max(-89.9, value)) }

    static func row(_ cells: [String]) -> String {
        cells.map { $0.contains(",") || $0.contains("\"") ? "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : $0 }.joined(separator: ",")
    }
}

/// An exchange rate to four significant figures.
func formatRate(_ value: Double) -> String {
    let decimals = max(0, 3 - Int(floor(log10(abs(value)))))
    return f(value, decimals)
}

/// Fixed-decimal formatting, the same on every machine.
func f(_ value: Double, _ decimals: Int) -> String {
    String(format: "%.\(decimals)f", value == 0 ? 0 : value)
}

import Routing

extension Geo {
    static func km(_ a: ScenarioGenerator.Site, _ b: ScenarioGenerator.Site) -> Double { kilometres(a.latitude, a.longitude, b.latitude, b.longitude) }
    static func km(_ a: ScenarioGenerator.City, _ b: ScenarioGenerator.City) -> Double { kilometres(a.latitude, a.longitude, b.latitude, b.longitude) }
    static func kmTo(_ lat: Double, _ lon: Double, _ c: ScenarioGenerator.City) -> Double { kilometres(lat, lon, c.latitude, c.longitude) }
}

extension ScenarioGenerator {
    /// Generates a scenario, reads it back through the loader (CSV tables and all) and removes the files:
    /// a generated network in memory, for tests and tools.
    public static func scenario(_ options: Options) throws -> Scenario {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("boomerang-generated-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("generated.yaml").path
        _ = try write(options, to: path)
        return try ScenarioLoader.load(path: path)
    }
}
