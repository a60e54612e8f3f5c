import ReturnsNetwork

/// Enumerates candidate paths per commodity: simple lane chains within the leg and transit-day limits,
/// ranked by estimated unit cost, always with `keep`.
public struct PathGenerator: Sendable {
    public let costing: RouteCosting
    public var graph: ReturnsGraph { costing.graph }

    /// A chain of lanes from a zone to a node that performs some disposition.
    public struct Route: Sendable {
        public var lanes: [Int]
        public var nodes: [Int]
        public var transitDays: Double
    }

    public init(_ graph: ReturnsGraph) {
        costing = RouteCosting(graph)
    }

    /// All routes from `zone` within the scenario's limits, ending at nodes that perform a disposition.
    public func routes(from zone: Int) -> [Route] {
        let settings = graph.scenario.settings
        var result: [Route] = []
        var lanes: [Int] = []
        var nodes: [Int] = [zone]
        var onPath = Set<Int>([zone])
        func extend(_ node: Int, _ days: Double) {
            guard lanes.count < settings.maxLegs else { return }
            for lane in graph.outgoing[node] {
                let next = graph.to(lane)
                let arrival = days + graph.lanes[lane].transitDays
                guard !onPath.contains(next), arrival <= settings.maxTransitDays + 1e-9 else { continue }
                lanes.append(lane)
                nodes.append(next)
                onPath.insert(next)
                if !graph.nodes[next].dispositions.isEmpty {
                    result.append(Route(lanes: lanes, nodes: nodes, transitDays: arrival))
                }
                extend(next, arrival)
                onPath.remove(next)
                nodes.removeLast()
                lanes.removeLast()
            }
        }
        extend(zone, 0)
        return result
    }

    /// The candidate paths for `commodity`: the cheapest `pathsPerCommodity` by estimated unit cost, plus the
    /// cheapest through each hub and to each disposition (so opening decisions stay open), plus `keep`.
    public func paths(for commodity: Commodity, routes: [Route]) -> [CandidatePath] {
        let keep = CandidatePath(lanes: [], nodes: [graph.nodeIndex[commodity.zone] ?? 0], disposition: .keep, transitDays: 0, unitCosts: CostBreakdown(), estimatedUnitCost: 0)
        if let threshold = graph.scenario.policy.returnlessRefundBelow, commodity.meanValue < graph.scenario.value(threshold) {
            return [keep]
        }
        var all: [CandidatePath] = []
        for route in routes {
            guard let last = route.nodes.last else { continue }
            let node = graph.nodes[last]
            for disposition in node.dispositions where node.performs(disposition, for: commodity.category) {
                if disposition == .restock, !commodity.resellable { continue }
                let costs = costing.unitCosts(lanes: route.lanes, disposition: disposition, category: commodity.category, resellable: commodity.resellable, weightKg: commodity.meanWeightKg, value: commodity.meanValue)
                let dispatchShare = route.lanes.reduce(0) { $0 + costing.fullDispatchShare(lane: $1, weightKg: commodity.meanWeightKg) }
                all.append(CandidatePath(lanes: route.lanes, nodes: route.nodes, disposition: disposition, transitDays: route.transitDays, unitCosts: costs, estimatedUnitCost: costs.net + dispatchShare))
            }
        }
        all.sort { $0.estimatedUnitCost < $1.estimatedUnitCost }
        let limit = graph.scenario.settings.pathsPerCommodity
        var chosen: [CandidatePath] = Array(all.prefix(limit))
        var covered = Set<String>()
        for path in chosen { covered.formUnion(coverageKeys(path)) }
        for path in all.dropFirst(limit) {
            let keys = coverageKeys(path)
            if !keys.isSubset(of: covered) {
                chosen.append(path)
                covered.formUnion(keys)
            }
        }
        if graph.scenario.policy.allowReturnlessRefunds { chosen.append(keep) }
        return chosen
    }

    /// What a path keeps available to the optimiser: each hub it passes and its disposition.
    private func coverageKeys(_ path: CandidatePath) -> Set<String> {
        var keys: Set<String> = ["disposition:\(path.disposition.rawValue)"]
        for node in path.nodes where graph.nodes[node].kind == .hub { keys.insert("hub:\(node)") }
        return keys
    }
}
