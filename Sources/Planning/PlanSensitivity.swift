import MIP
import ReturnsNetwork

/// What capacities are worth and what closed hubs would need, for a solved plan.
///
/// With the hub and dispatch decisions fixed at the plan's values, the flow LP is solved again and the dual of
/// every binding capacity row is reported as a saving per unit ("one more kg a week on LEJ→MAN saves €x").
/// For each closed candidate hub, the plan is solved again with that hub forced open: the difference is how
/// much its fixed cost would have to fall before opening it pays.
public struct PlanSensitivity: Codable, Sendable, Equatable {
    /// A hub (or other node) whose capacity binds.
    public struct HubCapacity: Codable, Sendable, Equatable {
        public var hub: String
        public var capacity: Double
        public var parcels: Double
        /// Saving per period from one more parcel of capacity.
        public var savingPerParcel: Double
    }

    /// A consolidated lane whose dispatched capacity binds.
    public struct LaneCapacity: Codable, Sendable, Equatable {
        public var lane: String
        public var dispatches: Int
        public var weightKg: Double
        public var capacityKg: Double?
        public var parcels: Double
        public var capacityParcels: Double?
        /// Saving per period from one more kg of capacity (over the planned dispatches).
        public var savingPerKg: Double
        /// Saving per period from room for one more parcel.
        public var savingPerParcel: Double
        /// What one more dispatch's capacity would save at these prices, and what the dispatch costs.
        public var extraDispatchSaves: Double
        public var extraDispatchCosts: Double
    }

    /// A candidate hub the plan leaves closed.
    public struct ClosedHub: Codable, Sendable, Equatable {
        public var hub: String
        public var fixedCost: Double
        /// Net cost of the best plan with this hub open.
        public var netCostIfOpened: Double?
        /// How much the fixed cost must fall before opening it pays (nil when it cannot be opened).
        public var fixedCostMustFallBy: Double?
        /// The hubs open in that best plan with this hub forced open (nil when it cannot be opened).
        public var openHubsIfOpened: [String]?

        /// The fixed cost below which opening it pays: nil when even a fixed cost of 0 does not make it pay (the
        /// forced plan then costs more before any fixed cost), or when it cannot be opened.
        public var opensBelowFixedCost: Double? {
            guard let fall = fixedCostMustFallBy, fall < fixedCost else { return nil }
            return fixedCost - fall
        }
    }

    public var hubs: [HubCapacity]
    public var lanes: [LaneCapacity]
    public var closedHubs: [ClosedHub]

    /// Computes the sensitivity of `solution`, a solved `planModel`.
    public static func compute(_ planModel: PlanModel, _ solution: Solution, options: PlanOptions = PlanOptions()) throws(SolverError) -> PlanSensitivity? {
        guard !solution.values.isEmpty, let objective = solution.objective else { return nil }
        let graph = planModel.graph
        let scenario = graph.scenario
        var fixed = planModel.model
        for variable in planModel.open.values { let value = solution[variable].rounded(); fixed.setBounds(variable, lower: value, upper: value) }
        for variable in planModel.dispatches.values { let value = solution[variable].rounded(); fixed.setBounds(variable, lower: value, upper: value) }
        // Integer columns beyond these (single-sourcing assignments) are fixed as well.
        for variable in fixed.variables where fixed.kind(of: variable) != .continuous {
            let value = solution[variable].rounded()
            fixed.setBounds(variable, lower: value, upper: value)
        }
        let lp = try Solvers.default.solveLPRelaxation(fixed)
        guard lp.status == .optimal, !lp.rowDuals.isEmpty else { return nil }

        func activity(_ row: Constraint, excluding excluded: Variable? = nil) -> Double {
            fixed.terms(of: row).reduce(0) { sum, term in term.0 == excluded ? sum : sum + term.1 * lp[term.0] }
        }
        let tiny = 1e-7
        var hubs: [HubCapacity] = []
        for node in planModel.nodeCapacityRows.keys.sorted() {
            guard let row = planModel.nodeCapacityRows[node], let capacity = graph.nodes[node].capacityParcels else { continue }
            let saving = -lp.rowDuals[row.index]
            let used = activity(row, excluding: planModel.open[node])
            guard saving > tiny, used >= capacity - 1e-6 else { continue }
            hubs.append(HubCapacity(hub: graph.nodes[node].id, capacity: capacity, parcels: used, savingPerParcel: saving))
        }
        let costing = RouteCosting(graph)
        var lanes: [LaneCapacity] = []
        for lane in planModel.dispatches.keys.sorted() {
            guard let n = planModel.dispatches[lane] else { continue }
            let count = Int(lp[n].rounded())
            let spec = graph.lanes[lane]
            let perKg = planModel.laneKgRows[lane].map { -lp.rowDuals[$0.index] } ?? 0
            let perParcel = planModel.laneParcelRows[lane].map { -lp.rowDuals[$0.index] } ?? 0
            guard count > 0, perKg > tiny || perParcel > tiny else { continue }
            let kg = planModel.laneKgRows[lane].map { activity($0, excluding: n) } ?? 0
            let parcels = planModel.laneParcelRows[lane].map { activity($0, excluding: n) } ?? 0
            lanes.append(LaneCapacity(
                lane: spec.id, dispatches: count, weightKg: kg, capacityKg: spec.capacityKg.map { $0 * Double(count) },
                parcels: parcels, capacityParcels: spec.capacityParcels.map { $0 * Double(count) },
                savingPerKg: perKg, savingPerParcel: perParcel,
                extraDispatchSaves: perKg * (spec.capacityKg ?? 0) + perParcel * (spec.capacityParcels ?? 0),
                extraDispatchCosts: costing.dispatchPrice(lane: lane)
            ))
        }
        var closed: [ClosedHub] = []
        var solveOptions = SolveOptions()
        solveOptions.timeLimit = options.timeLimit
        for node in planModel.open.keys.sorted() {
            guard let variable = planModel.open[node], solution[variable] < 0.5 else { continue }
            var forced = planModel.model
            forced.setBounds(variable, lower: 1, upper: 1)
            let result = try Solvers.default.solve(forced, options: solveOptions)
            let fixedCost = scenario.value(graph.nodes[node].fixedCost)
            if let cost = result.objective, result.status == .optimal || result.status == .feasible {
                let open = planModel.open.keys.sorted().filter { planModel.open[$0].map { result[$0] > 0.5 } ?? false }.map { graph.nodes[$0].id }
                closed.append(ClosedHub(hub: graph.nodes[node].id, fixedCost: fixedCost, netCostIfOpened: cost, fixedCostMustFallBy: max(0, cost - objective), openHubsIfOpened: open))
            } else {
                closed.append(ClosedHub(hub: graph.nodes[node].id, fixedCost: fixedCost, netCostIfOpened: nil, fixedCostMustFallBy: nil))
            }
        }
        return PlanSensitivity(hubs: hubs, lanes: lanes, closedHubs: closed)
    }
}
