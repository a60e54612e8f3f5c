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
        let scenario = graph.scenario
        let costing = RouteCosting(graph)
        var model = Model(name: "boomerang_relaxation", sense: .minimize)

        var open: [Int: Variable] = [:]
        for (index, node) in graph.nodes.enumerated() where node.kind == .hub && node.isCandidate {
            var lower = 0.0, upper = 1.0
            if let fixed = options.openHubs { (lower, upper) = fixed.contains(node.id) ? (1, 1) : (0, 0) }
            open[index] = model.addVariable("open_\(node.id)", kind: .binary, lower: lower, upper: upper, objective: scenario.value(node.fixedCost))
        }
        if let count = options.hubCount, !open.isEmpty {
            model.addConstraint("hub_count", open.keys.sorted().compactMap { open[$0].map { ($0, 1.0) } }, .equal(Double(count)))
        }

        var laneKg: [Int: [(Variable, Double)]] = [:]
        var laneParcels: [Int: [(Variable, Double)]] = [:]
        var laneLoad: [Int: (kg: Double, parcels: Double)] = [:]
        var nodeParcels: [Int: [(Variable, Double)]] = [:]
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
            for (p, path) in aggregation.aggregated.paths[cluster].enumerated() {
                var aMin = Double.infinity, bMin = Double.infinity, gMin = Double.infinity
                for k in group {
                    let memberPath = full.paths[k][p]
                    let commodity = full.commodities[k]
                    let b = memberPath.lanes.reduce(0) { $0 + costing.laneKg[$1] }
                    let valuePart = memberPath.unitCosts.duty - memberPath.unitCosts.recoveredValue
                    let g = commodity.meanValue > 0 ? valuePart / commodity.meanValue : 0
                    let a = memberPath.unitCosts.net - b * commodity.meanWeightKg - valuePart
                    aMin = min(aMin, a)
                    bMin = min(bMin, b)
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
                for lane in path.lanes where graph.lanes[lane].mode == .consolidated {
                    laneKg[lane, default: []].append((w, 1))
                    laneParcels[lane, default: []].append((f, 1))
                    let load = laneLoad[lane] ?? (0, 0)
                    laneLoad[lane] = (load.kg + volume * wMax, load.parcels + volume)
                }
                for node in path.nodes.dropFirst() { nodeParcels[node, default: []].append((f, 1)) }
                links.append((f, volume, path.nodes.filter { open[$0] != nil }.uniqued(), path.lanes.filter { graph.lanes[$0].mode == .consolidated }))
            }
            model.addConstraint("demand_\(cluster)", parcelTerms, .equal(volume))
            model.addConstraint("kg_\(cluster)", kgTerms, .equal(totalKg))
            model.addConstraint("value_\(cluster)", valueTerms, .equal(totalValue))
        }

        var dispatches: [Int: Variable] = [:]
        for lane in laneKg.keys.sorted() {
            let spec = graph.lanes[lane]
            let load = laneLoad[lane] ?? (0, 0)
            var needed = 0.0
            if let kg = spec.capacityKg, kg > 0 { needed = max(needed, (load.kg / kg).rounded(.up)) }
            if let parcels = spec.capacityParcels, parcels > 0 { needed = max(needed, (load.parcels / parcels).rounded(.up)) }
            let upper = spec.maxDispatches.map(Double.init) ?? max(needed, 1)
            let n = model.addVariable("n_\(spec.id)", kind: .integer, lower: 0, upper: upper, objective: costing.dispatchCost(lane: lane) + costing.brokeragePerEntry(lane: lane))
            dispatches[lane] = n
            if let kg = spec.capacityKg, kg > 0 { model.addConstraint("kg_\(spec.id)", (laneKg[lane] ?? []) + [(n, -kg)], .lessEqual(0)) }
            if let parcels = spec.capacityParcels, parcels > 0 { model.addConstraint("parcels_\(spec.id)", (laneParcels[lane] ?? []) + [(n, -parcels)], .lessEqual(0)) }
            for end in [graph.from(lane), graph.to(lane)] {
                if let hub = open[end] { model.addConstraint("lane_open_\(spec.id)_\(graph.nodes[end].id)", [(n, 1), (hub, -upper)], .lessEqual(0)) }
            }
        }
        let totalVolume = aggregation.aggregated.commodities.reduce(0) { $0 + $1.parcels }
        for node in nodeParcels.keys.sorted() {
            let spec = graph.nodes[node]
            let terms = nodeParcels[node] ?? []
            if let hub = open[node] {
                model.addConstraint("cap_\(spec.id)", terms + [(hub, -(spec.capacityParcels ?? totalVolume))], .lessEqual(0))
            } else if let capacity = spec.capacityParcels {
                model.addConstraint("cap_\(spec.id)", terms, .lessEqual(capacity))
            }
        }
        if options.strongLinking {
            for (index, link) in links.enumerated() {
                for hub in link.hubs { if let y = open[hub] { model.addConstraint("link_\(index)_\(hub)", [(link.flow, 1), (y, -link.volume)], .lessEqual(0)) } }
                for lane in link.lanes { if let n = dispatches[lane] { model.addConstraint("lanelink_\(index)_\(lane)", [(link.flow, 1), (n, -link.volume)], .lessEqual(0)) } }
            }
        }
        self.model = model
    }
}
