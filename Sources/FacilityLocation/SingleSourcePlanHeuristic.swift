/// A quick single-source plan (every customer wholly served by one open facility), found by a greedy
/// opening followed by local search; GLPK gets it as its first incumbent.
///
/// Facility moves (open one, close one, swap an open for a closed one) are evaluated with a cheap
/// assignment: customers in order of decreasing demand go to the cheapest open facility with room
/// left, then single customers move to a cheaper facility while one has room. The best set then
/// gets a more thorough assignment search with pairwise customer exchanges too. A single-source
/// plan is also feasible for multi-sourcing.
struct SingleSourcePlanHeuristic {
    struct Plan {
        var open: [Bool]
        /// Facility serving each customer.
        var facilityOf: [Int]
        var cost: Double
    }

    let instance: CapacitatedFacilityLocation
    let deadline: ContinuousClock.Instant
    private let clock = ContinuousClock()
    /// Customers by decreasing demand: big customers are hardest to fit, so they choose first.
    private let order: [Int]

    init(_ instance: CapacitatedFacilityLocation, deadline: ContinuousClock.Instant) {
        self.instance = instance
        self.deadline = deadline
        order = instance.demand.indices.sorted { instance.demand[$0] > instance.demand[$1] }
    }

    private var outOfTime: Bool { clock.now >= deadline }

    /// The best plan found before the deadline, or `nil` when none was found (e.g. capacities too tight).
    func run() -> Plan? {
        var open = initialOpening()
        var best = evaluate(open)
        // With capacity barely above demand the cheap assignment may fail: open more until it fits.
        var byRatio = facilitiesByUnitCost()
        while best == nil, let next = byRatio.first(where: { !open[$0] }) {
            open[next] = true
            byRatio.removeAll { $0 == next }
            best = evaluate(open)
        }
        guard let start = best else { return nil }
        return polish(descend(from: start))
    }

    /// The plan for a given open set (e.g. one a Lagrangian relaxation suggests), improved by the
    /// same local search; `nil` when the cheap assignment cannot fit the customers into it.
    func improve(openSet open: [Bool]) -> Plan? {
        guard open.contains(true), let start = evaluate(open) else { return nil }
        return polish(descend(from: start))
    }

    /// First-improvement descent over drop, add and swap moves.
    private func descend(from start: Plan) -> Plan {
        let m = instance.facilities
        var current = start
        var improved = true
        while improved, !outOfTime {
            improved = false
            let openList = (0 ..< m).filter { current.open[$0] }
            let closedList = (0 ..< m).filter { !current.open[$0] }
            var candidates: [[Int]] = openList.map { [$0] } + closedList.map { [$0] }
            for i in openList { for k in closedList { candidates.append([i, k]) } }
            for flip in candidates {
                if outOfTime { break }
                var trial = current.open
                for i in flip { trial[i].toggle() }
                guard trial.contains(true), let plan = evaluate(trial), plan.cost < current.cost - 1e-9 * max(1, current.cost) else { continue }
                current = plan
                improved = true
                break
            }
        }
        return current
    }

    /// Opens facilities in order of unit cost when full until their capacity covers the demand.
    private func initialOpening() -> [Bool] {
        var open = [Bool](repeating: false, count: instance.facilities)
        var capacity = 0.0
        for i in facilitiesByUnitCost() where capacity < instance.totalDemand {
            open[i] = true
            capacity += instance.capacity[i]
        }
        return open
    }

    /// Facilities by (fixed cost + cost of filling the capacity with its cheapest customers per unit) / capacity.
    private func facilitiesByUnitCost() -> [Int] {
        let d = instance.demand
        let unitCost: [Double] = instance.capacity.indices.map { i in
            let s = instance.capacity[i]
            guard s > 0 else { return .infinity }
            let row = instance.cost[i]
            let cheapest = row.indices.sorted { row[$0] * d[$1] < row[$1] * d[$0] }  // c/d ascending, no division by 0
            var room = s, total = instance.fixedCost[i]
            for j in cheapest where room > 0 {
                let share = d[j] <= room ? 1 : room / d[j]
                total += share * row[j]
                room -= share * d[j]
            }
            return total / s
        }
        return instance.capacity.indices.sorted { unitCost[$0] < unitCost[$1] }
    }

    /// The cheap assignment for an open set: greedy by decreasing demand, then single-customer shifts.
    private func evaluate(_ open: [Bool]) -> Plan? {
        let openList = open.indices.filter { open[$0] }
        var residual = instance.capacity
        var facilityOf = [Int](repeating: -1, count: instance.customers)
        for j in order {
            var bestFacility = -1, bestCost = Double.infinity
            for i in openList where residual[i] >= instance.demand[j] && instance.cost[i][j] < bestCost {
                bestFacility = i
                bestCost = instance.cost[i][j]
            }
            guard bestFacility >= 0 else { return nil }
            facilityOf[j] = bestFacility
            residual[bestFacility] -= instance.demand[j]
        }
        shiftCustomers(&facilityOf, &residual, openList)
        return Plan(open: open, facilityOf: facilityOf, cost: cost(open, facilityOf))
    }

    /// Moves single customers to a cheaper open facility with room, until none can move.
    private func shiftCustomers(_ facilityOf: inout [Int], _ residual: inout [Double], _ openList: [Int]) {
        var moved = true, passes = 0
        while moved, passes < 50 {
            moved = false
            passes += 1
            for j in 0 ..< instance.customers {
                let from = facilityOf[j], d = instance.demand[j]
                var to = from, bestCost = instance.cost[from][j]
                for i in openList where i != from && residual[i] >= d && instance.cost[i][j] < bestCost {
                    to = i
                    bestCost = instance.cost[i][j]
                }
                if to != from {
                    residual[from] += d
                    residual[to] -= d
                    facilityOf[j] = to
                    moved = true
                }
            }
        }
    }

    /// Adds pairwise exchanges (two customers trade facilities) to the shifts, for the final plan only.
    private func polish(_ plan: Plan) -> Plan {
        let n = instance.customers, d = instance.demand, c = instance.cost
        let openList = plan.open.indices.filter { plan.open[$0] }
        var facilityOf = plan.facilityOf
        var residual = instance.capacity
        for j in 0 ..< n { residual[facilityOf[j]] -= d[j] }
        var improved = true
        while improved, !outOfTime {
            improved = false
            shiftCustomers(&facilityOf, &residual, openList)
            for a in 0 ..< n {
                if outOfTime { break }
                for b in (a + 1) ..< n {
                    let ia = facilityOf[a], ib = facilityOf[b]
                    guard ia != ib else { continue }
                    let delta = c[ib][a] + c[ia][b] - c[ia][a] - c[ib][b]
                    guard delta < -1e-9, residual[ib] + d[b] >= d[a], residual[ia] + d[a] >= d[b] else { continue }
                    residual[ia] += d[a] - d[b]
                    residual[ib] += d[b] - d[a]
                    facilityOf[a] = ib
                    facilityOf[b] = ia
                    improved = true
                }
            }
        }
        // Close facilities that ended up serving nobody.
        var open = plan.open
        for i in openList where !facilityOf.contains(i) { open[i] = false }
        return Plan(open: open, facilityOf: facilityOf, cost: cost(open, facilityOf))
    }

    private func cost(_ open: [Bool], _ facilityOf: [Int]) -> Double {
        var total = 0.0
        for i in open.indices where open[i] { total += instance.fixedCost[i] }
        for (j, i) in facilityOf.enumerated() { total += instance.cost[i][j] }
        return total
    }
}
