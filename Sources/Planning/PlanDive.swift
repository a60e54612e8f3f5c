import Foundation
import MIP
import ReturnsNetwork

/// A plan from the LP relaxation of a plan model, without branch-and-bound.
///
/// A design (which hubs open, how many dispatches each lane runs) is priced by the LP with the design fixed: the
/// flows are then the best that design allows. The search solves the relaxation, rounds it (every hub it uses open,
/// every lane's dispatches rounded up unless just over a whole number), then descends: one move at a time, each kept
/// only when the LP says the plan costs less:
/// - a lane runs one dispatch fewer, or one more;
/// - an open hub closes with its lanes;
/// - a closed hub opens, its lanes running what the relaxation gave them, rounded up (at least one).
/// A lane whose move failed is not tried again until a lane sharing one of its ends changes, or a hub does.
/// At a local optimum it kicks the design (closes an open hub, the least used first, alone or opening the closed hub
/// nearest to it instead) and descends again, keeping the result only if it is better than the best so far.
///
/// Run it on the plan model without `strongLinking`: with the design fixed those rows change nothing, and without
/// them the LP has a tenth of the rows, so a move is re-priced in milliseconds (the dual simplex from the last basis).
struct PlanDive {
    struct Result {
        var solution: Solution
        var moves: Int
        var solves: Int
        var kicks: Int
    }

    let planModel: PlanModel
    let lp: LPSession
    let deadline: ContinuousClock.Instant
    let offer: (Double) -> Void
    let stop: () -> Bool
    /// The design the LP has fixed now, whether its last solve reached the optimum (else its values are no plan:
    /// a solve stopped by the deadline leaves a basis that need not meet demand or capacity), and the best design
    /// found with its cost and column values.
    var current: [Variable: Double] = [:]
    var currentSolved = false
    var best: [Variable: Double] = [:]
    var bestCost = Double.infinity
    var bestValues: [Double] = []
    var moves = 0
    var solves = 0
    /// Reduced cost of each dispatch column at the design being improved, and the relaxation's values.
    var marginals: [Variable: Double] = [:]
    var relaxed: [Double] = []
    /// Lanes per candidate hub (either end), lane ends, and each design column's upper bound.
    let hubLanes: [Int: [Int]]
    let laneHubs: [Int: [Int]]
    let upper: [Variable: Double]
    let lanes: [Int]
    let freeHubs: [Int]
    /// The other free candidate hubs, nearest first.
    let nearby: [Int: [Int]]
    /// Lanes sharing an end with each lane.
    let neighbours: [Int: [Int]]
    /// Parcels through each candidate hub in the best design.
    var bestLoad: [Int: Double] = [:]

    /// Runs until `deadline`. Nil when the relaxation could not be solved in time. `offer` hears each better cost.
    /// `stop` ends the search early (it is asked between moves).
    static func run(_ planModel: PlanModel, deadline: ContinuousClock.Instant, offer: @escaping (Double) -> Void = { _ in }, stop: @escaping () -> Bool = { false }) throws(SolverError) -> Result? {
        try LPSession.with(planModel.model) { lp throws(SolverError) in
            lp.deadline = deadline
            var dive = PlanDive(planModel: planModel, lp: lp, deadline: deadline, offer: offer, stop: stop)
            return try dive.search()
        }
    }

    init(planModel: PlanModel, lp: LPSession, deadline: ContinuousClock.Instant, offer: @escaping (Double) -> Void, stop: @escaping () -> Bool = { false }) {
        self.planModel = planModel
        self.lp = lp
        self.deadline = deadline
        self.offer = offer
        self.stop = stop
        var hubLanes: [Int: [Int]] = [:], laneHubs: [Int: [Int]] = [:], atNode: [Int: [Int]] = [:]
        lanes = planModel.dispatches.keys.sorted()
        let ends = { (lane: Int) in [planModel.graph.from(lane), planModel.graph.to(lane)] }
        for lane in lanes {
            for end in ends(lane) { atNode[end, default: []].append(lane) }
            // A lane runs only while the candidate hubs at its ends are open (`PlanRules.laneHubs`).
            for hub in planModel.rules.laneHubs[lane] where planModel.open[hub] != nil {
                hubLanes[hub, default: []].append(lane)
                laneHubs[lane, default: []].append(hub)
            }
        }
        self.hubLanes = hubLanes
        self.laneHubs = laneHubs
        neighbours = Dictionary(uniqueKeysWithValues: lanes.map { lane in (lane, Array(Set(ends(lane).flatMap { atNode[$0] ?? [] }))) })
        var upper: [Variable: Double] = [:]
        for v in Array(planModel.open.values) + Array(planModel.dispatches.values) { upper[v] = planModel.model.bounds(of: v)?.upper ?? 0 }
        self.upper = upper
        let freeHubs = planModel.open.keys.sorted().filter { node in
            planModel.open[node].flatMap { planModel.model.bounds(of: $0) }.map { $0.lower != $0.upper } ?? false
        }
        self.freeHubs = freeHubs
        let nodes = planModel.graph.nodes
        func distance(_ a: Int, _ b: Int) -> Double {
            let x = (nodes[a].longitude - nodes[b].longitude) * cos((nodes[a].latitude + nodes[b].latitude) / 2 * .pi / 180)
            let y = nodes[a].latitude - nodes[b].latitude
            return x * x + y * y
        }
        nearby = Dictionary(uniqueKeysWithValues: freeHubs.map { a in (a, freeHubs.filter { $0 != a }.sorted { distance(a, $0) < distance(a, $1) }) })
    }

    var timeLeft: Bool { ContinuousClock.now < deadline && !stop() }

    func isOpen(_ node: Int, in design: [Variable: Double]) -> Bool { planModel.open[node].map { design[$0] == 1 } ?? true }

    /// Whether a lane may run in `design`: every candidate hub at its ends (but `except`) is open.
    func mayRun(_ lane: Int, in design: [Variable: Double], except: Int? = nil) -> Bool {
        (laneHubs[lane] ?? []).allSatisfy { $0 == except || isOpen($0, in: design) }
    }

    /// Fixes `design` in the LP and solves it: the plan's cost, or nil (infeasible, or out of time).
    mutating func price(_ design: [Variable: Double]) throws(SolverError) -> Double? {
        for (v, value) in design where current[v] != value { lp.fix(v, to: value) }
        current = design
        currentSolved = false
        solves += 1
        let cost = try lp.solve()
        currentSolved = cost != nil
        return cost
    }

    /// Prices `design`; its cost when it beats `reference`, else nil (the LP is left at `design` either way).
    mutating func tryDesign(_ design: [Variable: Double], against reference: Double) throws(SolverError) -> Double? {
        guard let cost = try price(design) else { return nil }
        return !reference.isFinite || cost < reference - 1e-7 * max(1, abs(reference)) ? cost : nil
    }

    /// Reads each lane's reduced cost from the LP, which must be at the design being improved.
    mutating func readMarginals() {
        for v in planModel.dispatches.values { marginals[v] = lp.reducedCost(v) }
    }

    /// Keeps `design` as the best if it is better and the LP holds its optimal flows now (`descend` records each
    /// improvement as it is found, so a re-price the deadline cuts short loses nothing).
    mutating func record(_ design: [Variable: Double], _ cost: Double) {
        guard cost < bestCost, currentSolved, current == design else { return }
        best = design
        bestCost = cost
        bestValues = lp.values
        let rules = planModel.rules
        for (limit, row) in planModel.limitRows where rules.limits[limit].scale == .whileOpen {
            guard case let .node(node) = rules.limits[limit].place, let open = planModel.open[node] else { continue }
            // The row is parcels − capacity × open ≤ 0.
            let capacity = rules.capacity(limit, dispatches: 0, open: true, unlimited: planModel.totalVolume)
            bestLoad[node] = lp.rowValue(row) + capacity * (design[open] ?? 0)
        }
        offer(cost)
    }

    /// First-improvement descent from `start` (cost `startCost`, already priced); returns the local optimum.
    mutating func descend(_ start: [Variable: Double], _ startCost: Double) throws(SolverError) -> ([Variable: Double], Double) {
        var design = start, cost = startCost
        if current != design { _ = try price(design) }
        readMarginals()
        // Lanes whose moves failed with nothing at their ends changed since are not tried again ("don't look" marks).
        var settled = Set<Int>()
        var improved = true
        while improved, timeLeft {
            improved = false
            for node in freeHubs where timeLeft {
                guard let next = toggled(node, in: design), let better = try tryDesign(next, against: cost) else { continue }
                design = current
                cost = better
                record(design, cost)
                readMarginals()
                moves += 1
                improved = true
                settled = []
            }
            for lane in lanes where timeLeft && !settled.contains(lane) {
                settled.insert(lane)
                guard let v = planModel.dispatches[lane], let n = design[v] else { continue }
                let canRun = mayRun(lane, in: design)
                // The LP's value of the plan is convex in a lane's dispatches, so the reduced cost bounds what one
                // step can gain: a truck whose capacity is worth more than its price stays, and one more is tried
                // only where the capacity is worth more than a truck.
                let marginal = marginals[v] ?? 0
                var candidates: [Double] = []
                if n > 0, marginal > -1e-6 { candidates.append(n - 1) }
                if canRun, n < upper[v] ?? 0, marginal < -1e-6 { candidates.append(n + 1) }
                for value in candidates {
                    var next = design
                    next[v] = value
                    if let better = try tryDesign(next, against: cost) {
                        design = current
                        cost = better
                        record(design, cost)
                        readMarginals()
                        moves += 1
                        improved = true
                        settled.subtract(neighbours[lane] ?? [])
                        break
                    }
                }
            }
        }
        // Leave the LP on the design returned.
        if current != design { _ = try price(design) }
        return (design, cost)
    }

    /// The design with `node` closed (and its lanes stopped) or opened (its lanes as rounded from the relaxation).
    func toggled(_ node: Int, in design: [Variable: Double]) -> [Variable: Double]? {
        guard let v = planModel.open[node] else { return nil }
        var next = design
        let opening = design[v] != 1
        next[v] = opening ? 1 : 0
        for lane in hubLanes[node] ?? [] {
            guard let n = planModel.dispatches[lane] else { continue }
            let otherEndsOpen = mayRun(lane, in: design, except: node)
            next[n] = opening && otherEndsOpen ? min(upper[n] ?? 0, max(1, (relaxed[n.index] - 0.2).rounded(.up))) : 0
        }
        return next
    }

    mutating func search() throws(SolverError) -> Result? {
        guard try lp.solve() != nil else { return nil }
        solves += 1
        relaxed = lp.values
        // Round: every hub the relaxation uses opens; a lane runs its relaxed dispatches rounded up unless they are
        // under a fifth of a truck over a whole number (at least one when it carries anything); none at a closed hub.
        var design: [Variable: Double] = [:]
        for v in planModel.open.values { design[v] = relaxed[v.index] >= 0.01 ? 1 : 0 }
        for (lane, v) in planModel.dispatches {
            let x = relaxed[v.index]
            let runs = mayRun(lane, in: design) && x > 1e-6
            design[v] = runs ? min(upper[v] ?? 0, max(1, (x - 0.2).rounded(.up))) : 0
        }
        // A design column the model fixes keeps its value.
        for (v, _) in design {
            if let bounds = planModel.model.bounds(of: v), bounds.lower == bounds.upper { design[v] = bounds.lower }
        }
        guard let rounded = try tryDesign(design, against: .infinity) else { return nil }
        design = current
        record(design, rounded)
        var cost = rounded
        (design, cost) = try descend(design, cost)
        record(design, cost)

        // Kicks: from the best design, close an open hub, the least used first, and every other round also open the
        // closed hub nearest to it; descend again. A better plan starts the rounds over from it.
        var kicks = 0, round = 0, lastBest = bestCost
        while timeLeft {
            let open = freeHubs.filter { isOpen($0, in: best) }.sorted { (bestLoad[$0] ?? 0, $0) < (bestLoad[$1] ?? 0, $1) }
            guard !open.isEmpty else { break }
            if bestCost < lastBest { round = 0; lastBest = bestCost }
            let node = open[round % open.count]
            let swap = (round / open.count) % 2 == 1
            round += 1
            guard var kick = toggled(node, in: best) else { break }
            if swap, let other = nearby[node]?.first(where: { !isOpen($0, in: best) }), let next = toggled(other, in: kick) { kick = next }
            kicks += 1
            guard let kicked = try tryDesign(kick, against: .infinity) else { continue }
            let (local, localCost) = try descend(current, kicked)
            record(local, localCost)
        }
        if bestValues.isEmpty { return nil }
        let solution = Solution(status: .feasible, objective: bestCost, values: bestValues, isMIP: true)
        return Result(solution: solution, moves: moves, solves: solves, kicks: kicks)
    }
}
