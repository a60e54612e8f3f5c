import ReturnsNetwork

/// A lower bound on the plan MIP of a candidate set, by Lagrangian relaxation and subgradient ascent.
///
/// The demand rows (multiplier `u[k]`, free), the lanes' kg and parcel rows (`λ`, `μ` ≥ 0) and the other limits
/// of `PlanRules` — node capacities and per-period lane capacities (`ν` ≥ 0) — are moved into the objective. What is
/// left splits into one small problem per facility: each path belongs to its first consolidated lane (else its first candidate hub), each lane to a
/// candidate hub at one of its ends, and with the multipliers fixed
/// - a path carries its whole volume when its reduced cost is negative and its owner is in use;
/// - a lane runs `n ∈ {0…U}` dispatches: `n = U` when a dispatch's reduced price is negative, else `n = 1` if
///   what its paths save pays for one, else none; a path over two lanes of one hub (a drop-off truck to the
///   hub, then a truck on) needs both running, so each hub tries every on/off choice of such first lanes;
/// - a hub opens when its fixed cost less what its lanes and paths save is negative (or, under `hubCount`,
///   the `k` best open).
///
/// Dropping the links between a path and the facilities it does not belong to, and the single-sourcing rows,
/// only relaxes it further, so every value computed is a valid lower bound on the model's optimum. With the
/// dispatch counts integral in each small problem it is at least as strong as the LP bound of the strong
/// formulation, and needs no LP: an iteration is two passes over the paths.
///
/// Run it on every route the network offers (`CommodityAggregation.everyRoute`) and the bound holds for every plan
/// of the scenario within its route limits, not just for the paths a plan model kept.
public struct LagrangianBound: Sendable {
    /// What a run found.
    public struct Result: Sendable {
        /// The best (highest) lower bound found.
        public var bound: Double
        public var iterations: Int
        public var seconds: Double
        /// Candidate hubs (node indices) open in the small problems at the best bound.
        public var openHubs: [Int]
    }

    // Commodities.
    let volume: [Double]
    let weight: [Double]
    // Paths, flat: commodity, cost, owner, and ranges into `pathLanes` and `pathRows`.
    let pathCommodity: [Int32]
    let pathCost: [Double]
    /// Owner: lane slot ≥ 0, hub slot as `-2 - slot`, or -1 for none.
    let pathOwner: [Int32]
    /// For a path over two consolidated lanes of one hub (a drop-off truck in, a truck on): its pair, else -1.
    let pathPair: [Int32]
    let laneStart: [Int32]
    let pathLanes: [Int32]
    let rowStart: [Int32]
    let pathRows: [Int32]
    /// Rows a path counts its kg against (per-period kg limits of its lanes), as ranges like `pathRows`.
    let kgRowStart: [Int32]
    let pathKgRows: [Int32]
    // Lanes with a dispatch variable.
    let laneCost: [Double]
    let laneUpper: [Double]
    let laneCapKg: [Double]
    let laneCapParcels: [Double]
    /// Hub slot owning the lane, or -1.
    let laneHub: [Int32]
    // Candidate hubs.
    let hubNode: [Int]
    let hubFixed: [Double]
    /// Fixed costs of the hubs that are always open (`ReturnsGraph.standingHubCost`).
    let standingHubCost: Double
    /// Forced state: 1 open, 0 closed, -1 free.
    let hubForced: [Int8]
    let hubCount: Int?
    // Limit rows other than dispatch capacities (`PlanRules`: node capacities, then per-period lane capacities):
    // capacity, and the hub slot whose opening multiplies it (or -1).
    let rowCapacity: [Double]
    let rowHub: [Int32]
    /// Cheapest estimated unit cost per commodity: the starting demand prices.
    let startPrice: [Double]
    // Lane pairs (first, second) whose paths need both lanes running; per hub, its pairs' first lanes (whose
    // on/off choices are enumerated, at most `maxFirstLanes`), its other lanes, and its pairs.
    let pairFirst: [Int32]
    let pairSecond: [Int32]
    /// Position of the pair's first lane in its hub's `hubFirstLanes`.
    let pairFirstIndex: [Int32]
    let hubFirstLanes: [[Int]]
    let hubOtherLanes: [[Int]]
    let hubPairs: [[Int]]
    static let maxFirstLanes = 6

    /// The relaxation of `PlanModel(candidates:options:)` (every option but `strongLinking` is honoured;
    /// the bound holds with or without it).
    public init(candidates: CandidateSet, options: PlanOptions = PlanOptions()) {
        let graph = candidates.graph
        let costing = RouteCosting(graph)
        let rules = PlanRules(graph, options: options)
        let commodities = candidates.commodities
        volume = commodities.map(\.parcels)
        weight = commodities.map(\.meanWeightKg)

        // Candidate hubs.
        var hubSlot: [Int: Int] = [:]
        var hubNode: [Int] = [], hubFixed: [Double] = [], hubForced: [Int8] = []
        for (index, node) in graph.nodes.enumerated() where node.kind == .hub && node.isCandidate {
            hubSlot[index] = hubNode.count
            hubNode.append(index)
            hubFixed.append(graph.scenario.value(node.fixedCost))
            if let fixed = options.openHubs { hubForced.append(fixed.contains(node.id) ? 1 : 0) } else { hubForced.append(-1) }
        }
        self.hubNode = hubNode
        self.hubFixed = hubFixed
        standingHubCost = graph.standingHubCost
        self.hubForced = hubForced
        hubCount = hubNode.isEmpty ? nil : options.hubCount

        // Lanes with a dispatch variable: consolidated lanes some path uses, with PlanModel's upper bound.
        var laneSlot: [Int: Int] = [:]
        var load: [Int: (kg: Double, parcels: Double)] = [:]
        for (k, paths) in candidates.paths.enumerated() {
            for path in paths {
                for lane in path.lanes where rules.hasDispatches(lane) {
                    let current = load[lane] ?? (0, 0)
                    load[lane] = (current.kg + commodities[k].parcels * commodities[k].meanWeightKg, current.parcels + commodities[k].parcels)
                }
            }
        }
        var laneCost: [Double] = [], laneUpper: [Double] = [], laneCapKg: [Double] = [], laneCapParcels: [Double] = [], laneHub: [Int32] = []
        for lane in load.keys.sorted() {
            laneSlot[lane] = laneCost.count
            laneCost.append(costing.dispatchPrice(lane: lane))
            laneUpper.append(rules.dispatchUpper(lane: lane, most: load[lane] ?? (0, 0)))
            let perDispatch = rules.limits(onLane: lane).filter { rules.limits[$0].scale == .perDispatch }
            laneCapKg.append(perDispatch.first { rules.limits[$0].measure == .kg }.flatMap { rules.limits[$0].capacity } ?? 0)
            laneCapParcels.append(perDispatch.first { rules.limits[$0].measure == .parcels }.flatMap { rules.limits[$0].capacity } ?? 0)
            let hub = rules.laneHubs[lane].first.flatMap { hubSlot[$0] } ?? -1
            laneHub.append(Int32(hub))
        }
        self.laneCost = laneCost
        self.laneUpper = laneUpper
        self.laneCapKg = laneCapKg
        self.laneCapParcels = laneCapParcels
        self.laneHub = laneHub

        // The other limit rows, as PlanModel makes them.
        let totalVolume = volume.reduce(0, +)
        var rowOf = Array(repeating: -1, count: rules.limits.count)
        var rowCapacity: [Double] = [], rowHub: [Int32] = []
        for (limit, spec) in rules.limits.enumerated() where spec.scale != .perDispatch {
            rowOf[limit] = rowCapacity.count
            rowCapacity.append(rules.capacity(limit, dispatches: 0, open: true, unlimited: totalVolume))
            if case let .node(node) = spec.place, spec.scale == .whileOpen { rowHub.append(Int32(hubSlot[node] ?? -1)) } else { rowHub.append(-1) }
        }
        self.rowCapacity = rowCapacity
        self.rowHub = rowHub

        // Lane pairs: a path over exactly two consolidated lanes owned by one hub needs both running. A hub's first
        // lanes (the pairs' first lanes) are enumerated on and off, so a hub with more than `maxFirstLanes` of them
        // keeps only its busiest pairs' links and its other such paths belong to their first lane alone (a further
        // relaxation, still valid).
        var pairVolume: [[Int32]: Double] = [:]
        for (k, paths) in candidates.paths.enumerated() {
            for path in paths {
                let slots = path.lanes.compactMap { laneSlot[$0] }
                guard slots.count == 2, laneHub[slots[0]] >= 0, laneHub[slots[0]] == laneHub[slots[1]], slots[0] != slots[1] else { continue }
                pairVolume[[Int32(slots[0]), Int32(slots[1])], default: 0] += commodities[k].parcels
            }
        }
        var hubFirstLanes = Array(repeating: [Int](), count: hubNode.count)
        var pairIndex: [[Int32]: Int] = [:]
        var pairFirst: [Int32] = [], pairSecond: [Int32] = [], pairFirstIndex: [Int32] = []
        var hubPairs = Array(repeating: [Int](), count: hubNode.count)
        for (pair, _) in pairVolume.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key.lexicographicallyPrecedes($1.key) }) {
            let first = Int(pair[0]), hub = Int(laneHub[first])
            var position = hubFirstLanes[hub].firstIndex(of: first)
            if position == nil, hubFirstLanes[hub].count < Self.maxFirstLanes {
                hubFirstLanes[hub].append(first)
                position = hubFirstLanes[hub].count - 1
            }
            guard let position else { continue }
            pairIndex[pair] = pairFirst.count
            hubPairs[hub].append(pairFirst.count)
            pairFirst.append(pair[0])
            pairSecond.append(pair[1])
            pairFirstIndex.append(Int32(position))
        }
        var hubOtherLanes = Array(repeating: [Int](), count: hubNode.count)
        for l in laneCost.indices where laneHub[l] >= 0 {
            let hub = Int(laneHub[l])
            if !hubFirstLanes[hub].contains(l) { hubOtherLanes[hub].append(l) }
        }
        self.pairFirst = pairFirst
        self.pairSecond = pairSecond
        self.pairFirstIndex = pairFirstIndex
        self.hubFirstLanes = hubFirstLanes
        self.hubOtherLanes = hubOtherLanes
        self.hubPairs = hubPairs

        // Paths.
        var pathCommodity: [Int32] = [], pathCost: [Double] = [], pathOwner: [Int32] = [], pathPair: [Int32] = []
        var laneStart: [Int32] = [0], pathLanes: [Int32] = [], rowStart: [Int32] = [0], pathRows: [Int32] = []
        var kgRowStart: [Int32] = [0], pathKgRows: [Int32] = []
        var startPrice: [Double] = []
        for (k, paths) in candidates.paths.enumerated() {
            var cheapest = Double.infinity
            for path in paths {
                pathCommodity.append(Int32(k))
                pathCost.append(path.unitCosts.net)
                cheapest = min(cheapest, path.estimatedUnitCost)
                var owner: Int32 = -1
                var slots: [Int32] = []
                for lane in path.lanes {
                    guard let slot = laneSlot[lane] else { continue }
                    pathLanes.append(Int32(slot))
                    slots.append(Int32(slot))
                    if owner == -1 { owner = Int32(slot) }
                }
                if owner == -1, let hub = path.nodes.lazy.compactMap({ hubSlot[$0] }).first { owner = Int32(-2 - hub) }
                pathOwner.append(owner)
                pathPair.append(slots.count == 2 ? Int32(pairIndex[slots] ?? -1) : -1)
                laneStart.append(Int32(pathLanes.count))
                // The path's limits in `PlanRules.limits(of:)` order, without building that array for each path.
                func addRows(_ limits: [Int]) {
                    for limit in limits {
                        let row = rowOf[limit]
                        guard row >= 0 else { continue }
                        if rules.limits[limit].measure == .kg { pathKgRows.append(Int32(row)) } else { pathRows.append(Int32(row)) }
                    }
                }
                for node in path.nodes.dropFirst() { addRows(rules.limits(atNode: node)) }
                for lane in path.lanes { addRows(rules.limits(onLane: lane)) }
                rowStart.append(Int32(pathRows.count))
                kgRowStart.append(Int32(pathKgRows.count))
            }
            startPrice.append(cheapest.isFinite ? cheapest : 0)
        }
        self.pathCommodity = pathCommodity
        self.pathCost = pathCost
        self.pathOwner = pathOwner
        self.pathPair = pathPair
        self.laneStart = laneStart
        self.pathLanes = pathLanes
        self.rowStart = rowStart
        self.pathRows = pathRows
        self.kgRowStart = kgRowStart
        self.pathKgRows = pathKgRows
        self.startPrice = startPrice
    }

    /// Subgradient ascent until `timeLimit` seconds pass, the step dies out, or the bound is within `targetGap`
    /// of the incumbent. `incumbent` is asked each iteration for the best plan cost known (it may come from a
    /// solve running at the same time); without one, the step aims a little above the best bound. `improved` hears
    /// each better bound.
    public func solve(timeLimit: Double, targetGap: Double = 0, maxIterations: Int = 100_000, incumbent: () -> Double? = { nil }, stop: () -> Bool = { false }, improved: (Double) -> Void = { _ in }) -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        let commodityCount = volume.count, paths = pathCost.count, lanes = laneCost.count, hubs = hubNode.count, rows = rowCapacity.count

        // Multipliers, each scaled to its row divided by its right-hand side (demand by volume, kg and parcels by one
        // dispatch's capacity, nodes by capacity), so one step size suits all of them.
        // The hot loops run over plain buffers (no bounds checks, no copy-on-write checks): 3.3 ms a step against 6.0 ms on the 2,000-zone network.
        let buffers = ScratchBuffers()
        defer { buffers.free() }
        let volume = buffers.copy(volume), weight = buffers.copy(weight)
        let pathCommodity = buffers.copy(pathCommodity), pathCost = buffers.copy(pathCost), pathOwner = buffers.copy(pathOwner)
        let pathPair = buffers.copy(pathPair), laneStart = buffers.copy(laneStart), pathLanes = buffers.copy(pathLanes)
        let rowStart = buffers.copy(rowStart), pathRows = buffers.copy(pathRows)
        let kgRowStart = buffers.copy(kgRowStart), pathKgRows = buffers.copy(pathKgRows)
        let price = buffers.copy(startPrice)                      // u[k] per parcel
        let kgPrice = buffers.zeros(lanes)                        // λ per kg
        let parcelPrice = buffers.zeros(lanes)                    // μ per parcel
        let rowPrice = buffers.zeros(rows)                        // ν per parcel
        let bestPrice = buffers.copy(startPrice), bestKgPrice = buffers.zeros(lanes), bestParcelPrice = buffers.zeros(lanes), bestRowPrice = buffers.zeros(rows)

        let reduced = buffers.zeros(paths)
        let laneSaving = buffers.zeros(lanes)
        let dispatches = buffers.zeros(lanes)
        let hubValue = buffers.zeros(hubs)
        var open = Array(repeating: false, count: hubs)
        let carried = buffers.zeros(commodityCount)
        let laneKgLoad = buffers.zeros(lanes)
        let laneParcelLoad = buffers.zeros(lanes)
        let rowLoad = buffers.zeros(rows)
        var hubOrder = Array(0..<hubs)
        let direction = buffers.zeros(commodityCount)
        let laneKgDirection = buffers.zeros(lanes)
        let laneParcelDirection = buffers.zeros(lanes)
        let rowDirection = buffers.zeros(rows)
        // Measured on the 2,000-zone network: a deflection of 0.5 ends 1.4 % higher than plain steps (0.7 overshoots
        // and stalls). Halving the step only after 300 iterations without progress, from the best multipliers, ends at
        // −4,612,760 in 58 s, against −4,614,011 (200), −4,617,942 (100) and −4,627,288 (50, where it dies in 20 s).
        let deflection = 0.5
        let patience = 300

        let pairCount = pairFirst.count
        let pairSaving = buffers.zeros(pairCount)
        let runningCount = buffers.zeros(lanes)
        let runningCost = buffers.zeros(lanes)
        let extra = buffers.zeros(lanes)
        /// Value of hub h's lanes when exactly the first lanes in `mask` run (and the others run if that pays);
        /// with `choose`, also sets their dispatch counts.
        func hubLanesValue(_ h: Int, mask: Int, firstLanes: [Int], choose: Bool = false) -> Double {
            var v = 0.0
            for pair in hubPairs[h] where mask & (1 << Int(pairFirstIndex[pair])) != 0 { extra[Int(pairSecond[pair])] += pairSaving[pair] }
            for (i, a) in firstLanes.enumerated() {
                let on = mask & (1 << i) != 0
                if on { v += runningCost[a] + laneSaving[a] + extra[a] }
                if choose { dispatches[a] = on ? runningCount[a] : 0 }
            }
            for b in hubOtherLanes[h] {
                let running = runningCost[b] + laneSaving[b] + extra[b]
                if running < 0 { v += running }
                if choose { dispatches[b] = running < 0 ? runningCount[b] : 0 }
            }
            for pair in hubPairs[h] { extra[Int(pairSecond[pair])] = 0 }
            return v
        }

        var best = -Double.infinity
        var bestOpen: [Int] = []
        var theta = 1.0
        var sinceImprovement = 0
        var iteration = 0
        while iteration < maxIterations {
            iteration += 1
            // Reduced cost of every path; what each owner's paths save.
            for l in 0..<lanes { laneSaving[l] = 0 }
            for i in 0..<pairCount { pairSaving[i] = 0 }
            for h in 0..<hubs { hubValue[h] = 0 }
            var value = standingHubCost
            for k in 0..<commodityCount { value += price[k] * volume[k] }
            for r in 0..<rows where rowHub[r] < 0 { value -= rowPrice[r] * rowCapacity[r] }
            for p in 0..<paths {
                let k = Int(pathCommodity[p])
                var c = pathCost[p] - price[k]
                let w = weight[k]
                for i in Int(laneStart[p])..<Int(laneStart[p + 1]) {
                    let l = Int(pathLanes[i])
                    c += kgPrice[l] * w + parcelPrice[l]
                }
                for i in Int(rowStart[p])..<Int(rowStart[p + 1]) { c += rowPrice[Int(pathRows[i])] }
                for i in Int(kgRowStart[p])..<Int(kgRowStart[p + 1]) { c += rowPrice[Int(pathKgRows[i])] * w }
                reduced[p] = c
                guard c < 0 else { continue }
                let saving = c * volume[k]
                let owner = Int(pathOwner[p])
                let pair = Int(pathPair[p])
                if pair >= 0 { pairSaving[pair] += saving } else if owner >= 0 { laneSaving[owner] += saving } else if owner == -1 { value += saving } else { hubValue[-2 - owner] += saving }
            }
            // Lanes: a running lane's best dispatch count (all U when a dispatch's reduced price is negative, else one),
            // and what running it costs. A lane of no hub runs when its paths pay for it.
            for l in 0..<lanes {
                let d = laneCost[l] - kgPrice[l] * laneCapKg[l] - parcelPrice[l] * laneCapParcels[l]
                runningCount[l] = d < 0 ? laneUpper[l] : 1
                runningCost[l] = d * runningCount[l]
                guard laneHub[l] < 0 else { continue }
                let v = laneSaving[l] + runningCost[l]
                dispatches[l] = v < 0 ? runningCount[l] : 0
                if v < 0 { value += v }
            }
            // A hub's lanes: every on/off choice of its pairs' first lanes, and for each the best choice of the others.
            for h in 0..<hubs {
                let firstLanes = hubFirstLanes[h]
                var bestValue = Double.infinity, bestMask = 0
                for mask in 0..<(1 << firstLanes.count) {
                    let v = hubLanesValue(h, mask: mask, firstLanes: firstLanes)
                    if v < bestValue { bestValue = v; bestMask = mask }
                }
                hubValue[h] += hubLanesValue(h, mask: bestMask, firstLanes: firstLanes, choose: true)
            }
            // Hubs: open when it pays (or the hubCount best).
            for h in 0..<hubs {
                var rowTerm = 0.0
                hubValue[h] += hubFixed[h]
                for r in 0..<rows where rowHub[r] == Int32(h) { rowTerm += rowPrice[r] * rowCapacity[r] }
                hubValue[h] -= rowTerm
            }
            if let count = hubCount {
                hubOrder.sort { hubValue[$0] < hubValue[$1] }
                for h in 0..<hubs { open[h] = false }
                var chosen = 0
                for h in hubOrder where hubForced[h] != 0 && (chosen < count || hubForced[h] == 1) {
                    open[h] = true
                    chosen += 1
                }
            } else {
                for h in 0..<hubs { open[h] = hubForced[h] == 1 || (hubForced[h] == -1 && hubValue[h] < 0) }
            }
            for h in 0..<hubs where open[h] { value += hubValue[h] }
            for l in 0..<lanes where laneHub[l] >= 0 && !open[Int(laneHub[l])] { dispatches[l] = 0 }

            if best == -.infinity || value > best + 1e-9 * max(1, abs(best)) {
                best = value
                improved(best)
                bestOpen = (0..<hubs).filter { open[$0] }.map { hubNode[$0] }
                sinceImprovement = 0
                bestPrice.update(from: price, count: commodityCount)
                bestKgPrice.update(from: kgPrice, count: lanes)
                bestParcelPrice.update(from: parcelPrice, count: lanes)
                bestRowPrice.update(from: rowPrice, count: rows)
            } else {
                sinceImprovement += 1
                // No progress for a while, or a step that threw the multipliers far off: go back to the best
                // multipliers with half the step (a Polyak step aimed well above the bound can otherwise diverge).
                let lost = value < best - 0.05 * max(1, abs(best))
                if sinceImprovement >= patience || lost {
                    theta /= 2
                    sinceImprovement = 0
                    price.update(from: bestPrice, count: commodityCount)
                    kgPrice.update(from: bestKgPrice, count: lanes)
                    parcelPrice.update(from: bestParcelPrice, count: lanes)
                    rowPrice.update(from: bestRowPrice, count: rows)
                    for k in 0..<commodityCount { direction[k] = 0 }
                    for l in 0..<lanes { laneKgDirection[l] = 0; laneParcelDirection[l] = 0 }
                    for r in 0..<rows { rowDirection[r] = 0 }
                    if lost { continue }
                }
            }
            let elapsed = (clock.now - start) / .seconds(1)
            let target = incumbent()
            if let target, target - best <= targetGap * max(1e-9, abs(target)) { break }
            if elapsed >= timeLimit || theta < 1e-6 || stop() { break }

            // Subgradient, in the scaled rows.
            for k in 0..<commodityCount { carried[k] = 0 }
            for l in 0..<lanes { laneKgLoad[l] = 0; laneParcelLoad[l] = 0 }
            for r in 0..<rows { rowLoad[r] = 0 }
            for p in 0..<paths where reduced[p] < 0 {
                let owner = Int(pathOwner[p])
                let pair = Int(pathPair[p])
                if pair >= 0, dispatches[Int(pairSecond[pair])] == 0 { continue }
                if owner >= 0 { if dispatches[owner] == 0 { continue } } else if owner < -1, !open[-2 - owner] { continue }
                let k = Int(pathCommodity[p])
                let q = volume[k]
                carried[k] += q
                for i in Int(laneStart[p])..<Int(laneStart[p + 1]) {
                    let l = Int(pathLanes[i])
                    laneKgLoad[l] += q * weight[k]
                    laneParcelLoad[l] += q
                }
                for i in Int(rowStart[p])..<Int(rowStart[p + 1]) { rowLoad[Int(pathRows[i])] += q }
                for i in Int(kgRowStart[p])..<Int(kgRowStart[p + 1]) { rowLoad[Int(pathKgRows[i])] += q * weight[k] }
            }
            // Subgradient g in the scaled rows; the direction is g plus a share of the last direction
            // (deflection damps the zig-zag between iterations), kept inside the multipliers' bounds.
            var gradientNorm = 0.0, norm = 0.0
            for k in 0..<commodityCount where volume[k] > 0 {
                let g = 1 - carried[k] / volume[k]
                gradientNorm += g * g
                let d = g + deflection * direction[k]
                direction[k] = d
                norm += d * d
            }
            for l in 0..<lanes {
                let gKg = laneCapKg[l] > 0 ? laneKgLoad[l] / laneCapKg[l] - dispatches[l] : 0
                let gParcels = laneCapParcels[l] > 0 ? laneParcelLoad[l] / laneCapParcels[l] - dispatches[l] : 0
                gradientNorm += gKg * gKg + gParcels * gParcels
                var dKg = gKg + deflection * laneKgDirection[l]
                var dParcels = gParcels + deflection * laneParcelDirection[l]
                if kgPrice[l] <= 0, dKg < 0 { dKg = 0 }
                if parcelPrice[l] <= 0, dParcels < 0 { dParcels = 0 }
                laneKgDirection[l] = dKg
                laneParcelDirection[l] = dParcels
                norm += dKg * dKg + dParcels * dParcels
            }
            for r in 0..<rows {
                let on = rowHub[r] < 0 || open[Int(rowHub[r])]
                let g = rowLoad[r] / rowCapacity[r] - (on ? 1 : 0)
                gradientNorm += g * g
                var d = g + deflection * rowDirection[r]
                if rowPrice[r] <= 0, d < 0 { d = 0 }
                rowDirection[r] = d
                norm += d * d
            }
            guard gradientNorm > 1e-12 else { break }   // the relaxed solution is feasible: the bound is the optimum
            guard norm > 1e-12 else { continue }
            let aim = target.map { max($0, best + 1e-4 * abs(best)) } ?? (best + 0.01 * max(1, abs(best)))
            let step = theta * (aim - value) / norm
            for k in 0..<commodityCount where volume[k] > 0 { price[k] += step * direction[k] / volume[k] }
            for l in 0..<lanes {
                if laneCapKg[l] > 0 { kgPrice[l] = max(0, kgPrice[l] + step * laneKgDirection[l] / laneCapKg[l]) }
                if laneCapParcels[l] > 0 { parcelPrice[l] = max(0, parcelPrice[l] + step * laneParcelDirection[l] / laneCapParcels[l]) }
            }
            for r in 0..<rows { rowPrice[r] = max(0, rowPrice[r] + step * rowDirection[r] / rowCapacity[r]) }
        }
        return Result(bound: best, iterations: iteration, seconds: (clock.now - start) / .seconds(1), openHubs: bestOpen)
    }
}

/// Plain buffers of trivial values (numbers) for the subgradient's hot loops, freed together.
private final class ScratchBuffers {
    private var owned: [UnsafeMutableRawPointer] = []

    func copy<T>(_ values: [T]) -> UnsafeMutablePointer<T> {
        let buffer = UnsafeMutablePointer<T>.allocate(capacity: max(1, values.count))
        values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { buffer.initialize(from: base, count: values.count) }
        }
        owned.append(UnsafeMutableRawPointer(buffer))
        return buffer
    }

    func zeros(_ count: Int) -> UnsafeMutablePointer<Double> { copy(Array(repeating: 0.0, count: count)) }

    func free() {
        for pointer in owned { pointer.deallocate() }
        owned = []
    }
}
