import Foundation
import Testing
import Planning
import ReturnsNetwork
import Routing
import Synthetic

@Suite struct GeneratorTests {
    static func generate(_ options: ScenarioGenerator.Options) throws -> (ScenarioGenerator.Files, Scenario) {
        let files = try ScenarioGenerator.generate(options, base: "g")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("boomerang-gen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("g.yaml").path
        _ = try ScenarioGenerator.write(options, to: path)
        return (files, try ScenarioLoader.load(path: path))
    }

    @Test func sameSeedSameBytesOtherSeedOtherBytes() throws {
        var options = ScenarioGenerator.Options()
        options.zones = 120
        options.seed = 5
        let a = try ScenarioGenerator.generate(options, base: "g")
        let b = try ScenarioGenerator.generate(options, base: "g")
        #expect(a.scenario == b.scenario)
        #expect(a.tables.map(\.text) == b.tables.map(\.text))
        options.seed = 6
        let c = try ScenarioGenerator.generate(options, base: "g")
        #expect(a.tables.map(\.text) != c.tables.map(\.text))
    }

    @Test func generatedScenarioIsValidAndShapedAsAsked() throws {
        var options = ScenarioGenerator.Options()
        options.zones = 150
        options.hubs = 7
        options.warehouses = 2
        options.countries = ["DE", "FR", "PL"]
        options.merchantCountry = "GB"
        let (_, scenario) = try Self.generate(options)
        let kinds = Dictionary(grouping: scenario.nodes, by: \.kind).mapValues(\.count)
        #expect(kinds[.zone] == 150)
        #expect(kinds[.hub] == 7)
        #expect(kinds[.warehouse] == 2)
        #expect(kinds[.origin] == 1)
        #expect(Set(scenario.nodes.filter { $0.kind == .zone }.map(\.country)).isSubset(of: ["DE", "FR", "PL"]))
        #expect(scenario.demand.count == 150 * 8)
        #expect(scenario.postcodes.count == 150)
        // Zones sit at real cities: every zone lies within Europe's box.
        for zone in scenario.nodes where zone.kind == .zone {
            #expect((35...72).contains(zone.latitude) && (-11...32).contains(zone.longitude))
        }
        // Lanes into the UK cross a border priced by the GB territory.
        #expect(scenario.customs("GB")?.returnedGoodsRelief == true)
        #expect(scenario.customs("EU")?.returnedGoodsRelief == false)
    }

    @Test func badOptionsAreErrors() {
        var options = ScenarioGenerator.Options()
        options.countries = ["XX"]
        #expect(throws: ScenarioGenerator.GeneratorError.self) { try ScenarioGenerator.generate(options, base: "g") }
        options = ScenarioGenerator.Options()
        options.zones = 0
        #expect(throws: ScenarioGenerator.GeneratorError.self) { try ScenarioGenerator.generate(options, base: "g") }
    }

    @Test func parcelsFollowTheForecastAndAreReproducible() throws {
        var options = ScenarioGenerator.Options()
        options.zones = 60
        let (_, scenario) = try Self.generate(options)
        let generator = ParcelGenerator(scenario: scenario)
        let parcels = generator.parcels(count: 20_000, seed: 11)
        #expect(parcels == generator.parcels(count: 20_000, seed: 11))
        #expect(generator.render(parcels, format: .csv) == generator.render(generator.parcels(count: 20_000, seed: 11), format: .csv))
        // Category shares follow the forecast within a few points.
        let forecast = Dictionary(grouping: scenario.demand, by: \.category).mapValues { $0.reduce(0) { $0 + $1.parcels } }
        let total = forecast.values.reduce(0, +)
        let drawn = Dictionary(grouping: parcels, by: \.category).mapValues(\.count)
        for (category, parcelsPerWeek) in forecast {
            #expect(abs(Double(drawn[category] ?? 0) / 20_000 - parcelsPerWeek / total) < 0.02, "\(category)")
        }
        // Some are out of the window, some give an address instead of a zone.
        let window = scenario.policy.windowDays
        let late = parcels.filter { (CivilDate.day($0.requestedOn) ?? 0) - (CivilDate.day($0.deliveredOn) ?? 0) > Int32(window) }.count
        #expect(late > 200 && late < 2000)
        #expect(parcels.filter { $0.zone == nil && $0.postcode != nil }.count > 2000)
    }

    @Test func jsonLinesAreTheRequestBody() throws {
        var options = ScenarioGenerator.Options()
        options.zones = 20
        let (_, scenario) = try Self.generate(options)
        let generator = ParcelGenerator(scenario: scenario)
        let parcels = generator.parcels(count: 50, seed: 1)
        let lines = generator.render(parcels, format: .jsonl).split(separator: "\n")
        #expect(lines.count == 50)
        let decoded = try lines.map { try JSONDecoder().decode(ParcelRequest.self, from: Data($0.utf8)) }
        #expect(decoded == parcels)
        // And the CSV form reads back to the same parcels.
        var read: [ParcelRequest] = []
        ParcelReader.read(Data(generator.render(parcels, format: .csv).utf8), format: .csv) { row in
            if case let .success(parcel) = row.result { read.append(parcel) }
        }
        #expect(read == parcels)
    }
}

/// Aggregated planning on a network small enough to solve exactly as well.
@Suite(.serialized) struct AggregationTests {
    static func scenario() throws -> Scenario {
        var options = ScenarioGenerator.Options()
        options.zones = 40
        options.hubs = 5
        options.seed = 3
        return try ScenarioGenerator.scenario(options)
    }

    @Test func aPlanCarriedOntoEveryRouteStaysFeasibleAndCostsNoMore() throws {
        // The solver-free plan over the clusters, split back to the zones, then carried onto every route (a flow
        // on a route dropped as dominated moves to a route that dominates it).
        let aggregation = CommodityAggregation(try Self.scenario())
        let model = PlanModel(candidates: aggregation.aggregated)
        let upper = model.dispatches.mapValues { Int(model.model.bounds(of: $0)?.upper ?? 0) }
        var decisions = try #require(PlanPolish.construct(aggregation.aggregated, upper: upper, timeLimit: 0))
        decisions.flows = aggregation.disaggregate(decisions.flows)
        let onFull = PlanPolish.cost(aggregation.full, decisions)
        var carried = decisions
        carried.flows = aggregation.onEveryRoute(decisions.flows)
        try #require(!carried.flows.isEmpty)
        let onEvery = PlanPolish.cost(aggregation.everyRoute, carried)
        #expect(onEvery <= onFull + 1e-6 * abs(onFull), "every route \(onEvery), cluster paths \(onFull)")
        let rules = PlanRules(aggregation.everyRoute.graph)
        #expect(rules.violations(of: decisions, over: aggregation.full) == [])
        #expect(rules.violations(of: carried, over: aggregation.everyRoute) == [])
        #expect(rules.violations(of: Planner.describe(aggregation.everyRoute, carried)) == [])
    }

    @Test func aggregatedPlanIsAFeasibleFullPlanAndTheBoundsHold() throws {
        let scenario = try Self.scenario()
        var options = PlanOptions(timeLimit: 60)
        options.aggregateAbove = 0
        let aggregated = try Planner.plan(scenario, options: options)
        #expect(aggregated.solve.method == .aggregated)
        #expect((aggregated.solve.clusters ?? 0) < aggregated.solve.commodities)
        let objective = try #require(aggregated.solve.objective)
        // The plan (split back in proportion, then polished) costs what the summary says.
        #expect(abs(aggregated.costs.net - objective) <= 1e-6 * abs(objective))
        let violations = PlanRules(ReturnsGraph(scenario)).violations(of: aggregated)
        #expect(violations.isEmpty, "\(violations.map(\.description))")
        // The bound lies below every plan of the full model, so below the exact optimum. Here the relaxation's MIP
        // (solved with branching) proves more than the Lagrangian bound (an LP-strength bound), and is reported.
        let bound = try #require(aggregated.solve.bestBound)
        #expect(aggregated.solve.boundSource == .fullRelaxation)
        #expect(bound <= objective + 1e-6)
        let full = CommodityAggregation(scenario).full
        let exact = try Planner.solve(PlanModel(candidates: full), options: PlanOptions(timeLimit: 120))
        let exactObjective = try #require(exact.solve.objective)
        let exactBound = try #require(exact.solve.bestBound)
        #expect(bound <= exactObjective + 1e-6 * abs(exactObjective))
        #expect(exactBound <= objective + 1e-6 * abs(objective))
        // The Lagrangian bound holds over every route of the network: below that model's exact optimum too.
        let everyRoute = CommodityAggregation(scenario).everyRoute
        let lagrangian = LagrangianBound(candidates: everyRoute).solve(timeLimit: 10).bound
        let widest = try Planner.solve(PlanModel(candidates: everyRoute), options: PlanOptions(timeLimit: 120))
        #expect(lagrangian <= (try #require(widest.solve.objective)) + 1e-6 * abs(objective))
        #expect(aggregated.solve.gap.map { $0 < 0.01 } == true, "gap \(aggregated.solve.gap ?? -1)")
    }
}
