import ReturnsNetwork

/// Local improvement of a feasible plan, keeping it feasible at every step.
///
/// An aggregated plan splits each cluster's flow over its members in proportion, so a member may ride a path that
/// is dear for its own zone while a cheaper one has room; and the MIP stopped at a time limit leaves trucks that
/// run nearly empty. Three moves, each taken only when it lowers the plan's cost:
/// - **reroute**: a commodity's parcels move to a cheaper path of its own where every lane and hub on it has room
///   under `PlanRules` (a consolidated lane has room up to its dispatches' capacity and none without a dispatch, any
///   lane up to its per-period capacity, a closed hub none) and, under single-sourcing, its zone keeps to one hub;
/// - **drop a dispatch**: a lane's last truck is emptied by moving the parcels that cost least to move elsewhere,
///   when that costs less than the truck and its customs entry;
/// - **close a hub**: every parcel through it moves elsewhere, when that costs less than the hub's fixed cost and
///   the dispatches its lanes then no longer need.
public struct PlanPolish {
    let candidates: CandidateSet
    let rules: PlanRules
    var flows: [[Double]]
    var open: [Int: Bool]
    var dispatches: [Int: Int]
    /// Parcels and kg on each consolidated lane (what its dispatches must carry), and the load on each of the rules'
    /// limits.
    var laneKg: [Double]
    var laneParcels: [Double]
    var load: [Double]
    /// The (commodity, path) pairs over each consolidated lane and each node.
    let laneUsers: [Int: [(Int, Int)]]
    let nodeUsers: [Int: [(Int, Int)]]
    let dispatchPrice: [Double]
    /// Consolidated lanes, nodes after the zone, and the rules' limits each path uses; its sourcing hub (or -1).
    let pathLanes: [[[Int]]]
    let pathNodes: [[[Int]]]
    let pathLimits: [[[Int]]]
    let pathHub: [[Int]]
    /// Under single-sourcing: each commodity's sourcing unit, and the parcels each unit sends through each hub.
    let units: [Int]
    var unitHubLoad: [Int: [Int: Double]] = [:]
    static let tiny = 1e-9

    /// The cost of a plan: per-parcel costs of its flows, its dispatches and its open candidate hubs.
    public static func cost(_ candidates: CandidateSet, _ decisions: PlanDecisions) -> Double {
        let graph = candidates.graph
        let costing = RouteCosting(graph)
        var total = graph.standingHubCost
        for (k, paths) in candidates.paths.enumerated() {
            for (p, path) in paths.enumerated() where decisions.flows[k][p] > 0 { total += decisions.flows[k][p] * path.unitCosts.net }
        }
        for (lane, count) in decisions.dispatches { total += Double(count) * costing.dispatchPrice(lane: lane) }
        for (node, isOpen) in decisions.open where isOpen { total += graph.scenario.value(graph.nodes[node].fixedCost) }
        return total
    }

    /// Improves `decisions` (a feasible plan over `candidates`) until no move helps or `timeLimit` seconds pass.
    /// With `keepHubs`, no hub is closed (a plan with a fixed set or number of hubs). `options` say which rules hold
    /// (single-sourcing).
    public static func polish(_ candidates: CandidateSet, _ decisions: PlanDecisions, timeLimit: Double = 10, keepHubs: Bool = false, options: PlanOptions = PlanOptions()) -> PlanDecisions {
        var polish = PlanPolish(candidates, decisions, options: options)
        polish.run(timeLimit: timeLimit, closeHubs: !keepHubs)
        return PlanDecisions(flows: polish.flows, open: polish.open, dispatches: polish.dispatches)
    }

    /// A first plan made without a solver: the given hubs open (all candidates when nil), every consolidated lane
    /// with its most dispatches (`upper`), each commodity on its cheapest paths with room, biggest first; then
    /// polished. Nil when some commodity finds no room anywhere (no `keep` path and everything full).
    public static func construct(_ candidates: CandidateSet, upper: [Int: Int], open hubs: Set<Int>? = nil, timeLimit: Double = 5, options: PlanOptions = PlanOptions()) -> PlanDecisions? {
        let graph = candidates.graph
        var open: [Int: Bool] = [:]
        for (index, node) in graph.nodes.enumerated() where node.kind == .hub && node.isCandidate { open[index] = hubs?.contains(index) ?? true }
        let empty = candidates.paths.map { Array(repeating: 0.0, count: $0.count) }
        var polish = PlanPolish(candidates, PlanDecisions(flows: empty, open: open, dispatches: upper), options: options)
        let order = candidates.commodities.indices.sorted { candidates.commodities[$0].parcels > candidates.commodities[$1].parcels }
        for k in order {
            var left = candidates.commodities[k].parcels
            let paths = candidates.paths[k].indices.sorted { polish.unitCost(k, $0) < polish.unitCost(k, $1) }
            for p in paths where left > tiny {
                let amount = min(left, polish.room(k, from: nil, to: p))
                guard amount > tiny, polish.keepsOneHub(k, from: nil, to: p, amount) else { continue }
                polish.flows[k][p] += amount
                polish.apply(k, p, amount)
                left -= amount
            }
            if left > 1e-6 * max(1, candidates.commodities[k].parcels) { return nil }
        }
        polish.run(timeLimit: timeLimit, closeHubs: hubs == nil)
        // Whatever the time allowed, no lane keeps more trucks than its load needs (a lane at a closed hub none).
        _ = polish.trimDispatches()
        return PlanDecisions(flows: polish.flows, open: polish.open, dispatches: polish.dispatches)
    }

    init(_ candidates: CandidateSet, _ decisions: PlanDecisions, options: PlanOptions = PlanOptions()) {
        self.candidates = candidates
        let graph = candidates.graph
        let rules = PlanRules(graph, options: options)
        self.rules = rules
        flows = decisions.flows
        open = decisions.open
        dispatches = decisions.dispatches
        laneKg = Array(repeating: 0, count: graph.lanes.count)
        laneParcels = Array(repeating: 0, count: graph.lanes.count)
        load = Array(repeating: 0, count: rules.limits.count)
        let costing = RouteCosting(graph)
        dispatchPrice = graph.lanes.indices.map { costing.dispatchPrice(lane: $0) }
        let pathLanes = candidates.paths.map { paths in paths.map { $0.lanes.filter { rules.hasDispatches($0) } } }
        let pathNodes = candidates.paths.map { paths in paths.map { Array($0.nodes.dropFirst()) } }
        pathLimits = candidates.paths.map { paths in paths.map { rules.limits(of: $0) } }
        pathHub = candidates.paths.map { paths in paths.map { rules.sourcingHub(of: $0) ?? -1 } }
        units = rules.singleSourcing ? rules.sourcingUnits(candidates) : []
        var laneUsers: [Int: [(Int, Int)]] = [:], nodeUsers: [Int: [(Int, Int)]] = [:]
        for k in pathLanes.indices {
            for p in pathLanes[k].indices {
                for lane in pathLanes[k][p] { laneUsers[lane, default: []].append((k, p)) }
                for node in pathNodes[k][p] { nodeUsers[node, default: []].append((k, p)) }
            }
        }
        self.pathLanes = pathLanes
        self.pathNodes = pathNodes
        self.laneUsers = laneUsers
        self.nodeUsers = nodeUsers
        for (k, paths) in candidates.paths.enumerated() {
            for p in paths.indices where flows[k][p] > 0 { apply(k, p, flows[k][p]) }
        }
    }

    func unitCost(_ k: Int, _ p: Int) -> Double { candidates.paths[k][p].unitCosts.net }

    mutating func apply(_ k: Int, _ p: Int, _ amount: Double) {
        let weight = candidates.commodities[k].meanWeightKg
        for lane in pathLanes[k][p] {
            laneKg[lane] += amount * weight
            laneParcels[lane] += amount
        }
        for limit in pathLimits[k][p] { load[limit] += amount * rules.limits[limit].coefficient(weightKg: weight) }
        if !units.isEmpty, pathHub[k][p] >= 0 { unitHubLoad[units[k], default: [:]][pathHub[k][p], default: 0] += amount }
    }

    /// What `limit` allows in the plan as it stands (its lane's dispatches, its hub open or closed).
    func capacity(_ limit: Int) -> Double {
        switch rules.limits[limit].place {
        case let .lane(lane): rules.capacity(limit, dispatches: dispatches[lane] ?? 0, open: true)
        case let .node(node): rules.capacity(limit, dispatches: 0, open: open[node] ?? true)
        }
    }

    /// Parcels through `node` (a candidate hub: the load on its limit).
    func hubLoad(_ node: Int) -> Double {
        rules.limits(atNode: node).first { rules.limits[$0].scale == .whileOpen }.map { load[$0] } ?? 0
    }

    /// Under single-sourcing, whether moving `amount` of commodity k from path `from` (nil: not yet routed) to `to`
    /// leaves its zone with one hub: a move to another hub must take all the zone's parcels from the hub it leaves.
    func keepsOneHub(_ k: Int, from: Int?, to: Int, _ amount: Double) -> Bool {
        guard !units.isEmpty, pathHub[k][to] >= 0 else { return true }
        let target = pathHub[k][to], source = from.map { pathHub[k][$0] } ?? -1
        guard target != source else { return true }
        for (hub, parcels) in unitHubLoad[units[k]] ?? [:] where hub != target && parcels > Self.tiny {
            guard hub == source, parcels - amount <= Self.tiny else { return false }
        }
        return true
    }

    /// Parcels of commodity k that path `to` can take while `from` gives them up (shared lanes and nodes net out).
    func room(_ k: Int, from: Int?, to: Int, blockedLane: Int? = nil, blockedNode: Int? = nil) -> Double {
        let weight = candidates.commodities[k].meanWeightKg
        var room = Double.infinity
        let fromLanes = from.map { pathLanes[k][$0] } ?? [], fromLimits = from.map { pathLimits[k][$0] } ?? []
        for lane in pathLanes[k][to] {
            if lane == blockedLane { return 0 }
            guard !fromLanes.contains(lane) else { continue }
            guard (dispatches[lane] ?? 0) > 0 else { return 0 }
        }
        if let blockedNode, pathNodes[k][to].contains(blockedNode) { return 0 }
        for limit in pathLimits[k][to] where !fromLimits.contains(limit) {
            let coefficient = rules.limits[limit].coefficient(weightKg: weight)
            guard coefficient > 0 else { continue }
            room = min(room, (capacity(limit) - load[limit]) / coefficient)
        }
        return max(0, room)
    }

    mutating func move(_ k: Int, from: Int, to: Int, _ amount: Double) {
        flows[k][from] -= amount
        if flows[k][from] < Self.tiny { flows[k][from] = 0 }
        flows[k][to] += amount
        apply(k, from, -amount)
        apply(k, to, amount)
    }

    /// Moves parcels to cheaper paths with room; returns the saving.
    mutating func reroute() -> Double {
        var saved = 0.0
        for k in candidates.paths.indices {
            let order = candidates.paths[k].indices.sorted { unitCost(k, $0) < unitCost(k, $1) }
            for from in order.reversed() where flows[k][from] > Self.tiny {
                for to in order {
                    let gain = unitCost(k, from) - unitCost(k, to)
                    guard gain > 1e-9 else { break }
                        let amount = min(flows[k][from], room(k, from: from, to: to))
                    guard amount > Self.tiny, keepsOneHub(k, from: from, to: to, amount) else { continue }
                    move(k, from: from, to: to, amount)
                    saved += gain * amount
                    if flows[k][from] <= Self.tiny { break }
                }
            }
        }
        return saved
    }

    /// Dispatches each lane needs for its load.
    func needed(_ lane: Int) -> Int { rules.dispatchesNeeded(lane: lane, kg: laneKg[lane], parcels: laneParcels[lane]) }

    /// Lowers dispatch counts to what the loads need; returns the saving.
    mutating func trimDispatches() -> Double {
        var saved = 0.0
        for (lane, count) in dispatches where count > needed(lane) {
            saved += Double(count - needed(lane)) * dispatchPrice[lane]
            dispatches[lane] = needed(lane)
        }
        return saved
    }

    /// Moves parcels off the paths that use `blockedLane` or `blockedNode` to paths of their own that avoid them,
    /// cheapest moves first, until `done` holds. Keeps the moves if they cost less than `budget`, else undoes them
    /// and returns false.
    /// `most` says how many parcels of a commodity are still worth moving (the rest of a truck's excess).
    mutating func evacuate(budget: Double, blockedLane: Int? = nil, blockedNode: Int? = nil, done: (PlanPolish) -> Bool, most: (PlanPolish, Int) -> Double = { _, _ in .infinity }) -> Bool {
        let users = blockedLane.map { laneUsers[$0] ?? [] } ?? blockedNode.map { nodeUsers[$0] ?? [] } ?? []
        var options: [(delta: Double, k: Int, from: Int, to: Int)] = []
        for (k, from) in users where flows[k][from] > Self.tiny {
            for to in candidates.paths[k].indices where to != from && !uses(k, to, blockedLane, blockedNode) {
                options.append((unitCost(k, to) - unitCost(k, from), k, from, to))
            }
        }
        options.sort { $0.delta < $1.delta }
        var moves: [(k: Int, from: Int, to: Int, amount: Double)] = []
        var spent = 0.0
        for option in options {
            if done(self) || spent >= budget { break }
            let amount = min(flows[option.k][option.from], room(option.k, from: option.from, to: option.to, blockedLane: blockedLane, blockedNode: blockedNode), most(self, option.k))
            guard amount > Self.tiny, keepsOneHub(option.k, from: option.from, to: option.to, amount) else { continue }
            move(option.k, from: option.from, to: option.to, amount)
            moves.append((option.k, option.from, option.to, amount))
            spent += option.delta * amount
        }
        if done(self), spent < budget - 1e-6 { return true }
        for undo in moves.reversed() { move(undo.k, from: undo.to, to: undo.from, undo.amount) }
        return false
    }

    func uses(_ k: Int, _ p: Int, _ lane: Int?, _ node: Int?) -> Bool {
        if let lane, pathLanes[k][p].contains(lane) { return true }
        if let node, pathNodes[k][p].contains(node) { return true }
        return false
    }

    mutating func run(timeLimit: Double, closeHubs: Bool = true) {
        let clock = ContinuousClock()
        let start = clock.now
        func elapsed() -> Double { (clock.now - start) / .seconds(1) }
        let graph = candidates.graph
        var improved = true
        while improved, elapsed() < timeLimit {
            improved = false
            if reroute() > 1e-6 { improved = true }
            if trimDispatches() > 1e-6 { improved = true }
            // Empty the last truck of each lane where that pays.
            for lane in dispatches.keys.sorted() where elapsed() < timeLimit {
                let count = dispatches[lane] ?? 0
                guard count > 0 else { continue }
                let perDispatch = rules.limits(onLane: lane).filter { rules.limits[$0].scale == .perDispatch }
                let fits: (PlanPolish) -> Bool = { plan in plan.needed(lane) < count || plan.laneParcels[lane] <= Self.tiny }
                // The parcels of commodity k still worth moving: what the lane holds over one truck fewer.
                let excess: (PlanPolish, Int) -> Double = { plan, k in
                    guard count > 1 else { return .infinity }
                    let weight = plan.candidates.commodities[k].meanWeightKg
                    var most = 0.0
                    for limit in perDispatch {
                        let coefficient = plan.rules.limits[limit].coefficient(weightKg: weight)
                        guard coefficient > 0 else { continue }
                        most = max(most, (plan.load[limit] - plan.rules.capacity(limit, dispatches: count - 1, open: true)) / coefficient)
                    }
                    return most
                }
                guard evacuate(budget: dispatchPrice[lane], blockedLane: lane, done: fits, most: excess), needed(lane) < count else { continue }
                dispatches[lane] = needed(lane)
                improved = true
            }
            // Close hubs whose parcels can go elsewhere for less than the hub and its trucks cost.
            for (node, isOpen) in open.sorted(by: { $0.key < $1.key }) where closeHubs && isOpen && elapsed() < timeLimit {
                let lanes = dispatches.keys.filter { graph.from($0) == node || graph.to($0) == node }
                let budget = graph.scenario.value(graph.nodes[node].fixedCost) + lanes.reduce(0) { $0 + Double(dispatches[$1] ?? 0) * dispatchPrice[$1] }
                guard evacuate(budget: budget, blockedNode: node, done: { $0.hubLoad(node) <= Self.tiny }) else { continue }
                open[node] = false
                for lane in lanes { dispatches[lane] = 0 }
                improved = true
            }
        }
    }
}
