import ReturnsNetwork

/// The rules every plan of a scenario keeps, written once.
///
/// `PlanModel` builds its rows from them, `LagrangianBound` prices them, `PlanPolish` and `PlanDive` keep to them,
/// `PathGenerator.claims` says which of them a path holds, and `violations(of:over:)` checks any plan against them
/// — whichever way it was made:
/// - each commodity's paths carry exactly its volume;
/// - **limits** (`Limit`): what a lane or node carries per period, in parcels or kg — per dispatch on a consolidated
///   lane (its dispatches × `capacityKg` / `capacityParcels`), per period on any lane (`maxParcels`, `maxKg`), at a
///   node with a `capacity`, and at a candidate hub (its capacity while open, nothing while closed);
/// - a consolidated lane carries parcels only on dispatches, at most `maxDispatches`, and none at a closed hub;
/// - with `hubCount`, exactly that many candidate hubs open; with `openHubs`, exactly those;
/// - with single-sourcing, each zone's returns that go through a hub all go through one (the first hub on the path).
///
/// ```swift
/// let rules = PlanRules(ReturnsGraph(scenario), options: PlanOptions(singleSourcing: true))
/// for violation in rules.violations(of: plan) { print(violation) }   // e.g. "lane truck: 250 parcels per period, over its maxParcels of 150"
/// ```
public struct PlanRules: Sendable {
    /// A bound on what one lane or node carries per period.
    public struct Limit: Sendable, Hashable {
        public enum Place: Sendable, Hashable {
            case lane(Int)
            case node(Int)
        }

        public enum Measure: String, Sendable, Hashable {
            case parcels
            case kg
        }

        /// What the capacity is multiplied by.
        public enum Scale: Sendable, Hashable {
            /// The lane's dispatches in the plan (a consolidated lane's capacity per dispatch).
            case perDispatch
            /// Whether the candidate hub is open: the capacity while open, nothing while closed.
            case whileOpen
            /// Nothing: a fixed capacity per period.
            case perPeriod
        }

        public let place: Place
        public let measure: Measure
        public let scale: Scale
        /// Nil for a candidate hub without a capacity of its own (it may take everything while open).
        public let capacity: Double?

        /// What one parcel of `weightKg` adds to the limit's load.
        public func coefficient(weightKg: Double) -> Double { measure == .kg ? weightKg : 1 }
    }

    public let graph: ReturnsGraph
    public let singleSourcing: Bool
    public let hubCount: Int?
    public let openHubs: Set<String>?
    /// Every limit: node limits in node order, then consolidated lanes' per-dispatch limits, then per-period lane
    /// limits, each in lane order (kg before parcels).
    public let limits: [Limit]
    let laneLimits: [[Int]]
    let nodeLimits: [[Int]]
    /// The candidate hubs at each lane's ends: a lane runs only while they are open.
    public let laneHubs: [[Int]]

    public init(_ graph: ReturnsGraph, options: PlanOptions = PlanOptions()) {
        self.graph = graph
        singleSourcing = options.singleSourcing ?? graph.scenario.settings.singleSourcing
        hubCount = options.hubCount
        openHubs = options.openHubs
        var limits: [Limit] = []
        var laneLimits = Array(repeating: [Int](), count: graph.lanes.count)
        var nodeLimits = Array(repeating: [Int](), count: graph.nodes.count)
        func add(_ limit: Limit) {
            switch limit.place {
            case let .lane(lane): laneLimits[lane].append(limits.count)
            case let .node(node): nodeLimits[node].append(limits.count)
            }
            limits.append(limit)
        }
        for (index, node) in graph.nodes.enumerated() {
            if Self.isCandidateHub(node) {
                add(Limit(place: .node(index), measure: .parcels, scale: .whileOpen, capacity: node.capacityParcels))
            } else if let capacity = node.capacityParcels {
                add(Limit(place: .node(index), measure: .parcels, scale: .perPeriod, capacity: capacity))
            }
        }
        for (index, lane) in graph.lanes.enumerated() where lane.mode == .consolidated {
            if let kg = lane.capacityKg, kg > 0 { add(Limit(place: .lane(index), measure: .kg, scale: .perDispatch, capacity: kg)) }
            if let parcels = lane.capacityParcels, parcels > 0 { add(Limit(place: .lane(index), measure: .parcels, scale: .perDispatch, capacity: parcels)) }
        }
        for (index, lane) in graph.lanes.enumerated() {
            if let kg = lane.maxKg { add(Limit(place: .lane(index), measure: .kg, scale: .perPeriod, capacity: kg)) }
            if let parcels = lane.maxParcels { add(Limit(place: .lane(index), measure: .parcels, scale: .perPeriod, capacity: parcels)) }
        }
        self.limits = limits
        self.laneLimits = laneLimits
        self.nodeLimits = nodeLimits
        laneHubs = graph.lanes.indices.map { lane in [graph.from(lane), graph.to(lane)].filter { Self.isCandidateHub(graph.nodes[$0]) } }
    }

    static func isCandidateHub(_ node: Node) -> Bool { node.kind == .hub && node.isCandidate }

    /// The limits on one lane, and at one node.
    public func limits(onLane lane: Int) -> [Int] { laneLimits[lane] }
    public func limits(atNode node: Int) -> [Int] { nodeLimits[node] }

    /// The limits a path's parcels count against: those of the nodes it passes after its zone, in order, then those
    /// of its lanes, in order.
    public func limits(of path: CandidatePath) -> [Int] {
        path.nodes.dropFirst().flatMap { nodeLimits[$0] } + path.lanes.flatMap { laneLimits[$0] }
    }

    /// Whether a lane's parcels travel on dispatches the plan decides (a consolidated lane).
    public func hasDispatches(_ lane: Int) -> Bool { graph.lanes[lane].mode == .consolidated }

    /// The hub a path ties its zone to under single-sourcing: the first hub it passes, if any.
    public func sourcingHub(of path: CandidatePath) -> Int? { path.nodes.first { graph.nodes[$0].kind == .hub } }

    /// Which commodities must share one hub under single-sourcing: equal numbers, one hub. Commodities of one zone
    /// share one; an aggregated set ties each cluster's zone group (see `CandidateSet.sourcingUnits`).
    public func sourcingUnits(_ candidates: CandidateSet) -> [Int] {
        candidates.sourcingUnits ?? candidates.commodities.map { graph.nodeIndex[$0.zone] ?? -1 }
    }

    /// What a path holds in the plan beyond its per-parcel cost, as sorted integers: its lanes that have dispatches
    /// or a limit, the nodes after its zone that have a limit (a capacity or an opening decision), and its sourcing
    /// hub. Dominance is settled before the options are known, so the sourcing hub is always held.
    public func claims(_ path: CandidatePath) -> [Int] {
        let laneCount = graph.lanes.count, nodeCount = graph.nodes.count
        var claims: [Int] = []
        for lane in path.lanes where hasDispatches(lane) || !laneLimits[lane].isEmpty { claims.append(lane) }
        for node in path.nodes.dropFirst() where !nodeLimits[node].isEmpty { claims.append(laneCount + node) }
        if let hub = sourcingHub(of: path) { claims.append(laneCount + nodeCount + hub) }
        return claims.sorted()
    }

    /// What a limit allows with `dispatches` on its lane and its hub `open`; `unlimited` stands in for a hub without a
    /// capacity of its own.
    public func capacity(_ limit: Int, dispatches: Int, open: Bool, unlimited: Double = .infinity) -> Double {
        let spec = limits[limit]
        switch spec.scale {
        case .perDispatch: return (spec.capacity ?? 0) * Double(dispatches)
        case .whileOpen: return open ? spec.capacity ?? unlimited : 0
        case .perPeriod: return spec.capacity ?? unlimited
        }
    }

    /// The fewest dispatches that carry `kg` and `parcels` on a consolidated lane (one for any load at all).
    public func dispatchesNeeded(lane: Int, kg: Double, parcels: Double) -> Int {
        var count = parcels > 1e-9 ? 1.0 : 0
        for limit in laneLimits[lane] where limits[limit].scale == .perDispatch {
            let capacity = limits[limit].capacity ?? 0
            guard capacity > 0 else { continue }
            let load = limits[limit].measure == .kg ? kg : parcels
            count = max(count, (load / capacity - 1e-9).rounded(.up))
        }
        return Int(count)
    }

    /// The most dispatches a consolidated lane may run: its `maxDispatches`, else enough for `most` (the load if
    /// every path over it carried all its commodity), at least one.
    public func dispatchUpper(lane: Int, most: (kg: Double, parcels: Double)) -> Double {
        if let limit = graph.lanes[lane].maxDispatches { return Double(limit) }
        var needed = 1.0
        for limit in laneLimits[lane] where limits[limit].scale == .perDispatch {
            let capacity = limits[limit].capacity ?? 0
            let load = limits[limit].measure == .kg ? most.kg : most.parcels
            if capacity > 0 { needed = max(needed, (load / capacity).rounded(.up)) }
        }
        return needed
    }

    /// Where `decisions` (a plan over `candidates`) breaks the rules; empty for a feasible plan. Loads may exceed a
    /// limit by `tolerance` (absolute; a commodity's volume relative), a closed hub carries nothing above 1e-9.
    public func violations(of decisions: PlanDecisions, over candidates: CandidateSet, tolerance: Double = 1e-6) -> [PlanViolation] {
        var found: [PlanViolation] = []
        var load = Array(repeating: 0.0, count: limits.count)
        var dispatchedLoad = Array(repeating: 0.0, count: graph.lanes.count)
        let units = sourcingUnits(candidates)
        var unitHubs: [Int: [Int: Double]] = [:], unitZone: [Int: String] = [:]
        for (k, commodity) in candidates.commodities.enumerated() {
            let flows = k < decisions.flows.count ? decisions.flows[k] : []
            let routed = flows.reduce(0, +)
            if flows.count != candidates.paths[k].count || abs(routed - commodity.parcels) > tolerance * max(1, commodity.parcels) || flows.contains(where: { $0 < -tolerance }) {
                found.append(.unrouted(zone: commodity.zone, category: commodity.category, routed: routed, volume: commodity.parcels))
            }
            for (p, path) in candidates.paths[k].enumerated() where p < flows.count && flows[p] > 0 {
                let amount = flows[p]
                for limit in limits(of: path) { load[limit] += amount * limits[limit].coefficient(weightKg: commodity.meanWeightKg) }
                for lane in path.lanes where hasDispatches(lane) { dispatchedLoad[lane] += amount }
                if singleSourcing, let hub = sourcingHub(of: path) {
                    unitHubs[units[k], default: [:]][hub, default: 0] += amount
                    if unitZone[units[k]] == nil { unitZone[units[k]] = commodity.zone }
                }
            }
        }
        func isOpen(_ hub: Int) -> Bool { decisions.open[hub] ?? true }
        for (index, limit) in limits.enumerated() {
            switch limit.place {
            case let .node(node):
                if limit.scale == .whileOpen, !isOpen(node) {
                    if load[index] > 1e-9 { found.append(.closedHubUsed(hub: graph.nodes[node].id, parcels: load[index])) }
                    continue
                }
                let capacity = self.capacity(index, dispatches: 0, open: true)
                if load[index] > capacity + tolerance { found.append(.overCapacity(place: graph.nodes[node].id, limit: limit, load: load[index], capacity: capacity)) }
            case let .lane(lane):
                let capacity = self.capacity(index, dispatches: decisions.dispatches[lane] ?? 0, open: true)
                if load[index] > capacity + tolerance { found.append(.overCapacity(place: graph.lanes[lane].id, limit: limit, load: load[index], capacity: capacity)) }
            }
        }
        for (lane, parcels) in dispatchedLoad.enumerated() where parcels > tolerance && (decisions.dispatches[lane] ?? 0) == 0 {
            found.append(.noDispatch(lane: graph.lanes[lane].id, parcels: parcels))
        }
        for (lane, count) in decisions.dispatches.sorted(by: { $0.key < $1.key }) where count != 0 {
            if count < 0 || graph.lanes[lane].maxDispatches.map({ count > $0 }) == true {
                found.append(.dispatchesOutOfRange(lane: graph.lanes[lane].id, dispatches: count, most: graph.lanes[lane].maxDispatches))
            }
            for hub in laneHubs[lane] where !isOpen(hub) {
                found.append(.dispatchAtClosedHub(lane: graph.lanes[lane].id, hub: graph.nodes[hub].id, dispatches: count))
            }
        }
        let candidateHubs = graph.nodes.indices.filter { Self.isCandidateHub(graph.nodes[$0]) }
        if let hubCount, !candidateHubs.isEmpty {
            let open = candidateHubs.filter(isOpen).count
            if open != hubCount { found.append(.hubCount(open: open, required: hubCount)) }
        }
        if let openHubs {
            for hub in candidateHubs where isOpen(hub) != openHubs.contains(graph.nodes[hub].id) {
                found.append(.hubNotAsRequired(hub: graph.nodes[hub].id, required: openHubs.contains(graph.nodes[hub].id)))
            }
        }
        for unit in unitHubs.keys.sorted() {
            let hubs = (unitHubs[unit] ?? [:]).filter { $0.value > tolerance }.keys.sorted()
            if hubs.count > 1 { found.append(.splitSourcing(zone: unitZone[unit] ?? "", hubs: hubs.map { graph.nodes[$0].id })) }
        }
        return found
    }

    /// Where a `Plan` of this scenario (as `Planner` returns it, or read back from its JSON) breaks the rules. Its flows
    /// must be the scenario's commodities in order; a path, lane or hub the scenario does not have is reported.
    public func violations(of plan: Plan, tolerance: Double = 1e-6) -> [PlanViolation] {
        let commodities = Commodity.all(in: graph.scenario)
        guard plan.flows.count == commodities.count else {
            return [.notInScenario("the plan has \(plan.flows.count) commodities, the scenario \(commodities.count)")]
        }
        let laneIndex = Dictionary(graph.lanes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var found: [PlanViolation] = []
        var paths: [[CandidatePath]] = [], flows: [[Double]] = []
        for (k, flow) in plan.flows.enumerated() {
            guard flow.zone == commodities[k].zone, flow.category == commodities[k].category else {
                found.append(.notInScenario("flows[\(k)] is \(flow.zone)/\(flow.category), the scenario's commodity \(k) \(commodities[k].zone)/\(commodities[k].category)"))
                paths.append([]); flows.append([])
                continue
            }
            var kept: [CandidatePath] = [], amounts: [Double] = []
            for path in flow.paths {
                let lanes = path.lanes.map { laneIndex[$0] }, nodes = path.nodes.map { graph.nodeIndex[$0] }
                guard !lanes.contains(nil), !nodes.contains(nil) else {
                    found.append(.notInScenario("a path of \(flow.zone)/\(flow.category) over \(path.nodes.joined(separator: " > "))"))
                    continue
                }
                kept.append(CandidatePath(lanes: lanes.compactMap { $0 }, nodes: nodes.compactMap { $0 }, disposition: path.disposition, transitDays: path.transitDays, unitCosts: CostBreakdown(), estimatedUnitCost: path.costPerParcel))
                amounts.append(path.parcels)
            }
            paths.append(kept)
            flows.append(amounts)
        }
        var open: [Int: Bool] = [:]
        for hub in plan.hubs {
            guard let node = graph.nodeIndex[hub.id] else { found.append(.notInScenario("hub \(hub.id)")); continue }
            if Self.isCandidateHub(graph.nodes[node]) { open[node] = hub.open }
        }
        var dispatches: [Int: Int] = [:]
        for lane in plan.lanes {
            guard let index = laneIndex[lane.id] else { found.append(.notInScenario("lane \(lane.id)")); continue }
            if let count = lane.dispatches { dispatches[index] = count }
        }
        let candidates = CandidateSet(graph: graph, commodities: commodities, paths: paths)
        return found + violations(of: PlanDecisions(flows: flows, open: open, dispatches: dispatches), over: candidates, tolerance: tolerance)
    }
}
