import Foundation
import ReturnsNetwork

/// The bundled tables `ScenarioGenerator` draws on, each with its sources (see `Resources/CREDITS.md`): customs
/// per territory as of a date, euro exchange rates, and which landmass a country lies on (trucks stay on one).
struct GeneratorTables {
    /// One territory's customs, as the bundled `customs.csv` gives them.
    struct CustomsRule {
        var territory: String
        /// Money as scenario files write it, in the territory's own currency (`"135 GBP"`).
        var deMinimis: String
        var brokeragePerEntry: String
        var reliefWindowDays: Int
        /// Duty rate per generated category.
        var duty: [String: Double]
        var asOf: String
        var source: String
        var note: String
    }

    /// Customs by territory id (`EU` for the union, else the ISO country code).
    var customs: [String: CustomsRule]
    /// Units of each currency per euro.
    var perEUR: [String: Double]
    /// Landmass by country, where it is not its continent's.
    var landmassOverrides: [String: String]

    /// The customs a territory missing from the table gets: no de minimis, 10 % duty, 25 EUR per entry.
    static func generic(_ territory: String) -> CustomsRule {
        CustomsRule(territory: territory, deMinimis: "0 EUR", brokeragePerEntry: "25 EUR", reliefWindowDays: 1095, duty: [:], asOf: "", source: "", note: "not in the bundled table: a generic entry stands in (no de minimis, 10 % duty, 25 EUR per entry)")
    }

    static func load() throws(ScenarioGenerator.GeneratorError) -> GeneratorTables {
        let customsTable = try table("customs")
        var customs: [String: CustomsRule] = [:]
        let categories = ScenarioGenerator.categories.map(\.id)
        for row in customsTable.rows {
            var duty: [String: Double] = [:]
            for category in categories {
                guard let rate = Double(row[category] ?? "") else { throw .badOption("the bundled customs table's line \(row.line) has no \(category) duty rate") }
                duty[category] = rate
            }
            guard let territory = row["territory"], let deMinimis = row["deMinimis"], let brokerage = row["brokeragePerEntry"], let window = Int(row["reliefWindowDays"] ?? "") else {
                throw .badOption("the bundled customs table's line \(row.line) is incomplete")
            }
            customs[territory] = CustomsRule(territory: territory, deMinimis: deMinimis, brokeragePerEntry: brokerage, reliefWindowDays: window, duty: duty, asOf: row["asOf"] ?? "", source: row["source"] ?? "", note: row["note"] ?? "")
        }
        var perEUR: [String: Double] = [:]
        for row in try table("exchange-rates").rows {
            guard let code = row["currency"], let rate = Double(row["perEUR"] ?? ""), rate > 0 else { throw .badOption("the bundled exchange-rate table's line \(row.line) is not a rate") }
            perEUR[code] = rate
        }
        var landmasses: [String: String] = [:]
        for row in try table("landmasses").rows {
            if let country = row["country"], let landmass = row["landmass"] { landmasses[country] = landmass }
        }
        return GeneratorTables(customs: customs, perEUR: perEUR, landmassOverrides: landmasses)
    }

    /// The customs of `territory`, or the generic entry.
    func customs(of territory: String) -> CustomsRule { customs[territory] ?? Self.generic(territory) }

    /// The landmass a place lies on: trucks (and drop-off networks' trucks) stay on one; between landmasses goods
    /// fly or sail. A country's continent unless the table says otherwise (islands, and Hawaii within the US).
    func landmass(country: String, latitude: Double, longitude: Double) -> String {
        if country == "US", (18...23).contains(latitude), (-161 ... -154).contains(longitude) { return "hawaii" }
        if let own = landmassOverrides[country] { return own }
        switch Countries.all[country]?.continent {
        case "EU", "AS", "AF": return "afro-eurasia"
        case "NA": return "north-america"
        case "SA": return "south-america"
        case let other?: return "\(other.lowercased())-\(country.lowercased())"
        case nil: return country.lowercased()
        }
    }

    /// A table's rows by column name.
    struct Rows {
        struct Row {
            var line: Int
            var cells: [String: String]
            subscript(_ column: String) -> String? { cells[column].flatMap { $0.isEmpty ? nil : $0 } }
        }
        var rows: [Row]
    }

    static func table(_ name: String) throws(ScenarioGenerator.GeneratorError) -> Rows {
        guard let url = Bundle.module.url(forResource: name, withExtension: "csv"),
              let text = try? String(contentsOf: url, encoding: .utf8),
              case let .success(table) = CSVTable.parse(text) else { throw .badOption("the bundled table \(name).csv cannot be read") }
        return Rows(rows: table.rows.map { row in
            Rows.Row(line: row.line, cells: Dictionary(zip(table.header, row.cells).map { ($0, $1) }, uniquingKeysWith: { a, _ in a }))
        })
    }
}
