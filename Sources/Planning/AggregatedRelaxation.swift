import MIP
import ReturnsNetwork

/// A relaxation of the full plan MIP on the aggregated clusters, whose proven bound is a valid lower bound on
/// the cost of every plan of the full model.
///
/// A member k's cost on path p is `a[k,p] + b[k,p]·weight[k] + g[k,p]·value[k]` (per-parcel terms, per-kg
/// freight, and duty minus recovered value). Per cluster and path the relaxation has three columns: parcels
/// `F`, kg `W` and declared value `V`, priced at the members' minima of `a`, `b` and `g`; each cluster's kg and
/// value must be placed somewhere, between the lightest and heaviest (cheapest and dearest) member per parcel.
/// Any full plan maps onto it (F, W, V summed over members) at no higher cost and with the same lane loads, so
/// its optimum — and any bound GLPK proves on it — bounds the full model from below. Single-sourcing rows are
/// left out, which only relaxes it further.
public struct AggregatedRelaxation: Sendable {
    public let model: Model

    public init(_ aggregation: CommodityAggregation, options: PlanOptions = PlanOptions()) {
        let full = aggregation.full
        let graph = full.graph
        let costing = RouteCosting(graph)
        var model = Model(name: "boomerang_relaxation", sense: .minimize)

        let open = PlanModel.addHubOpening(&model, graph: graph, options: options)
        let rules = PlanRules(graph, options: options)

        // Each limit counts the parcels F, or the kg W, of the paths that pass it.
        var limitTerms = Array(repeating: [(Variable, Double)](), count: rules.limits.count)
        var laneLoad: [Int: (kg: Double, parcels: Double)] = [:]
        var links: [(flow: Variable, volume: Double, hubs: [Int], lanes: [Int])] = []
        for (cluster, group) in aggregation.members.enumerated() {
            let volume = aggregation.aggregated.commodities[cluster].parcels
            let weights = group.map { full.commodities[$0].meanWeightKg }
            let values = group.map { full.commodities[$0].meanValue }
            let totalKg = group.reduce(0) { $0 + full.commodities[$1].parcels * full.commodities[$1].meanWeightKg }
            let totalValue = group.reduce(0) { $0 + full.commodities[$1].parcels * full.commodities[$1].meanValue }
            let (wMin, wMax) = (weights.min() ?? 0, weights.max() ?? 0)
            let (vMin, vMax) = (values.min() ?? 0, values.max() ?? 0)
            var parcelTerms: [(Variable, Double)] = []
            var kgTerms: [(Variable, Double)] = []
            var valueTerms: [(Variable, Double)] = []
            let paths = aggregation.aggregated.paths[cluster]
            // Per-parcel terms a[k,p], and each member's offset α[k] (its mean excess over the cluster on the paths
            // that travel): Σ a·f = Σ α·q + Σ (a − α)·f ≥ Σ α·q + Σ_p min_k(a − α)·F for any α, so a member that is
            // dearer on every path (a zone far from all first nodes) no longer drags every path's price down.
            let perParcel: [[Double]] = group.map { k in
                paths.indices.map { p in
                    let memberPath = full.paths[k][p]
                    let b = memberPath.lanes.reduce(0) { $0 + costing.laneKg[$1] }
                    let valuePart = memberPath.unitCosts.duty - memberPath.unitCosts.recoveredValue
                    return memberPath.unitCosts.net - b * full.commodities[k].meanWeightKg - valuePart
                }
            }
            let travelling = paths.indices.filter { !paths[$0].isKeep }
            let clusterMean = paths.indices.map { p in perParcel.reduce(0) { $0 + $1[p] } / Double(group.count) }
            let offset: [Double] = perParcel.map { row in
                travelling.isEmpty ? 0 : travelling.reduce(0) { $0 + row[$1] - clusterMean[$1] } / Double(travelling.count)
            }
            for (m, k) in group.enumerated() { model.objectiveConstant += offset[m] * full.commodities[k].parcels }
            // The same for the per-kg terms, on the kg each member brings.
            let perKg: [[Double]] = group.map { k in paths.indices.map { p in full.paths[k][p].lanes.reduce(0) { $0 + costing.laneKg[$1] } } }
            let clusterKgMean = paths.indices.map { p in perKg.reduce(0) { $0 + $1[p] } / Double(group.count) }
            let kgOffset: [Double] = perKg.map { row in
                travelling.isEmpty ? 0 : travelling.reduce(0) { $0 + row[$1] - clusterKgMean[$1] } / Double(travelling.count)
            }
            for (m, k) in group.enumerated() { model.objectiveConstant += kgOffset[m] * full.commodities[k].parcels * full.commodities[k].meanWeightKg }
            for (p, path) in paths.enumerated() {
                var aMin = Double.infinity, bMin = Double.infinity, gMin = Double.infinity
                for (m, k) in group.enumerated() {
                    let memberPath = full.paths[k][p]
                    let commodity = full.commodities[k]
                    let b = memberPath.lanes.reduce(0) { $0 + costing.laneKg[$1] }
                    let valuePart = memberPath.unitCosts.duty - memberPath.unitCosts.recoveredValue
                    let g = commodity.meanValue > 0 ? valuePart / commodity.meanValue : 0
                    aMin = min(aMin, perParcel[m][p] - offset[m])
                    bMin = min(bMin, b - kgOffset[m])
                    gMin = min(gMin, g)
                }
                let f = model.addVariable("F_\(cluster)_\(p)", objective: aMin)
                let w = model.addVariable("W_\(cluster)_\(p)", objective: bMin)
                let v = model.addVariable("V_\(cluster)_\(p)", objective: gMin)
                parcelTerms.append((f, 1))
                kgTerms.append((w, 1))
                valueTerms.append((v, 1))
                model.addConstraint("wlo_\(cluster)_\(p)", [(w, 1), (f, -wMin)], .greaterEqual(0))
                model.addConstraint("whi_\(cluster)_\(p)", [(w, 1), (f, -wMax)], .lessEqual(0))
                model.addConstraint("vlo_\(cluster)_\(p)", [(v, 1), (f, -vMin)], .greaterEqual(0))
                model.addConstraint("vhi_\(cluster)_\(p)", [(v, 1), (f, -vMax)], .lessEqual(0))
                for lane in path.lanes where rules.hasDispatches(lane) {
                    let load = laneLoad[lane] ?? (0, 0)
                    laneLoad[lane] = (load.kg + volume * wMax, load.parcels + volume)
                }
                for limit in rules.limits(of: path) { limitTerms[limit].append((rules.limits[limit].measure == .kg ? w : f, 1)) }
                links.append((f, volume, path.nodes.filter { open[$0] != nil }.uniqued(), path.lanes.filter { rules.hasDispatches($0) }))
            }
            model.addConstraint("demand_\(cluster)", parcelTerms, .equal(volume))
            model.addConstraint("kg_\(cluster)", kgTerms, .equal(totalKg))
            model.addConstraint("value_\(cluster)", valueTerms, .equal(totalValue))
        }

        let totalVolume = aggregation.aggregated.commodities.reduce(0) { $0 + $1.parcels }
        let (dispatches, _) = PlanModel.addLimits(&model, rules: rules, terms: limitTerms, load: laneLoad, open: open, totalVolume: totalVolume)
        if options.strongLinking {
            for (index, link) in links.enumerated() {
                for hub in link.hubs { if let y = open[hub] { model.addConstraint("link_\(index)_\(hub)", [(link.flow, 1), (y, -link.volume)], .lessEqual(0)) } }
                for lane in link.lanes { if let n = dispatches[lane] { model.addConstraint("lanelink_\(index)_\(lane)", [(link.flow, 1), (n, -link.volume)], .lessEqual(0)) } }
            }
        }
        self.model = model
    }
}
