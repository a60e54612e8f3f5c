import MIP

/// SplitMix64: a tiny seeded generator so "random" instances are the same on every machine.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func uniform(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
}

/// Transportation: supplies S1 = 20, S2 = 30 (≤); demands D1 = 10, D2 = 25, D3 = 15 (=).
///
/// Unit costs  D1 D2 D3
///        S1    2  4  5
///        S2    3  1  7
/// By hand: S2 serves D2 at 1. S1 is cheaper than S2 by 2 for D3 and by 1 for D1 but holds only
/// 20 < 25, so S1 → D3 = 15, S1 → D1 = 5, S2 → D2 = 25, S2 → D1 = 5.
/// Cost 15·5 + 5·2 + 25·1 + 5·3 = 125. Optimality: potentials u = (0, 1), v = (2, 0, 5) give
/// reduced costs 4 for S1→D2 and 1 for S2→D3, both positive, so 125 is the unique optimum.
struct Transportation {
    var model = Model(name: "transport")
    var ship: [[Variable]] = []
    var supplyRows: [Constraint] = []
    var demandRows: [Constraint] = []
    static let optimum = 125.0

    init() {
        let cost = [[2.0, 4, 5], [3.0, 1, 7]], supply = [20.0, 30], demand = [10.0, 25, 15]
        ship = (0 ..< 2).map { s in (0 ..< 3).map { d in model.addVariable("ship_S\(s + 1)_D\(d + 1)", objective: cost[s][d]) } }
        supplyRows = (0 ..< 2).map { s in model.addConstraint("supply_S\(s + 1)", ship[s].map { ($0, 1) }, .lessEqual(supply[s])) }
        demandRows = (0 ..< 3).map { d in model.addConstraint("demand_D\(d + 1)", (0 ..< 2).map { (ship[$0][d], 1) }, .equal(demand[d])) }
    }
}

/// 0/1 knapsack, values 60/100/120, weights 10/20/30, capacity 50.
/// By hand: {2, 3} weighs 50 and is worth 220; {1, 3} = 180, {1, 2} = 160, all three weigh 60.
/// The LP relaxation takes items 1, 2 and 2/3 of item 3: 60 + 100 + 80 = 240.
struct SmallKnapsack {
    var model = Model(name: "knapsack", sense: .maximize)
    var take: [Variable] = []
    static let optimum = 220.0
    static let relaxation = 240.0

    init() {
        let value = [60.0, 100, 120], weight = [10.0, 20, 30]
        take = (0 ..< 3).map { model.addVariable("take_\($0 + 1)", kind: .binary, objective: value[$0]) }
        model.addConstraint("capacity", (0 ..< 3).map { (take[$0], weight[$0]) }, .lessEqual(50))
    }
}

/// Capacitated facility location with single sourcing.
///
/// Hubs A, B: fixed cost 100, capacity 50; hub C: fixed cost 150, capacity 100.
/// Customers 1–4 return 20, 25, 15, 35 parcels; serving a whole customer costs
///   A: 10 10 40 40    B: 40 40 10 10    C: 25 25 25 25.
/// By hand (total demand 95): A or B alone lacks capacity. C alone: 150 + 100 = 250.
/// A + B: A takes 1, 2 (45 ≤ 50) and B takes 3, 4 (50 ≤ 50): 200 + 40 = 240.
/// A + C: 250 + A takes 1, 2 (20) + C takes 3, 4 (50) = 320; B + C likewise 320;
/// all three: 350 + at least 40. Optimum 240 with A and B open, C closed.
struct FacilityLocation {
    var model = Model(name: "returns_hubs")
    var open: [Variable] = []
    var assign: [[Variable]] = []
    static let optimum = 240.0

    init() {
        let fixed = [100.0, 100, 150], capacity = [50.0, 50, 100], demand = [20.0, 25, 15, 35]
        let cost = [[10.0, 10, 40, 40], [40.0, 40, 10, 10], [25.0, 25, 25, 25]]
        let hubs = ["A", "B", "C"]
        open = hubs.indices.map { model.addVariable("open_\(hubs[$0])", kind: .binary, objective: fixed[$0]) }
        assign = hubs.indices.map { h in
            demand.indices.map { c in model.addVariable("assign_\(hubs[h])_\(c + 1)", kind: .binary, objective: cost[h][c]) }
        }
        for c in demand.indices {
            model.addConstraint("serve_\(c + 1)", hubs.indices.map { (assign[$0][c], 1) }, .equal(1))
        }
        for h in hubs.indices {
            model.addConstraint(
                "capacity_\(hubs[h])",
                demand.indices.map { (assign[h][$0], demand[$0]) } + [(open[h], -capacity[h])], .lessEqual(0)
            )
        }
    }
}

/// A seeded 60-item, 10-constraint 0/1 knapsack with values correlated to weights.
///
/// Correlated multi-dimensional knapsacks defeat GLPK's bounding: `glpsol` (GLPK 5.0) does not
/// prove this one optimal within 60 s, so a 0.2 s limit always stops the search early.
struct HardKnapsack {
    var model = Model(name: "hard_knapsack", sense: .maximize)
    var take: [Variable] = []
    var value: [Double] = []
    var weight: [[Double]] = []
    var capacity: [Double] = []

    init(items: Int = 60, constraints: Int = 10, seed: UInt64 = 42) {
        var rng = SeededGenerator(seed: seed)
        weight = (0 ..< constraints).map { _ in (0 ..< items).map { _ in Double(rng.uniform(10 ... 100)) } }
        value = (0 ..< items).map { j in
            ((0 ..< constraints).reduce(0) { $0 + weight[$1][j] } / Double(constraints)).rounded(.down) + Double(rng.uniform(0 ... 10))
        }
        capacity = weight.map { ($0.reduce(0, +) / 2).rounded(.down) }
        take = (0 ..< items).map { model.addVariable("take_\($0)", kind: .binary, objective: value[$0]) }
        for i in 0 ..< constraints {
            model.addConstraint("resource_\(i)", (0 ..< items).map { (take[$0], weight[i][$0]) }, .lessEqual(capacity[i]))
        }
    }

    /// True when `x` is a 0/1 vector within every capacity.
    func isFeasible(_ x: [Double]) -> Bool {
        guard x.count == take.count, x.allSatisfy({ $0 == 0 || $0 == 1 }) else { return false }
        return weight.indices.allSatisfy { i in zip(weight[i], x).reduce(0) { $0 + $1.0 * $1.1 } <= capacity[i] + 1e-9 }
    }

    /// A greedy solution: items by value per unit of total weight, added while they fit.
    func greedy() -> [Double] {
        let totalWeight = take.indices.map { j in weight.reduce(0) { $0 + $1[j] } }
        let order = take.indices.sorted { value[$0] / totalWeight[$0] > value[$1] / totalWeight[$1] }
        var x = [Double](repeating: 0, count: take.count)
        var used = [Double](repeating: 0, count: capacity.count)
        for j in order where capacity.indices.allSatisfy({ used[$0] + weight[$0][j] <= capacity[$0] }) {
            x[j] = 1
            for i in capacity.indices { used[i] += weight[i][j] }
        }
        return x
    }

    func objective(_ x: [Double]) -> Double { zip(value, x).reduce(0) { $0 + $1.0 * $1.1 } }
}

/// max Σ (1 + i/100)·x_i over 15 binaries with Σ 2·x_i ≤ 15: a knapsack whose LP bound is weak.
///
/// By hand: at most 7 items fit (8 would weigh 16), so the optimum takes the seven most valuable,
/// i = 9…15: 7 + (9 + … + 15)/100 = 7.84. The LP relaxation takes those and half of item 8:
/// 7.84 + 1.08/2 = 8.38. Dividing the row by 2 and rounding down gives the valid cut Σ x_i ≤ 7
/// (Chvátal–Gomory), under which the LP optimum is the integer one. The values are not integral
/// multiples of one number, so a solver cannot round its bound down to 7.84 either; without the cut
/// branch-and-bound must branch, because the root's optimum is fractional.
struct OddCardinalityKnapsack {
    var model = Model(name: "odd_cardinality", sense: .maximize)
    var take: [Variable] = []
    static let optimum = 7.84
    static let relaxation = 8.38
    /// Σ x_i ≤ 7.
    var cardinalityCut: Cut { Cut("cardinality", take.map { ($0, 1) }, .lessEqual(7)) }

    init() {
        take = (1 ... 15).map { model.addVariable("take_\($0)", kind: .binary, objective: 1 + Double($0) / 100) }
        model.addConstraint("weight", take.map { ($0, 2) }, .lessEqual(15))
    }
}
