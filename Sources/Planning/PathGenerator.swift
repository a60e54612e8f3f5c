import ReturnsNetwork

/// Enumerates candidate paths per commodity: simple lane chains within the leg and transit-day limits,
/// ranked by estimated unit cost, always with `keep`.
public struct PathGenerator: Sendable {
    public let costing: RouteCosting
    /// The rules whose limits and decisions a path can hold (for dominance).
    public let rules: PlanRules
    public var graph: ReturnsGraph { costing.graph }

    public typealias Route = ReturnsGraph.Route

    public init(_ graph: ReturnsGraph) {
        costing = RouteCosting(graph)
        rules = PlanRules(graph)
    }

    /// All routes from `zone` within the scenario's limits, ending at nodes that perform a disposition.
    public func routes(from zone: Int) -> [Route] {
        graph.routes(from: zone)
    }

    /// The candidate paths for `commodity`: the cheapest `pathsPerCommodity` by estimated unit cost, plus the
    /// cheapest through each hub and to each disposition (so opening decisions stay open), plus `keep`.
    public func paths(for commodity: Commodity, routes: [Route]) -> [CandidatePath] {
        if keepOnly(commodity) { return [keep(commodity)] }
        let keepPath = mayKeep(commodity) ? keep(commodity) : nil
        var all = undominated(allCandidates(for: commodity, routes: routes), keep: keepPath)
        all.sort { $0.estimatedUnitCost < $1.estimatedUnitCost }
        var chosen = select(all, limit: graph.scenario.settings.pathsPerCommodity)
        if let keepPath { chosen.append(keepPath) }
        return chosen
    }

    /// Whether the policy refunds this commodity without a return (its mean value is under the threshold).
    public func keepOnly(_ commodity: Commodity) -> Bool {
        guard let threshold = graph.scenario.policy.returnlessRefundBelow else { return false }
        return commodity.meanValue < graph.scenario.value(threshold)
    }

    /// Whether the merchant may refund this commodity without a return where returning it costs more than it
    /// recovers (`Scenario.returnlessRefundCeiling`, at its mean value).
    public func mayKeep(_ commodity: Commodity) -> Bool {
        commodity.meanValue <= graph.scenario.returnlessRefundCeiling
    }

    /// The `keep` path of a commodity.
    public func keep(_ commodity: Commodity) -> CandidatePath {
        CandidatePath(lanes: [], nodes: [graph.nodeIndex[commodity.zone] ?? 0], disposition: .keep, transitDays: 0, unitCosts: CostBreakdown(), estimatedUnitCost: 0)
    }

    /// Every route × disposition the commodity could take, priced, in route order (no `keep`).
    public func allCandidates(for commodity: Commodity, routes: [Route]) -> [CandidatePath] {
        var all: [CandidatePath] = []
        let scenario = graph.scenario
        for route in routes {
            guard let last = route.nodes.last else { continue }
            // Every lane must carry an item of the commodity's mean weight and value (`Scenario.carries`).
            guard route.lanes.allSatisfy({ scenario.carries(graph.lanes[$0].mode, weightKg: commodity.meanWeightKg, value: commodity.meanValue) }) else { continue }
            let node = graph.nodes[last]
            for disposition in node.dispositions where node.performs(disposition, for: commodity.category) {
                if disposition == .restock, !commodity.resellable { continue }
                let costs = costing.unitCosts(lanes: route.lanes, disposition: disposition, category: commodity.category, resellable: commodity.resellable, weightKg: commodity.meanWeightKg, value: commodity.meanValue)
                let dispatchShare = route.lanes.reduce(0) { $0 + costing.fullDispatchShare(lane: $1, weightKg: commodity.meanWeightKg) }
                all.append(CandidatePath(lanes: route.lanes, nodes: route.nodes, disposition: disposition, transitDays: route.transitDays, unitCosts: costs, estimatedUnitCost: costs.net + dispatchShare))
            }
        }
        return all
    }

    /// The paths no other path dominates, in their order. A path dominates another when it costs no more per
    /// parcel and claims nothing of the plan the other does not (see `PlanRules.claims`); `keep`, when given, dominates
    /// every path dearer than it. A plan that sends parcels on a dominated path does at least as well with them
    /// on the dominator: every lane, hub and capacity the dominator uses, the other used too. So dropping them
    /// leaves the plan MIP's optimum as it was, and a model of the same size holds more real choices.
    public func undominated(_ paths: [CandidatePath], keep: CandidatePath? = nil) -> [CandidatePath] {
        undominatedIndices(paths, keep: keep).map { paths[$0] }
    }

    /// The positions of `undominated(paths, keep:)` in `paths`, in order.
    func undominatedIndices(_ paths: [CandidatePath], keep: CandidatePath? = nil) -> [Int] {
        let cap = keep.map { $0.unitCosts.net } ?? .infinity
        let claims = paths.map(claims)
        let order = paths.indices.filter { paths[$0].unitCosts.net < cap }.sorted {
            let a = paths[$0].unitCosts.net, b = paths[$1].unitCosts.net
            if a != b { return a < b }
            return claims[$0].count != claims[$1].count ? claims[$0].count < claims[$1].count : $0 < $1
        }
        var kept: [Int] = []
        for p in order where !kept.contains(where: { Self.isSubset(claims[$0], of: claims[p]) }) { kept.append(p) }
        return kept.sorted()
    }

    /// What a path holds in the plan beyond its per-parcel cost (see `PlanRules.claims`).
    func claims(_ path: CandidatePath) -> [Int] { rules.claims(path) }

    static func isSubset(_ small: [Int], of large: [Int]) -> Bool {
        guard small.count <= large.count else { return false }
        var j = 0
        for x in small {
            while j < large.count, large[j] < x { j += 1 }
            guard j < large.count, large[j] == x else { return false }
            j += 1
        }
        return true
    }

    /// From candidates sorted by estimated cost: the first `limit`, then any that reaches a hub or disposition
    /// none of those does.
    public func select(_ sorted: [CandidatePath], limit: Int) -> [CandidatePath] {
        var chosen: [CandidatePath] = Array(sorted.prefix(limit))
        var covered = Set<String>()
        for path in chosen { covered.formUnion(coverageKeys(path)) }
        for path in sorted.dropFirst(limit) {
            let keys = coverageKeys(path)
            if !keys.isSubset(of: covered) {
                chosen.append(path)
                covered.formUnion(keys)
            }
        }
        return chosen
    }

    /// What a path keeps available to the optimiser: each hub it passes and its disposition.
    private func coverageKeys(_ path: CandidatePath) -> Set<String> {
        var keys: Set<String> = ["disposition:\(path.disposition.rawValue)"]
        for node in path.nodes where graph.nodes[node].kind == .hub { keys.insert("hub:\(node)") }
        return keys
    }
}
