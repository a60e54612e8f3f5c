import ReturnsNetwork

/// Groups commodities that face the same choices, so a large network plans as a model small enough to search or solve.
///
/// Zones of one country whose lanes lead to the same first nodes form a zone group; a group's commodities of
/// one category and condition form a cluster. Candidate paths are chosen per cluster (by volume-weighted
/// estimated cost), so every member has the same paths, differing only in its own first lane and prices. The
/// aggregated model gives each cluster one flow per path at the volume-weighted mean cost and weight; an
/// aggregated solution splits back to the members in proportion to their volumes with exactly the same cost,
/// lane loads and hub throughput, so a plan found on the aggregated model is a feasible plan of the full model
/// (whose candidate paths are these per-member paths).
public struct CommodityAggregation: Sendable {
    /// The aggregated commodities and paths.
    public let aggregated: CandidateSet
    /// The full commodities, each with its cluster's paths.
    public let full: CandidateSet
    /// Members (full commodity indices) of each cluster; a member's paths are in the cluster's path order.
    public let members: [[Int]]
    /// Every commodity with every route × disposition its zone offers (and `keep` where allowed): the widest
    /// model, on which `LagrangianBound` proves what no plan of the scenario can beat.
    public let everyRoute: CandidateSet

    /// Where a path goes after its first lane: the key under which members' paths are matched.
    static func signature(_ path: CandidatePath, graph: ReturnsGraph) -> [Int] {
        guard !path.isKeep, let first = path.lanes.first else { return [-1] }
        let dropFirst = graph.lanes[first].mode == .parcel
        let lanes = dropFirst ? Array(path.lanes.dropFirst()) : path.lanes
        let start = dropFirst ? [path.nodes[1]] : []
        return [DispositionKind.allCases.firstIndex(of: path.disposition) ?? 0, -2] + start + [-3] + lanes
    }

    public init(_ scenario: Scenario) {
        let graph = ReturnsGraph(scenario)
        let generator = PathGenerator(graph)
        let commodities = Commodity.all(in: scenario)

        // Zone groups: country and the sorted targets of the zone's own lanes.
        var groupOfZone: [Int: Int] = [:]
        var groupIndex: [[String]: Int] = [:]
        var routesByZone: [Int: [PathGenerator.Route]] = [:]
        for (index, node) in graph.nodes.enumerated() where node.kind == .zone {
            let targets = graph.outgoing[index].map { "\(graph.lanes[$0].to)|\(graph.lanes[$0].mode.rawValue)" }.sorted()
            let key = [node.country] + targets
            if let group = groupIndex[key] {
                groupOfZone[index] = group
            } else {
                groupIndex[key] = groupIndex.count
                groupOfZone[index] = groupIndex.count - 1
            }
        }

        struct Key: Hashable {
            var group: Int
            var category: String
            var resellable: Bool
            var keepOnly: Bool
            /// Members of a cluster share whether they may be kept (`PathGenerator.mayKeep`).
            var mayKeep: Bool
        }
        var clusterOf: [Key: Int] = [:]
        var members: [[Int]] = []
        var clusterGroup: [Int] = []
        var candidatesOf: [[CandidatePath]] = Array(repeating: [], count: commodities.count)
        for (k, commodity) in commodities.enumerated() {
            let zone = graph.nodeIndex[commodity.zone] ?? 0
            let keepOnly = generator.keepOnly(commodity)
            if !keepOnly {
                if routesByZone[zone] == nil { routesByZone[zone] = generator.routes(from: zone) }
                candidatesOf[k] = generator.allCandidates(for: commodity, routes: routesByZone[zone] ?? [])
            }
            let key = Key(group: groupOfZone[zone] ?? -1, category: commodity.category, resellable: commodity.resellable, keepOnly: keepOnly, mayKeep: generator.mayKeep(commodity))
            if let cluster = clusterOf[key] {
                members[cluster].append(k)
            } else {
                clusterOf[key] = members.count
                members.append([k])
                clusterGroup.append(key.group)
            }
        }

        var fullPaths: [[CandidatePath]] = Array(repeating: [], count: commodities.count)
        var aggregatedCommodities: [Commodity] = []
        var aggregatedPaths: [[CandidatePath]] = []
        for group in members {
            let total = group.reduce(0) { $0 + commodities[$1].parcels }
            let first = commodities[group[0]]
            let allowKeep = generator.mayKeep(first)
            let weight = group.reduce(0) { $0 + commodities[$1].parcels * commodities[$1].meanWeightKg } / total
            let value = group.reduce(0) { $0 + commodities[$1].parcels * commodities[$1].meanValue } / total
            let representative = Commodity(zone: first.zone, category: first.category, resellable: first.resellable, parcels: total, meanWeightKg: weight, meanValue: value)
            aggregatedCommodities.append(representative)

            // Signatures every member has, scored by volume-weighted estimated cost.
            let lookups: [[[Int]: Int]] = group.map { k in
                Dictionary(candidatesOf[k].enumerated().map { (Self.signature($1, graph: graph), $0) }, uniquingKeysWith: { a, _ in a })
            }
            var shared: [(signature: [Int], path: CandidatePath, indices: [Int])] = []
            for (p, path) in candidatesOf[group[0]].enumerated() {
                let signature = Self.signature(path, graph: graph)
                guard lookups[0][signature] == p else { continue }
                let indices = lookups.map { $0[signature] ?? -1 }
                guard !indices.contains(-1) else { continue }
                var mean = path
                var costs = CostBreakdown()
                var transit = 0.0, estimate = 0.0
                for (m, k) in group.enumerated() {
                    let share = commodities[k].parcels / total
                    let memberPath = candidatesOf[k][indices[m]]
                    costs = costs + memberPath.unitCosts * share
                    transit += memberPath.transitDays * share
                    estimate += memberPath.estimatedUnitCost * share
                }
                mean.unitCosts = costs
                mean.transitDays = transit
                mean.estimatedUnitCost = estimate
                shared.append((signature, mean, indices))
            }
            // Paths another one dominates at the cluster's mean costs give the aggregated model nothing.
            shared = generator.undominatedIndices(shared.map(\.path), keep: allowKeep ? generator.keep(representative) : nil).map { shared[$0] }
            shared.sort { $0.path.estimatedUnitCost < $1.path.estimatedUnitCost }
            let chosen = generator.select(shared.map(\.path), limit: scenario.settings.pathsPerCommodity)
            let chosenSet = Set(chosen.map { Self.signature($0, graph: graph) })
            var clusterPaths: [CandidatePath] = []
            for entry in shared where chosenSet.contains(entry.signature) {
                clusterPaths.append(entry.path)
                for (m, k) in group.enumerated() { fullPaths[k].append(candidatesOf[k][entry.indices[m]]) }
            }
            if allowKeep || clusterPaths.isEmpty && first.parcels > 0 && generator.keepOnly(first) {
                clusterPaths.append(generator.keep(representative))
                for k in group { fullPaths[k].append(generator.keep(commodities[k])) }
            }
            aggregatedPaths.append(clusterPaths)
        }
        self.members = members
        everyRoute = CandidateSet(graph: graph, commodities: commodities, paths: commodities.indices.map { k in
            if candidatesOf[k].isEmpty && generator.keepOnly(commodities[k]) { return [generator.keep(commodities[k])] }
            // Dominated routes change no plan's best cost (see `PathGenerator.undominated`): about half of them here.
            guard generator.mayKeep(commodities[k]) else { return generator.undominated(candidatesOf[k]) }
            let keep = generator.keep(commodities[k])
            return generator.undominated(candidatesOf[k], keep: keep) + [keep]
        })
        full = CandidateSet(graph: graph, commodities: commodities, paths: fullPaths)
        // Single-sourcing ties a zone group to one hub, so that each zone in it, whatever its clusters, keeps to one.
        aggregated = CandidateSet(graph: graph, commodities: aggregatedCommodities, paths: aggregatedPaths, sourcingUnits: clusterGroup)
    }

    /// Flows over `full` carried onto `everyRoute`: each path's flow to the same route, or, where `everyRoute` dropped
    /// it as dominated, to a route that dominates it (no dearer per parcel, holding nothing it does not), so the plan
    /// stays feasible and costs no more. Empty if some flow found no such route.
    public func onEveryRoute(_ flows: [[Double]]) -> [[Double]] {
        let generator = PathGenerator(full.graph)
        struct Key: Hashable {
            var nodes: [Int]
            var lanes: [Int]
            var disposition: DispositionKind
        }
        var result = everyRoute.paths.map { Array(repeating: 0.0, count: $0.count) }
        for (k, paths) in full.paths.enumerated() {
            let routes = everyRoute.paths[k]
            var index: [Key: Int] = [:]
            for (q, route) in routes.enumerated() { index[Key(nodes: route.nodes, lanes: route.lanes, disposition: route.disposition)] = q }
            for (p, path) in paths.enumerated() where flows[k][p] > 0 {
                if let q = index[Key(nodes: path.nodes, lanes: path.lanes, disposition: path.disposition)] {
                    result[k][q] += flows[k][p]
                    continue
                }
                let claims = generator.claims(path)
                let dominator = routes.indices.filter { routes[$0].unitCosts.net <= path.unitCosts.net && PathGenerator.isSubset(generator.claims(routes[$0]), of: claims) }
                    .min { routes[$0].unitCosts.net < routes[$1].unitCosts.net }
                // Every dropped route has a dominator among those kept; were one missing, the plan stays on `full`.
                guard let q = dominator else { return [] }
                result[k][q] += flows[k][p]
            }
        }
        return result
    }

    /// Splits aggregated flows back to the members in proportion to their volumes.
    public func disaggregate(_ flows: [[Double]]) -> [[Double]] {
        var result = full.paths.map { Array(repeating: 0.0, count: $0.count) }
        for (cluster, group) in members.enumerated() {
            let total = aggregated.commodities[cluster].parcels
            for (p, amount) in flows[cluster].enumerated() where amount > 0 {
                for k in group { result[k][p] += amount * full.commodities[k].parcels / total }
            }
        }
        return result
    }
}
