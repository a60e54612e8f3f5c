import MIP
import ReturnsNetwork

/// The plan MIP of a scenario, with the maps from model columns back to the network.
///
/// Variables: path flows `f[k,p] ≥ 0`; `open[h]` binary per candidate hub; `dispatches[l]` integer per
/// consolidated lane (the consolidation batches); with single-sourcing, `assign[z,h]` binary.
public struct PlanModel: Sendable {
    public let graph: ReturnsGraph
    public let commodities: [Commodity]
    public let paths: [[CandidatePath]]
    public private(set) var model: Model
    /// Flow variable per commodity and path.
    public let flow: [[Variable]]
    /// Open variable per candidate hub node index.
    public let open: [Int: Variable]
    /// Dispatch variable per consolidated lane index (only lanes some path uses).
    public let dispatches: [Int: Variable]
    /// Capacity rows: kg and parcels per consolidated lane, parcels per node with a capacity.
    public let laneKgRows: [Int: Constraint]
    public let laneParcelRows: [Int: Constraint]
    public let nodeCapacityRows: [Int: Constraint]
    /// The rules the model's rows come from, and the row of each limit some path counts against.
    public let rules: PlanRules
    public let limitRows: [Int: Constraint]
    /// Parcels of all commodities: what a candidate hub without a capacity of its own may take while open.
    public let totalVolume: Double
    public let buildSeconds: Double

    public init(scenario: Scenario, options: PlanOptions = PlanOptions()) {
        let started = ContinuousClock.now
        self.init(candidates: CandidateSet(scenario), options: options, started: started)
    }

    /// Builds the MIP over a given set of commodities and paths (e.g. an aggregated one).
    public init(candidates: CandidateSet, options: PlanOptions = PlanOptions(), started: ContinuousClock.Instant = .now) {
        let graph = candidates.graph
        let rules = PlanRules(graph, options: options)
        let commodities = candidates.commodities
        let paths = candidates.paths
        var model = Model(name: "boomerang_plan", sense: .minimize)

        // Hub opening.
        let open = Self.addHubOpening(&model, graph: graph, options: options)

        // Flows, and what each path counts against each limit.
        var flow: [[Variable]] = []
        var limitTerms = Array(repeating: [(Variable, Double)](), count: rules.limits.count)
        var laneMaxLoad: [Int: (kg: Double, parcels: Double)] = [:]
        for (k, commodity) in commodities.enumerated() {
            var vars: [Variable] = []
            for (p, path) in paths[k].enumerated() {
                let variable = model.addVariable("f_\(k)_\(p)", objective: path.unitCosts.net)
                vars.append(variable)
                for lane in path.lanes where rules.hasDispatches(lane) {
                    let load = laneMaxLoad[lane] ?? (0, 0)
                    laneMaxLoad[lane] = (load.kg + commodity.parcels * commodity.meanWeightKg, load.parcels + commodity.parcels)
                }
                for limit in rules.limits(of: path) { limitTerms[limit].append((variable, rules.limits[limit].coefficient(weightKg: commodity.meanWeightKg))) }
            }
            model.addConstraint("demand_\(k)", vars.map { ($0, 1.0) }, .equal(commodity.parcels))
            flow.append(vars)
        }

        // Consolidation batches (integer dispatches cover each lane's load), node and lane capacities; a closed
        // candidate hub carries nothing.
        let totalVolume = commodities.reduce(0) { $0 + $1.parcels }
        let (dispatches, limitRows) = Self.addLimits(&model, rules: rules, terms: limitTerms, load: laneMaxLoad, open: open, totalVolume: totalVolume)

        // Per-path linking: the strong formulation that makes the LP bound useful.
        if options.strongLinking {
            for (k, commodity) in commodities.enumerated() {
                for (p, path) in paths[k].enumerated() {
                    for node in path.nodes.uniqued() {
                        if let hub = open[node] {
                            model.addConstraint("link_\(k)_\(p)_\(graph.nodes[node].id)", [(flow[k][p], 1), (hub, -commodity.parcels)], .lessEqual(0))
                        }
                    }
                    for lane in path.lanes {
                        if let n = dispatches[lane] {
                            model.addConstraint("lanelink_\(k)_\(p)_\(graph.lanes[lane].id)", [(flow[k][p], 1), (n, -commodity.parcels)], .lessEqual(0))
                        }
                    }
                }
            }
        }

        // Single-sourcing: each sourcing unit (a zone) sends everything that goes through a hub to one hub.
        if rules.singleSourcing {
            let units = rules.sourcingUnits(candidates)
            var assign: [[Int]: Variable] = [:]
            var unitHubs: [Int: [Variable]] = [:]
            var unitName: [Int: String] = [:]
            for (k, commodity) in commodities.enumerated() {
                let unit = units[k]
                for (p, path) in paths[k].enumerated() {
                    guard let hub = rules.sourcingHub(of: path) else { continue }
                    let name = unitName[unit] ?? commodity.zone
                    unitName[unit] = name
                    let key = [unit, hub]
                    if assign[key] == nil {
                        let y = model.addVariable("assign_\(name)_\(graph.nodes[hub].id)", kind: .binary, upper: 1)
                        assign[key] = y
                        unitHubs[unit, default: []].append(y)
                        if let hubOpen = open[hub] {
                            model.addConstraint("assign_open_\(name)_\(graph.nodes[hub].id)", [(y, 1), (hubOpen, -1)], .lessEqual(0))
                        }
                    }
                    if let y = assign[key] {
                        model.addConstraint("single_\(k)_\(p)", [(flow[k][p], 1), (y, -commodity.parcels)], .lessEqual(0))
                    }
                }
            }
            for unit in unitHubs.keys.sorted(by: { (unitName[$0] ?? "", $0) < (unitName[$1] ?? "", $1) }) {
                model.addConstraint("one_hub_\(unitName[unit] ?? "")", (unitHubs[unit] ?? []).map { ($0, 1.0) }, .lessEqual(1))
            }
        }

        func rows(_ scale: PlanRules.Limit.Scale, _ measure: PlanRules.Limit.Measure) -> [Int: Constraint] {
            var result: [Int: Constraint] = [:]
            for (limit, row) in limitRows where rules.limits[limit].scale == scale && rules.limits[limit].measure == measure {
                switch rules.limits[limit].place {
                case let .lane(lane): result[lane] = row
                case let .node(node): result[node] = row
                }
            }
            return result
        }
        self.graph = graph
        self.commodities = commodities
        self.paths = paths
        self.model = model
        self.flow = flow
        self.open = open
        self.dispatches = dispatches
        self.rules = rules
        self.limitRows = limitRows
        self.totalVolume = totalVolume
        laneKgRows = rows(.perDispatch, .kg)
        laneParcelRows = rows(.perDispatch, .parcels)
        nodeCapacityRows = limitRows.reduce(into: [:]) { result, entry in
            if case let .node(node) = rules.limits[entry.key].place { result[node] = entry.value }
        }
        buildSeconds = Self.seconds(since: started)
    }

    /// A binary per candidate hub (fixed by `openHubs`), and the `hubCount` row.
    static func addHubOpening(_ model: inout Model, graph: ReturnsGraph, options: PlanOptions) -> [Int: Variable] {
        var open: [Int: Variable] = [:]
        model.objectiveConstant += graph.standingHubCost
        for (index, node) in graph.nodes.enumerated() where node.kind == .hub && node.isCandidate {
            var lower = 0.0, upper = 1.0
            if let fixed = options.openHubs { (lower, upper) = fixed.contains(node.id) ? (1, 1) : (0, 0) }
            open[index] = model.addVariable("open_\(node.id)", kind: .binary, lower: lower, upper: upper, objective: graph.scenario.value(node.fixedCost))
        }
        if let count = options.hubCount, !open.isEmpty {
            model.addConstraint("hub_count", open.keys.sorted().compactMap { open[$0].map { ($0, 1.0) } }, .equal(Double(count)))
        }
        return open
    }

    /// The rows of the rules' limits that some path counts against (`terms`, per limit), in a fixed order: per
    /// consolidated lane some path uses, an integer number of dispatches (priced per dispatch with one customs entry)
    /// whose capacity covers the lane's kg and parcels, and none at a closed hub; then each node's capacity (a
    /// closed candidate hub's is zero); then each lane's per-period capacity.
    static func addLimits(
        _ model: inout Model, rules: PlanRules, terms: [[(Variable, Double)]], load: [Int: (kg: Double, parcels: Double)],
        open: [Int: Variable], totalVolume: Double
    ) -> (dispatches: [Int: Variable], rows: [Int: Constraint]) {
        let graph = rules.graph
        let costing = RouteCosting(graph)
        var dispatches: [Int: Variable] = [:], rows: [Int: Constraint] = [:]
        for lane in load.keys.sorted() {
            let spec = graph.lanes[lane]
            let upper = rules.dispatchUpper(lane: lane, most: load[lane] ?? (0, 0))
            let n = model.addVariable("n_\(spec.id)", kind: .integer, lower: 0, upper: upper, objective: costing.dispatchPrice(lane: lane))
            dispatches[lane] = n
            for limit in rules.limits(onLane: lane) where rules.limits[limit].scale == .perDispatch {
                let name = rules.limits[limit].measure == .kg ? "kg" : "parcels"
                rows[limit] = model.addConstraint("\(name)_\(spec.id)", terms[limit] + [(n, -(rules.limits[limit].capacity ?? 0))], .lessEqual(0))
            }
            for hub in rules.laneHubs[lane] {
                if let y = open[hub] {
                    model.addConstraint("lane_open_\(spec.id)_\(graph.nodes[hub].id)", [(n, 1), (y, -upper)], .lessEqual(0))
                }
            }
        }
        for (limit, spec) in rules.limits.enumerated() where !terms[limit].isEmpty {
            guard case let .node(node) = spec.place else { continue }
            let id = graph.nodes[node].id
            if spec.scale == .whileOpen, let y = open[node] {
                rows[limit] = model.addConstraint("cap_\(id)", terms[limit] + [(y, -rules.capacity(limit, dispatches: 0, open: true, unlimited: totalVolume))], .lessEqual(0))
            } else if spec.scale == .perPeriod, let capacity = spec.capacity {
                rows[limit] = model.addConstraint("cap_\(id)", terms[limit], .lessEqual(capacity))
            }
        }
        for (limit, spec) in rules.limits.enumerated() where !terms[limit].isEmpty && spec.scale == .perPeriod {
            guard case let .lane(lane) = spec.place, let capacity = spec.capacity else { continue }
            rows[limit] = model.addConstraint("period_\(spec.measure.rawValue)_\(graph.lanes[lane].id)", terms[limit], .lessEqual(capacity))
        }
        return (dispatches, rows)
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let duration = ContinuousClock.now - start
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
