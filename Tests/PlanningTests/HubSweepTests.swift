import Testing
import Planning
import ReturnsNetwork

/// Hub sweeps and sensitivity on the break-even network (see BreakEvenTests for the figures).
@Suite struct HubSweepTests {
    static func scenario(parcels: Double) throws -> Scenario {
        try ScenarioLoader.parse(BreakEvenNetwork.yaml(parcels: parcels), file: "break-even.yaml")
    }

    @Test func sweepSolvesEachCountAndMarksTheCheapest() throws {
        // 120 parcels: no hub, all direct at −35 each; one hub, 100 by truck and 20 direct: −4,895.
        let rows = try HubSweep.run(try Self.scenario(parcels: 120), min: 0, max: 1, compare: [["H"]])
        #expect(rows.map(\.label) == ["0 hubs", "1 hub", "H"])
        #expect(abs((rows[0].netCost ?? 0) - (-4200)) < 1e-6)
        #expect(rows[0].opened.isEmpty)
        #expect(abs((rows[1].netCost ?? 0) - (-4895)) < 1e-6)
        #expect(rows[1].opened == ["H"])
        #expect(rows[1].cheapest && !rows[0].cheapest)
        #expect(rows[2].netCost == rows[1].netCost)
        #expect(rows.allSatisfy { $0.status == .optimal })
    }

    @Test func sweepRejectsUnknownHubsAndBadRanges() throws {
        let scenario = try Self.scenario(parcels: 120)
        #expect(throws: HubSweepError.self) { try HubSweep.run(scenario, min: 0, max: 2) }
        #expect(throws: HubSweepError.self) { try HubSweep.run(scenario, min: 0, max: 1, compare: [["AMS"]]) }
    }

    @Test func aFullTruckIsWorthTheParcelsItWouldTakeOffTheDirectLane() throws {
        // 120 parcels: the truck (100 parcels) is full and 20 go direct. Room for one more parcel on the truck
        // moves one from direct (−35) to the hub (−47): it saves 12. A second dispatch would add room for 100
        // (worth 1,200 at that price) and cost 305.
        var options = PlanOptions()
        options.explain = true
        let plan = try Planner.plan(try Self.scenario(parcels: 120), options: options)
        let sensitivity = try #require(plan.sensitivity)
        let truck = try #require(sensitivity.lanes.first { $0.lane == "truck" })
        #expect(truck.dispatches == 1)
        #expect(abs(truck.savingPerParcel - 12) < 1e-6)
        #expect(abs(truck.extraDispatchSaves - 1200) < 1e-6)
        #expect(abs(truck.extraDispatchCosts - 305) < 1e-6)
        #expect(sensitivity.closedHubs.isEmpty)
    }

    @Test func aClosedHubsFixedCostMustFallByWhatOpeningItLoses() throws {
        // 40 parcels: H stays closed (direct −1,400). Forced open, the best is one truck: −47·40 + 305 + 200 =
        // −1,375, so opening loses 25: H pays once its fixed cost falls below 175.
        var options = PlanOptions()
        options.explain = true
        let plan = try Planner.plan(try Self.scenario(parcels: 40), options: options)
        let hub = try #require(plan.sensitivity?.closedHubs.first)
        #expect(hub.hub == "H")
        #expect(abs((hub.fixedCostMustFallBy ?? 0) - 25) < 1e-6)
        #expect(abs((hub.netCostIfOpened ?? 0) - (-1375)) < 1e-6)
        #expect(abs((hub.opensBelowFixedCost ?? 0) - 175) < 1e-6)
        #expect(hub.openHubsIfOpened == ["H"])
    }

    @Test func aHubThatDoesNotPayEvenForFreeSaysSo() throws {
        // 10 parcels: direct −35·10 = −350. Forced open, the truck would net −47·10 + 305 = −165 before the hub's
        // fixed cost, so the best forced plan still sends everything direct and pays the £200 for nothing: even at a
        // fixed cost of 0 opening H only breaks even, and no fixed cost makes it pay.
        var options = PlanOptions()
        options.explain = true
        let plan = try Planner.plan(try Self.scenario(parcels: 10), options: options)
        let hub = try #require(plan.sensitivity?.closedHubs.first)
        let fall = try #require(hub.fixedCostMustFallBy)
        #expect(abs(fall - hub.fixedCost) < 1e-6)
        #expect(hub.opensBelowFixedCost == nil)
        #expect(hub.openHubsIfOpened == ["H"])
    }
}
