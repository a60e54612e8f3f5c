import MIP
import ReturnsNetwork

/// What to plan and how hard to try.
public struct PlanOptions: Sendable {
    /// Stop after this many seconds with the best plan found (status `feasible`, gap reported).
    public var timeLimit: Double?
    /// Stop once the proven relative gap is at most this.
    public var relativeGap: Double?
    /// Print GLPK's own log.
    public var verbose: Bool = false
    /// Called while the MIP solves.
    public var progress: (@Sendable (SolveProgress) -> Void)?
    /// Overrides the scenario's `settings.singleSourcing`.
    public var singleSourcing: Bool?
    /// Add per-path linking rows (`f ≤ q·open`, `f ≤ q·dispatches`): more rows, far tighter LP bound.
    public var strongLinking: Bool = true
    /// Open exactly these candidate hubs and close the others.
    public var openHubs: Set<String>?
    /// Open exactly this many candidate hubs.
    public var hubCount: Int?
    /// Plan on clusters of like commodities when there are more commodities than this (nil: never).
    public var aggregateAbove: Int? = 6_000
    /// With aggregation, also solve the relaxation that bounds the full model (so the gap is proven).
    public var computeBound: Bool = true
    /// Also compute `PlanSensitivity` (exact plans only).
    public var explain: Bool = false

    public init(timeLimit: Double? = nil, relativeGap: Double? = nil, verbose: Bool = false, singleSourcing: Bool? = nil) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.verbose = verbose
        self.singleSourcing = singleSourcing
    }
}

/// Every commodity of a scenario with its candidate paths.
public struct CandidateSet: Sendable {
    public let graph: ReturnsGraph
    public var commodities: [Commodity]
    public var paths: [[CandidatePath]]

    public init(graph: ReturnsGraph, commodities: [Commodity], paths: [[CandidatePath]]) {
        self.graph = graph
        self.commodities = commodities
        self.paths = paths
    }

    /// Enumerates the candidate paths of every commodity in the scenario's forecast.
    public init(_ scenario: Scenario) {
        let graph = ReturnsGraph(scenario)
        let generator = PathGenerator(graph)
        let commodities = Commodity.all(in: scenario)
        var routesByZone: [Int: [PathGenerator.Route]] = [:]
        var paths: [[CandidatePath]] = []
        paths.reserveCapacity(commodities.count)
        for commodity in commodities {
            let zone = graph.nodeIndex[commodity.zone] ?? 0
            if routesByZone[zone] == nil { routesByZone[zone] = generator.routes(from: zone) }
            paths.append(generator.paths(for: commodity, routes: routesByZone[zone] ?? []))
        }
        self.init(graph: graph, commodities: commodities, paths: paths)
    }

    /// Number of candidate paths over all commodities.
    public var pathCount: Int { paths.reduce(0) { $0 + $1.count } }
}

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
    public let buildSeconds: Double

    public init(scenario: Scenario, options: PlanOptions = PlanOptions()) {
        let started = ContinuousClock.now
        self.init(candidates: CandidateSet(scenario), options: options, started: started)
    }

    /// Builds the MIP over a given set of commodities and paths (e.g. an aggregated one).
    public init(candidates: CandidateSet, options: PlanOptions = PlanOptions(), started: ContinuousClock.Instant = .now) {
        let graph = candidates.graph
        let scenario = graph.scenario
        let commodities = candidates.commodities
        let paths = candidates.paths
        var model = Model(name: "boomerang_plan", sense: .minimize)

        // Hub opening.
        let open = Self.addHubOpening(&model, graph: graph, options: options)

        // Flows, and what each lane and node carries.
        var flow: [[Variable]] = []
        var laneKg: [Int: [(Variable, Double)]] = [:]
        var laneParcels: [Int: [(Variable, Double)]] = [:]
        var nodeParcels: [Int: [(Variable, Double)]] = [:]
        var laneMaxLoad: [Int: (kg: Double, parcels: Double)] = [:]
        for (k, commodity) in commodities.enumerated() {
            var vars: [Variable] = []
            for (p, path) in paths[k].enumerated() {
                let variable = model.addVariable("f_\(k)_\(p)", objective: path.unitCosts.net)
                vars.append(variable)
                for lane in path.lanes where graph.lanes[lane].mode == .consolidated {
                    laneKg[lane, default: []].append((variable, commodity.meanWeightKg))
                    laneParcels[lane, default: []].append((variable, 1))
                    let load = laneMaxLoad[lane] ?? (0, 0)
                    laneMaxLoad[lane] = (load.kg + commodity.parcels * commodity.meanWeightKg, load.parcels + commodity.parcels)
                }
                for node in path.nodes.dropFirst() { nodeParcels[node, default: []].append((variable, 1)) }
            }
            model.addConstraint("demand_\(k)", vars.map { ($0, 1.0) }, .equal(commodity.parcels))
            flow.append(vars)
        }

        // Consolidation batches: integer dispatches cover each lane's load in kg and parcels.
        let (dispatches, laneKgRows, laneParcelRows) = Self.addDispatches(&model, graph: graph, laneKg: laneKg, laneParcels: laneParcels, load: laneMaxLoad, open: open)
        // Node capacities; a closed candidate hub carries nothing.
        let nodeCapacityRows = Self.addNodeCapacities(&model, graph: graph, nodeParcels: nodeParcels, open: open, totalVolume: commodities.reduce(0) { $0 + $1.parcels })

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

        // Single-sourcing: each zone sends everything that goes through a hub to one hub.
        if options.singleSourcing ?? scenario.settings.singleSourcing {
            var assign: [String: Variable] = [:]
            var zoneHubs: [String: [Variable]] = [:]
            for (k, commodity) in commodities.enumerated() {
                for (p, path) in paths[k].enumerated() {
                    guard let hub = path.nodes.first(where: { graph.nodes[$0].kind == .hub }) else { continue }
                    let key = "\(commodity.zone)\u{1}\(hub)"
                    if assign[key] == nil {
                        let y = model.addVariable("assign_\(commodity.zone)_\(graph.nodes[hub].id)", kind: .binary, upper: 1)
                        assign[key] = y
                        zoneHubs[commodity.zone, default: []].append(y)
                        if let hubOpen = open[hub] {
                            model.addConstraint("assign_open_\(commodity.zone)_\(graph.nodes[hub].id)", [(y, 1), (hubOpen, -1)], .lessEqual(0))
                        }
                    }
                    if let y = assign[key] {
                        model.addConstraint("single_\(k)_\(p)", [(flow[k][p], 1), (y, -commodity.parcels)], .lessEqual(0))
                    }
                }
            }
            for zone in zoneHubs.keys.sorted() {
                model.addConstraint("one_hub_\(zone)", (zoneHubs[zone] ?? []).map { ($0, 1.0) }, .lessEqual(1))
            }
        }

        self.graph = graph
        self.commodities = commodities
        self.paths = paths
        self.model = model
        self.flow = flow
        self.open = open
        self.dispatches = dispatches
        self.laneKgRows = laneKgRows
        self.laneParcelRows = laneParcelRows
        self.nodeCapacityRows = nodeCapacityRows
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

    /// An integer number of dispatches per consolidated lane covering its kg and parcel load, priced per
    /// dispatch with one customs entry, and zero at a closed hub.
    static func addDispatches(
        _ model: inout Model, graph: ReturnsGraph, laneKg: [Int: [(Variable, Double)]], laneParcels: [Int: [(Variable, Double)]],
        load: [Int: (kg: Double, parcels: Double)], open: [Int: Variable]
    ) -> (dispatches: [Int: Variable], kgRows: [Int: Constraint], parcelRows: [Int: Constraint]) {
        let costing = RouteCosting(graph)
        var dispatches: [Int: Variable] = [:], kgRows: [Int: Constraint] = [:], parcelRows: [Int: Constraint] = [:]
        for lane in laneKg.keys.sorted() {
            let spec = graph.lanes[lane]
            let upper = dispatchUpper(spec, most: load[lane] ?? (0, 0))
            let n = model.addVariable("n_\(spec.id)", kind: .integer, lower: 0, upper: upper, objective: costing.dispatchPrice(lane: lane))
            dispatches[lane] = n
            if let kg = spec.capacityKg, kg > 0 {
                kgRows[lane] = model.addConstraint("kg_\(spec.id)", (laneKg[lane] ?? []) + [(n, -kg)], .lessEqual(0))
            }
            if let parcels = spec.capacityParcels, parcels > 0 {
                parcelRows[lane] = model.addConstraint("parcels_\(spec.id)", (laneParcels[lane] ?? []) + [(n, -parcels)], .lessEqual(0))
            }
            for end in [graph.from(lane), graph.to(lane)] {
                if let hub = open[end] {
                    model.addConstraint("lane_open_\(spec.id)_\(graph.nodes[end].id)", [(n, 1), (hub, -upper)], .lessEqual(0))
                }
            }
        }
        return (dispatches, kgRows, parcelRows)
    }

    /// The most dispatches a lane may run: its `maxDispatches`, else enough for `most` (the load if every path
    /// over it carried all its commodity), at least one.
    static func dispatchUpper(_ spec: Lane, most: (kg: Double, parcels: Double)) -> Double {
        if let limit = spec.maxDispatches { return Double(limit) }
        var needed = 1.0
        if let kg = spec.capacityKg, kg > 0 { needed = max(needed, (most.kg / kg).rounded(.up)) }
        if let parcels = spec.capacityParcels, parcels > 0 { needed = max(needed, (most.parcels / parcels).rounded(.up)) }
        return needed
    }

    /// Node capacity rows; a closed candidate hub carries nothing.
    static func addNodeCapacities(_ model: inout Model, graph: ReturnsGraph, nodeParcels: [Int: [(Variable, Double)]], open: [Int: Variable], totalVolume: Double) -> [Int: Constraint] {
        var rows: [Int: Constraint] = [:]
        for node in nodeParcels.keys.sorted() {
            let terms = nodeParcels[node] ?? []
            let spec = graph.nodes[node]
            guard !terms.isEmpty else { continue }
            if let hub = open[node] {
                rows[node] = model.addConstraint("cap_\(spec.id)", terms + [(hub, -(spec.capacityParcels ?? totalVolume))], .lessEqual(0))
            } else if let capacity = spec.capacityParcels {
                rows[node] = model.addConstraint("cap_\(spec.id)", terms, .lessEqual(capacity))
            }
        }
        return rows
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let duration = ContinuousClock.now - start
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
