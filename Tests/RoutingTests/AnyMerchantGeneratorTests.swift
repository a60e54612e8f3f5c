import Foundation
import Testing
import Planning
import ReturnsNetwork
@testable import Synthetic

/// `generate scenario` for a merchant anywhere: its currency, each territory's own customs from the bundled
/// table, trucks only over land, and its own zones routed at home.
@Suite struct AnyMerchantGeneratorTests {
    static func americas(zones: Int = 60) throws -> (ScenarioGenerator.Files, Scenario) {
        var options = ScenarioGenerator.Options()
        options.zones = zones
        options.hubs = 8
        options.warehouses = 2
        options.countries = ["US", "CA", "MX", "GB"]
        options.merchantCountry = "US"
        options.seed = 3
        return try GeneratorTests.generate(options)
    }

    @Test func theMerchantsCurrencyPlansAndEachTerritoryHasItsOwnCustoms() throws {
        let (files, scenario) = try Self.americas()
        #expect(scenario.currency == "USD")
        // The US suspended its USD 800 de minimis on 2025-08-29; the others keep their own, in their currencies.
        let expected: [String: Money] = ["US": Money(0, "USD"), "CA": Money(20, "CAD"), "MX": Money(50, "USD"), "GB": Money(135, "GBP")]
        #expect(scenario.territories.count >= 2)
        for territory in scenario.territories {
            #expect(territory.deMinimis == expected[territory.id], "\(territory.id)")
            #expect(territory.returnedGoodsRelief == (territory.id == "US"), "\(territory.id)")
        }
        let us = try #require(scenario.customs("US"))
        #expect(us.dutyRates["apparel"] == 0.16 && us.reliefWindowDays == 3650)
        let others = scenario.territories.filter { $0.id != "US" }.map { $0.dutyRates["apparel"] }
        #expect(Set(others).count == others.count, "each territory has its own apparel duty")
        // Amounts in other currencies come with a rate, and the file says where its customs come from and as of when.
        for territory in scenario.territories { #expect(scenario.exchangeRates.knows(territory.brokeragePerEntry.currency)) }
        #expect(files.scenario.contains("https://www.cbp.gov"))
        #expect(files.scenario.contains("as of 2025-09-01"))
        // Money the generator sets in euros is written in dollars: a hub's fixed cost is about 1.17 times the euro one.
        #expect(files.scenario.contains("currency: USD"))
    }

    @Test func theBundledTableCoversTheMarketsWithSourcesAndADate() throws {
        let tables = try GeneratorTables.load()
        for territory in ["US", "CA", "MX", "GB", "EU", "CH", "NO", "AU", "NZ", "JP", "SG"] {
            let rule = try #require(tables.customs[territory], "\(territory)")
            #expect(rule.asOf == "2025-09-01" && rule.source.hasPrefix("https://"), "\(territory)")
            #expect(rule.duty.count == ScenarioGenerator.categories.count, "\(territory)")
            // Each amount is in a currency the bundled rates convert.
            for amount in [rule.deMinimis, rule.brokeragePerEntry] {
                let code = try #require(amount.split(separator: " ").last.map(String.init))
                #expect(tables.perEUR[code] != nil, "\(territory): \(amount)")
            }
        }
        #expect(tables.customs["US"]?.deMinimis == "0 USD")
        #expect(tables.customs["CH"]?.duty.values.allSatisfy { $0 == 0 } == true)
        #expect(tables.landmass(country: "GB", latitude: 51.5, longitude: -0.1) == tables.landmass(country: "FR", latitude: 48.9, longitude: 2.3))
        #expect(tables.landmass(country: "US", latitude: 21.3, longitude: -157.9) != tables.landmass(country: "US", latitude: 40.7, longitude: -74))
        #expect(tables.landmass(country: "JP", latitude: 35.7, longitude: 139.7) != tables.landmass(country: "CN", latitude: 31.2, longitude: 121.5))
    }

    @Test func trucksNeverCrossAnOcean() throws {
        let (_, scenario) = try Self.americas()
        let nodes = Dictionary(uniqueKeysWithValues: scenario.nodes.map { ($0.id, $0) })
        let europe: Set<String> = ["GB"]
        var overWater = 0
        for lane in scenario.lanes {
            let from = try #require(nodes[lane.from]), to = try #require(nodes[lane.to])
            let crosses = europe.contains(from.country) != europe.contains(to.country)
            guard crosses else { continue }
            overWater += 1
            if lane.mode == .consolidated {
                // Air or sea, never a truck, and slower by sea.
                #expect(lane.carrier == "AirCargoCo" || lane.carrier == "OceanCo", "\(lane.id) by \(lane.carrier ?? "?")")
                if lane.carrier == "OceanCo" { #expect(lane.transitDays >= 14) }
            } else {
                #expect(lane.carrier == "ParcelCo Air", "\(lane.id)")
            }
        }
        #expect(overWater > 0)
        #expect(scenario.settings.maxTransitDays == 30)
    }

    @Test func theMerchantsOwnZonesRouteAtHome() throws {
        let (_, scenario) = try Self.americas()
        let nodes = Dictionary(uniqueKeysWithValues: scenario.nodes.map { ($0.id, $0) })
        let home = scenario.nodes.filter { $0.kind == .zone && $0.country == "US" }
        #expect(!home.isEmpty)
        for zone in home {
            for lane in scenario.lanes where lane.from == zone.id {
                #expect(nodes[lane.to]?.country == "US", "\(lane.id) leaves the country")
            }
        }
    }

    @Test func overseasReturnsTravelInsteadOfBeingKept() throws {
        let (_, scenario) = try Self.americas(zones: 40)
        let plan = try Planner.plan(scenario, options: PlanOptions(timeLimit: 20))
        let zoneCountry = Dictionary(uniqueKeysWithValues: scenario.nodes.map { ($0.id, $0.country) })
        var gbReturns = 0.0, gbKept = 0.0
        for flow in plan.flows where zoneCountry[flow.zone] == "GB" {
            for path in flow.paths {
                gbReturns += path.parcels
                if path.disposition == .keep { gbKept += path.parcels }
            }
        }
        #expect(gbReturns > 0)
        #expect(gbKept < 0.5 * gbReturns, "kept \(gbKept) of \(gbReturns) GB returns")
    }

    @Test func aCountryOutsideTheTableGetsAGenericEntryAndSaysSo() throws {
        var options = ScenarioGenerator.Options()
        options.zones = 20
        options.hubs = 3
        options.countries = ["BR", "AR"]
        options.merchantCountry = "BR"
        let (files, scenario) = try GeneratorTests.generate(options)
        #expect(scenario.currency == "BRL")
        #expect(files.scenario.contains("BR: not in the bundled table"))
        #expect(scenario.customs("BR")?.dutyRates["apparel"] == 0.1)
    }

    @Test func aCurrencyWithoutARateIsAClearError() {
        var options = ScenarioGenerator.Options()
        options.countries = ["DE"]
        options.merchantCountry = "DE"
        options.currency = "XYZ"
        #expect(throws: ScenarioGenerator.GeneratorError.self) { try ScenarioGenerator.generate(options, base: "g") }
    }

    @Test func theDefaultMerchantPlansInPoundsAndEuropeStaysOnTheRoad() throws {
        var options = ScenarioGenerator.Options()
        options.zones = 80
        let (_, scenario) = try GeneratorTests.generate(options)
        #expect(scenario.currency == "GBP")
        #expect(scenario.settings.maxTransitDays == 12)
        #expect(!scenario.lanes.contains { $0.carrier == "AirCargoCo" || $0.carrier == "OceanCo" || $0.carrier == "ParcelCo Air" })
        #expect(scenario.customs("EU")?.deMinimis == Money(150, "EUR"))
        #expect(scenario.customs("GB")?.deMinimis == Money(135, "GBP"))
        #expect(scenario.warnings.allSatisfy { !$0.message.contains("no lane crosses") }, "\(scenario.warnings)")
    }
}
