import Foundation
import Testing
@testable import ReturnsNetwork

/// Good scenarios, written inline or to a temporary folder, and what the loader makes of them.
enum GoodScenarios {
    /// Every money spelling, every node kind, explicit and default lane ids.
    static let mixed = """
    name: mixed
    description: every spelling the format allows
    merchant: {name: Shop, country: GB}
    currency: GBP
    exchangeRates: {EUR: 0.86, USD: 0.79}
    settings: {maxLegs: 3, singleSourcing: true}
    policy:
      windowDays: 28
      finalSale: [shoes]
      freeReturns: false
      customerFee: 3.95 GBP
      returnlessRefundBelow: {amount: 5, currency: EUR}
    categories:
      - {id: apparel, name: Apparel, recovery: {restock: 0.9, refurbish: 0.5, liquidate: 0.15}, refurbishCost: 4}
      - {id: shoes, recovery: {restock: 0.8}}
    customs:
      - {id: GB, brokeragePerEntry: "USD 6", duty: {apparel: 0.12, shoes: 0.08}, returnedGoodsRelief: true, reliefWindowDays: 1095}
      - {id: EU, countries: [EU], brokeragePerEntry: 5 EUR, deMinimis: 150 EUR, duty: {apparel: 0.12, shoes: 0.17}}
    nodes:
      - {id: Z, kind: zone, country: DE, lat: 52.52, lon: 13.40}
      - {id: D, kind: dropoff, country: DE, lat: 52.5, lon: 13.3}
      - {id: H, kind: hub, country: DE, lat: 51.34, lon: 12.37, handling: {amount: 1.2, currency: EUR}, fixedCost: 200 EUR}
      - {id: H2, kind: hub, country: NL, lat: 52.37, lon: 4.9}
      - {id: H3, kind: hub, country: PL, lat: 52.23, lon: 21.01, fixedCost: 150, candidate: false}
      - {id: H4, kind: hub, country: CZ, lat: 50.08, lon: 14.43, candidate: true}
      - {id: W, kind: warehouse, country: NL, lat: 51.9, lon: 4.5}
      - {id: R, kind: refurbisher, country: PL, lat: 51.1, lon: 17.0}
      - {id: L, kind: liquidator, country: DE, lat: 50.1, lon: 8.7}
      - {id: O, kind: origin, country: GB, lat: 52.48, lon: -1.89}
    lanes:
      - {from: Z, to: O, mode: parcel, perParcel: 10, transitDays: 4}
      - {from: Z, to: H, mode: parcel, perParcel: 2 EUR, perKg: 0.3, transitDays: 1}
      - {from: H, to: O, mode: consolidated, perDispatch: 300, capacityParcels: 100, transitDays: 2}
      - {id: h-w, from: H, to: W, mode: parcel, perParcel: 3 EUR, transitDays: 1}
    demand:
      - {zone: Z, category: apparel, parcels: 120, meanWeightKg: 1, meanValue: 100, resellableShare: 0.7}
      - {zone: Z, category: shoes, parcels: 30, meanWeightKg: 1.5, meanValue: 80 EUR}
    """

    /// One scenario as YAML and as JSON.
    static let sameYAML = """
    name: same
    merchant: {country: GB}
    currency: GBP
    exchangeRates: {EUR: 0.86}
    settings: {maxTransitDays: 10, pathsPerCommodity: 4}
    policy: {freeReturns: false, customerFee: 2.5 GBP, finalSale: [shoes], acceptedConditions: [new, opened]}
    categories:
      - {id: apparel, recovery: {restock: 0.5, liquidate: 0.1}}
      - {id: shoes, recovery: {restock: 0.6}, refurbishCost: {amount: 3, currency: EUR}}
    customs:
      - {id: GB, brokeragePerEntry: 5, duty: {apparel: 0.12, shoes: 0.08}, returnedGoodsRelief: true}
      - {id: EU, countries: [EU], brokeragePerEntry: 5 EUR, duty: {apparel: 0.12, shoes: 0.17}}
    nodes:
      - {id: Z, kind: zone, country: DE, lat: 52.52, lon: 13.40}
      - {id: H, kind: hub, country: DE, lat: 51.34, lon: 12.37, handling: 1, fixedCost: 200 EUR}
      - {id: L, kind: liquidator, country: DE, lat: 50.1, lon: 8.7, categories: [apparel]}
      - {id: O, kind: origin, country: GB, lat: 52.48, lon: -1.89}
    lanes:
      - {from: Z, to: O, mode: parcel, perParcel: 10, transitDays: 4}
      - {id: to-hub, from: Z, to: H, mode: parcel, perParcel: 2 EUR, perKg: 0.2, transitDays: 1}
      - {from: H, to: O, mode: consolidated, perDispatch: 300, capacityParcels: 100, capacityKg: 800, maxDispatches: 3, transitDays: 2}
      - {from: H, to: L, mode: parcel, perParcel: 1.5, transitDays: 1}
    demand:
      - {zone: Z, category: apparel, parcels: 120, meanWeightKg: 1, meanValue: 100, resellableShare: 0.8}
      - {zone: Z, category: shoes, parcels: 40, meanWeightKg: 1.4, meanValue: 60 EUR}
    postcodes:
      - {country: DE, prefix: "10", zone: Z}
    """

    static let sameJSON = """
    {
      "name": "same",
      "merchant": {"country": "GB"},
      "currency": "GBP",
      "exchangeRates": {"EUR": 0.86},
      "settings": {"maxTransitDays": 10, "pathsPerCommodity": 4},
      "policy": {"freeReturns": false, "customerFee": "2.5 GBP", "finalSale": ["shoes"], "acceptedConditions": ["new", "opened"]},
      "categories": [
        {"id": "apparel", "recovery": {"restock": 0.5, "liquidate": 0.1}},
        {"id": "shoes", "recovery": {"restock": 0.6}, "refurbishCost": {"amount": 3, "currency": "EUR"}}
      ],
      "customs": [
        {"id": "GB", "brokeragePerEntry": 5, "duty": {"apparel": 0.12, "shoes": 0.08}, "returnedGoodsRelief": true},
        {"id": "EU", "countries": ["EU"], "brokeragePerEntry": "5 EUR", "duty": {"apparel": 0.12, "shoes": 0.17}}
      ],
      "nodes": [
        {"id": "Z", "kind": "zone", "country": "DE", "lat": 52.52, "lon": 13.40},
        {"id": "H", "kind": "hub", "country": "DE", "lat": 51.34, "lon": 12.37, "handling": 1, "fixedCost": "200 EUR"},
        {"id": "L", "kind": "liquidator", "country": "DE", "lat": 50.1, "lon": 8.7, "categories": ["apparel"]},
        {
          "id": "O",
          "kind": "origin",
          "country": "GB",
          "lat": 52.48,
          "lon": -1.89
        }
      ],
      "lanes": [
        {"from": "Z", "to": "O", "mode": "parcel", "perParcel": 10, "transitDays": 4},
        {"id": "to-hub", "from": "Z", "to": "H", "mode": "parcel", "perParcel": "2 EUR", "perKg": 0.2, "transitDays": 1},
        {"from": "H", "to": "O", "mode": "consolidated", "perDispatch": 300, "capacityParcels": 100, "capacityKg": 800, "maxDispatches": 3, "transitDays": 2},
        {"from": "H", "to": "L", "mode": "parcel", "perParcel": 1.5, "transitDays": 1}
      ],
      "demand": [
        {"zone": "Z", "category": "apparel", "parcels": 120, "meanWeightKg": 1, "meanValue": 100, "resellableShare": 0.8},
        {"zone": "Z", "category": "shoes", "parcels": 40, "meanWeightKg": 1.4, "meanValue": "60 EUR"}
      ],
      "postcodes": [
        {"country": "DE", "prefix": "10", "zone": "Z"}
      ]
    }
    """

    static func load(_ text: String) throws -> Scenario {
        do {
            return try ScenarioLoader.parse(text, file: "test.yaml")
        } catch {
            Issue.record("the scenario was rejected:\n\(error)")
            throw error
        }
    }
}

/// A temporary folder for scenario files, removed when the test ends.
struct TemporaryFolder: ~Copyable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appending(path: "boomerang-loader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` to `name` (which may include subfolders) and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appending(path: name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }
}

private func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-9 }

private extension Scenario {
    func node(_ id: String) throws -> Node { try #require(nodes.first { $0.id == id }, "no node \(id)") }
    func lane(_ id: String) throws -> Lane { try #require(lanes.first { $0.id == id }, "no lane \(id); lanes: \(lanes.map(\.id))") }
    func territoryNamed(_ id: String) throws -> CustomsTerritory { try #require(customs(id), "no customs territory \(id)") }
}

@Suite("Scenario loader on good input")
struct ScenarioLoaderTests {
    @Test("money is read in all three spellings")
    func moneySpellings() throws {
        let scenario = try GoodScenarios.load(GoodScenarios.mixed)
        // "AMOUNT CODE" and "CODE AMOUNT"
        #expect(scenario.policy.customerFee == Money(3.95, "GBP"))
        #expect(try scenario.territoryNamed("GB").brokeragePerEntry == Money(6, "USD"))
        #expect(try scenario.territoryNamed("EU").deMinimis == Money(150, "EUR"))
        #expect(try scenario.node("H").fixedCost == Money(200, "EUR"))
        // {amount, currency}
        #expect(scenario.policy.returnlessRefundBelow == Money(5, "EUR"))
        #expect(try scenario.node("H").handlingPerParcel == Money(1.2, "EUR"))
        // a bare number is in the planning currency
        #expect(try scenario.lane("Z>O").perParcel == Money(10, "GBP"))
        #expect(try scenario.lane("Z>H").perKg == Money(0.3, "GBP"))
        #expect(try scenario.node("H3").fixedCost == Money(150, "GBP"))
        #expect(scenario.categories.first?.refurbishCost == Money(4, "GBP"))
    }

    @Test("money converts to the planning currency with the exchange rates")
    func exchangeRates() throws {
        let scenario = try GoodScenarios.load(GoodScenarios.mixed)
        #expect(scenario.currency == "GBP")
        #expect(scenario.exchangeRates.rates == ["EUR": 0.86, "USD": 0.79])
        #expect(close(scenario.value(Money(200, "EUR")), 172))
        #expect(close(scenario.value(Money(6, "USD")), 4.74))
        #expect(scenario.value(Money(10, "GBP")) == 10)
        #expect(scenario.value(nil) == 0)
        #expect(close(scenario.value(try scenario.node("H").handlingPerParcel), 1.032))
    }

    @Test("EU in a customs territory's countries expands to the 27 members")
    func euExpands() throws {
        let scenario = try GoodScenarios.load(GoodScenarios.mixed)
        let eu = try scenario.territoryNamed("EU")
        #expect(eu.countries.count == 27)
        #expect(Set(eu.countries).count == 27)
        for member in ["DE", "FR", "NL", "PL", "IE", "CZ", "CY", "HR"] { #expect(eu.countries.contains(member), "\(member)") }
        for outsider in ["GB", "CH", "NO", "EU"] { #expect(!eu.countries.contains(outsider), "\(outsider)") }
        #expect(scenario.territory(ofCountry: "PL") == "EU")
        #expect(scenario.territory(ofCountry: "GB") == "GB")
        #expect(scenario.homeTerritory == "GB")
        // Without `countries`, a territory is its own id.
        #expect(try scenario.territoryNamed("GB").countries == ["GB"])
    }

    @Test("nodes without dispositions get their kind's defaults")
    func defaultDispositions() throws {
        let scenario = try GoodScenarios.load(GoodScenarios.mixed)
        let expected: [String: [DispositionKind]] = [
            "Z": [], "D": [], "H": [], "W": [.restock], "O": [.restock], "R": [.refurbish], "L": [.liquidate],
        ]
        for (id, dispositions) in expected {
            #expect(try scenario.node(id).dispositions == dispositions, "\(id)")
        }
    }

    @Test("hubs with a fixed cost are candidates, unless told otherwise")
    func candidateHubs() throws {
        let scenario = try GoodScenarios.load(GoodScenarios.mixed)
        #expect(try scenario.node("H").isCandidate)   // fixedCost
        #expect(try !scenario.node("H2").isCandidate) // neither
        #expect(try !scenario.node("H3").isCandidate) // fixedCost, candidate: false
        #expect(try scenario.node("H4").isCandidate)  // candidate: true
        #expect(scenario.nodes.filter(\.isCandidate).map(\.id) == ["H", "H4"])
    }

    @Test("a lane without an id is called FROM>TO, with * for consolidated lanes")
    func defaultLaneIDs() throws {
        let scenario = try GoodScenarios.load(GoodScenarios.mixed)
        #expect(scenario.lanes.map(\.id) == ["Z>O", "Z>H", "H>O*", "h-w"])
        // Two lanes between the same nodes, one of each mode, do not collide.
        let both = GoodScenarios.mixed.replacingOccurrences(
            of: "  - {id: h-w,", with: "  - {from: H, to: O, mode: parcel, perParcel: 9, transitDays: 3}\n  - {id: h-w,")
        #expect(try GoodScenarios.load(both).lanes.map(\.id) == ["Z>O", "Z>H", "H>O*", "H>O", "h-w"])
    }

    @Test("the rest of the mixed scenario is read as written")
    func otherFields() throws {
        let scenario = try GoodScenarios.load(GoodScenarios.mixed)
        #expect(scenario.name == "mixed")
        #expect(scenario.description == "every spelling the format allows")
        #expect(scenario.merchantCountry == "GB")
        #expect(scenario.settings == PlanningSettings(maxLegs: 3, singleSourcing: true))
        #expect(scenario.policy.windowDays == 28)
        #expect(scenario.policy.finalSaleCategories == ["shoes"])
        #expect(!scenario.policy.freeReturns)
        #expect(try scenario.territoryNamed("GB").reliefWindowDays == 1095)
        #expect(try scenario.territoryNamed("EU").dutyRates == ["apparel": 0.12, "shoes": 0.17])
        #expect(scenario.demand.map(\.resellableShare) == [0.7, 1])
        #expect(scenario.demand.last?.meanValue == Money(80, "EUR"))
        #expect(try scenario.lane("H>O*").capacityParcels == 100)
        // Locations point at the lines written.
        #expect(try scenario.node("Z").location == SourceLocation(file: "test.yaml", line: 20, column: 5))
        #expect(try scenario.lane("h-w").location?.line == 34)
    }

    @Test("JSON and YAML of the same scenario give the same result")
    func jsonEqualsYAML() throws {
        let yaml = try GoodScenarios.load(GoodScenarios.sameYAML)
        let json = try ScenarioLoader.parse(GoodScenarios.sameJSON, file: "same.json")

        func unplaced(_ scenario: Scenario) -> Scenario {
            var scenario = scenario
            scenario.sourceFile = nil
            scenario.nodes = scenario.nodes.map { var node = $0; node.location = nil; return node }
            scenario.lanes = scenario.lanes.map { var lane = $0; lane.location = nil; return lane }
            scenario.territories = scenario.territories.map { var territory = $0; territory.location = nil; return territory }
            scenario.categories = scenario.categories.map { var category = $0; category.location = nil; return category }
            scenario.demand = scenario.demand.map { var entry = $0; entry.location = nil; return entry }
            return scenario
        }
        let a = unplaced(yaml), b = unplaced(json)
        #expect(a.name == b.name)
        #expect(a.merchantCountry == b.merchantCountry)
        #expect(a.exchangeRates == b.exchangeRates)
        #expect(a.settings == b.settings)
        #expect(a.policy == b.policy)
        #expect(a.categories == b.categories)
        #expect(a.territories == b.territories)
        #expect(a.nodes == b.nodes)
        #expect(a.lanes == b.lanes)
        #expect(a.demand == b.demand)
        #expect(a.postcodes == b.postcodes)
        // Sanity: the scenario really holds what was written, in both.
        #expect(b.lanes.map(\.id) == ["Z>O", "to-hub", "H>O*", "H>L"])
        #expect(b.policy.acceptedConditions == [.new, .opened])
        #expect(b.postcodes == [PostcodeZone(country: "DE", prefix: "10", zone: "Z")])
        #expect(b.lanes[2].maxDispatches == 3)
        // JSON keeps its own line numbers: node O is written over several lines from line 20.
        #expect(try json.node("O").location?.line == 20)
        #expect(try json.node("O").location?.file == "same.json")
    }

    @Test("CSV tables are read relative to the scenario file: quotes, CRLF, blank lines and ; lists")
    func csvTables() throws {
        let folder = try TemporaryFolder()
        let scenarioPath = try folder.write("scenario/returns.yaml", """
        name: csv
        merchant: {country: GB}
        currency: GBP
        exchangeRates: {EUR: 0.86}
        categories: {csv: tables/categories.csv}
        customs:
          - {id: GB, brokeragePerEntry: 5, duty: {apparel: 0.12, shoes: 0.1}, returnedGoodsRelief: true}
          - {id: EU, countries: [EU], brokeragePerEntry: 5, duty: {apparel: 0.12, shoes: 0.1}}
        nodes: {csv: tables/nodes.csv}
        lanes: {csv: tables/lanes.csv}
        demand: {csv: tables/demand.csv}
        postcodes: {csv: tables/postcodes.csv}
        """)
        try folder.write("scenario/tables/categories.csv", "id,name,refurbishCost\napparel,\"Apparel, womens\",\nshoes,\"Shoes \"\"and\"\" boots\",2 EUR\n")
        try folder.write("scenario/tables/nodes.csv", [
            "id,kind,name,country,lat,lon,handling,fixedCost,dispositions,categories",
            "",
            "Z,zone,\"Berlin, Mitte\",DE,52.52,13.40,,,,",
            "H,hub,Leipzig,DE,51.34,12.37,1,200 EUR,,",
            "",
            "",
            "R,refurbisher,\"Wrocław, \"\"east\"\"\",PL,51.1,17.0,0.5,,refurbish;liquidate, apparel ; shoes",
            "O,origin,Birmingham,GB,52.48,-1.89,,,,",
        ].joined(separator: "\r\n") + "\r\n")
        try folder.write("scenario/tables/lanes.csv", """
        id,from,to,mode,carrier,perParcel,perKg,perDispatch,capacityParcels,maxDispatches,transitDays
        ,Z,O,parcel,"Royal Mail, Tracked",10,,,,,4
        to-hub,Z,H,parcel,DHL,2 EUR,0.25,,,,1

        ,H,O,consolidated,,,,300,100,2,2
        ,H,R,parcel,,1.5,,,,,1
        """)
        try folder.write("scenario/tables/demand.csv", "zone,category,parcels,meanWeightKg,meanValue,resellableShare\n\nZ,apparel,120,1,100,0.75\nZ,shoes,30,1.5,80 EUR,\n")
        try folder.write("scenario/tables/postcodes.csv", "country,prefix,zone\nDE,\"10\",Z\nDE,\"12\",Z\n")

        // Loaded by absolute path from wherever the tests run: the tables are found next to the scenario.
        let scenario: Scenario
        do {
            scenario = try ScenarioLoader.load(path: scenarioPath)
        } catch {
            Issue.record("rejected:\n\(error)")
            return
        }
        #expect(scenario.categories.map(\.name) == ["Apparel, womens", "Shoes \"and\" boots"])
        #expect(scenario.categories.last?.refurbishCost == Money(2, "EUR"))
        #expect(scenario.nodes.map(\.id) == ["Z", "H", "R", "O"])
        #expect(try scenario.node("Z").name == "Berlin, Mitte")
        #expect(try scenario.node("R").name == "Wrocław, \"east\"")
        #expect(try scenario.node("R").dispositions == [.refurbish, .liquidate])
        #expect(try scenario.node("R").categories == ["apparel", "shoes"])
        #expect(try scenario.node("Z").categories == nil)
        // An empty dispositions cell is "not given": the origin keeps its default.
        #expect(try scenario.node("O").dispositions == [.restock])
        #expect(try scenario.node("H").isCandidate)
        #expect(try scenario.node("H").fixedCost == Money(200, "EUR"))
        // Rows keep their own lines in the CSV file, counting blank lines and CRLF endings right.
        let nodeLines = scenario.nodes.map { $0.location?.line }
        #expect(nodeLines == [3, 4, 7, 8])
        #expect(try scenario.node("R").location?.file.hasSuffix("scenario/tables/nodes.csv") == true)
        // Lanes of both modes in one table: empty cells are "not given".
        #expect(scenario.lanes.map(\.id) == ["Z>O", "to-hub", "H>O*", "H>R"])
        #expect(try scenario.lane("Z>O").carrier == "Royal Mail, Tracked")
        #expect(try scenario.lane("to-hub").perKg == Money(0.25, "GBP"))
        #expect(try scenario.lane("H>O*").maxDispatches == 2)
        #expect(try scenario.lane("H>O*").location?.line == 5)
        #expect(scenario.demand.map(\.parcels) == [120, 30])
        #expect(scenario.demand.map(\.resellableShare) == [0.75, 1])
        #expect(scenario.demand.last?.meanValue == Money(80, "EUR"))
        #expect(scenario.postcodes.map(\.prefix) == ["10", "12"])
    }

    @Test("a problem in a CSV table given by absolute path is reported in that file")
    func csvAbsolutePathProblem() throws {
        let folder = try TemporaryFolder()
        let table = try folder.write("elsewhere/demand.csv", "zone,category,parcels,meanWeightKg,meanValue\nZ,apparel,lots,1,100\n")
        let text = """
        name: absolute
        merchant: {country: GB}
        currency: GBP
        categories: [{id: apparel}]
        customs: [{id: GB, brokeragePerEntry: 5, duty: {apparel: 0.1}}]
        nodes:
          - {id: Z, kind: zone, country: GB, lat: 52.52, lon: -1.4}
          - {id: O, kind: origin, country: GB, lat: 52.48, lon: -1.89}
        lanes: [{from: Z, to: O, mode: parcel, perParcel: 3, transitDays: 1}]
        demand: {csv: "\(table)"}
        """
        let path = try folder.write("scenario/s.yaml", text)
        let error = try #require(throws: ScenarioError.self) { _ = try ScenarioLoader.load(path: path) }
        #expect(error.issues.count == 1)
        #expect(error.issues.first?.location == SourceLocation(file: table, line: 2, column: 11))
        #expect(error.description.hasPrefix("\(table):2:11: error: demand[0].parcels: 'lots' is not a number"))
    }

    @Test("CSVTable.parse keeps the line and column where each row and cell starts")
    func csvParseLines() throws {
        let text = "a,b,c\r\n\r\n1,\"x, y\",3\r\n\"multi\nline\",5,6\n\n7,8,9"
        let table = try CSVTable.parse(text).get()
        #expect(table.header == ["a", "b", "c"])
        #expect(table.headerLine == 1)
        #expect(table.headerColumns == [1, 3, 5])
        #expect(table.rows.map(\.line) == [3, 4, 7])
        #expect(table.rows.map(\.cells) == [["1", "x, y", "3"], ["multi\nline", "5", "6"], ["7", "8", "9"]])
        #expect(table.rows[0].columns == [1, 3, 10])
        #expect(table.rows[2].columns == [1, 3, 5])
    }

    @Test("CSVTable.parse: BOM, escaped quotes, header after blank lines, and errors with their line")
    func csvParseEdges() throws {
        let bom = try CSVTable.parse("\u{FEFF}id,name\n1,\"say \"\"hi\"\"\"\n").get()
        #expect(bom.header == ["id", "name"])
        #expect(bom.rows.first?.cells == ["1", "say \"hi\""])

        let late = try CSVTable.parse("\n\n id , name \n1,a\n").get()
        #expect(late.header == ["id", "name"])
        #expect(late.headerLine == 3)
        #expect(late.rows.first?.line == 4)

        switch CSVTable.parse("a,b\n1,2\n3,\"open\n4,5\n") {
        case .success: Issue.record("an unclosed quote was accepted")
        case let .failure(error):
            #expect(error.line == 3)
            #expect(error.message.contains("never closed"))
        }
        switch CSVTable.parse("\n\r\n") {
        case .success: Issue.record("an empty file was accepted")
        case let .failure(error): #expect(error.line == 1)
        }
    }
}
