/// A Lagrangian lower bound for capacitated facility location, and the columns it proves useless.
///
/// Relaxing the demand rows `Σ_i x_ij = 1` with multipliers `u_j` leaves, for each facility, a
/// continuous knapsack (fill the capacity with the customers of most negative `c_ij − u_j` per
/// unit of demand) and, over the facilities, a covering knapsack for `Σ_i s_i y_i ≥ Σ_j d_j`
/// (solved as an LP, or as "open at least k" when that bounds higher). Subgradient steps on `u` push the bound up to about the strong LP bound
/// in O(m·n log n) per step, where GLPK's simplex needs minutes on a 100 × 1,000 instance.
///
/// LP duality in both knapsacks gives, at every step, a lower bound on any plan that serves
/// `j` from `i` (or opens or closes `i`). Whenever that bound exceeds the cost of a known plan,
/// no optimal plan does it, so the column can go: the reduced model has the same optimum.
/// Serving pairs are only removed for single-sourcing (a fractional `x_ij` escapes the
/// argument); opening and closing facilities is decided for both rules.
struct LagrangianReduction {
    /// The best Lagrangian bound found (a valid lower bound on the optimum).
    var bound: Double
    /// The best plan known at the end (the one given, or one built from the relaxation's open sets).
    var plan: SingleSourcePlanHeuristic.Plan
    /// `serveAllowed[i][j]` false: serving j from i is proven not to be in any optimal plan.
    var serveAllowed: [[Bool]]
    /// false: facility i is closed in every optimal plan.
    var openAllowed: [Bool]
    /// true: facility i is open in every optimal plan.
    var mustOpen: [Bool]
    var iterations: Int

    /// Runs subgradient optimisation until `deadline`, `maxIterations`, or the step size dies out.
    ///
    /// `plan` is a feasible plan: its cost steers the step size and decides what can be removed,
    /// and its own columns always stay, as a guard against rounding in the comparison. Every tenth
    /// step (a dozen times at most), a new open set of the relaxation goes through the heuristic's
    /// local search, and a cheaper plan replaces the current one. Returns nil when the instance
    /// cannot cover its demand or no step ran before the deadline.
    static func run(
        _ instance: CapacitatedFacilityLocation, sourcing: Sourcing, plan start: SingleSourcePlanHeuristic.Plan,
        maxIterations: Int = 3000, deadline: ContinuousClock.Instant
    ) -> LagrangianReduction? {
        var plan = start
        var upperBound: Double { plan.cost }
        // The relaxation's open sets are often better starting points than the greedy one.
        let heuristic = SingleSourcePlanHeuristic(instance, deadline: deadline)
        var triedOpenSets: Set<[Bool]> = [start.open]
        let m = instance.facilities, n = instance.customers
        let s = instance.capacity, f = instance.fixedCost, d = instance.demand, c = instance.cost
        let totalDemand = instance.totalDemand
        guard instance.totalCapacity >= totalDemand, start.cost.isFinite else { return nil }
        // A single-sourced customer never goes to a facility smaller than its demand.
        let usable: [[Bool]] = (0 ..< m).map { i in (0 ..< n).map { j in sourcing == .multi || d[j] <= s[i] } }

        // Start from each customer's cheapest cost with the fixed cost spread over the capacity.
        var u = [Double](repeating: .infinity, count: n)
        for i in 0 ..< m where s[i] > 0 {
            let perUnit = f[i] / s[i]
            for j in 0 ..< n { u[j] = min(u[j], c[i][j] + perUnit * d[j]) }
        }
        for j in 0 ..< n where !u[j].isFinite { u[j] = 0 }
        var bestBound = -Double.infinity
        var bestOpenBound = [Double](repeating: -.infinity, count: m)    // bound on plans with y_i = 1
        var bestClosedBound = [Double](repeating: -.infinity, count: m)  // bound on plans with y_i = 0
        var bestServeBound = [[Double]](repeating: [Double](repeating: -.infinity, count: n), count: m)

        var reduced = [Double](repeating: 0, count: n)
        var items: [Int] = []
        items.reserveCapacity(n)
        var take = [[Double]](repeating: [Double](repeating: 0, count: n), count: m)  // x̂_ij given y_i = 1
        var knapsackPrice = [Double](repeating: 0, count: m)  // π_i ≥ 0, dual of the capacity row
        var value = [Double](repeating: 0, count: m)          // v_i = f_i + knapsack optimum
        var coverOrder: [Int] = [], cardinalityOrder: [Int] = []
        let minimumOpen = instance.minimumOpenFacilities
        var y = [Double](repeating: 0, count: m)
        var g = [Double](repeating: 0, count: n)

        var step = 2.0, sinceImprovement = 0, iterations = 0
        let clock = ContinuousClock()
        while iterations < maxIterations, step > 1e-4, clock.now < deadline {
            iterations += 1
            // Facility knapsacks: min Σ_j (c_ij − u_j) x_j  s.t. Σ_j d_j x_j ≤ s_i, 0 ≤ x ≤ 1.
            for i in 0 ..< m {
                items.removeAll(keepingCapacity: true)
                for j in 0 ..< n {
                    take[i][j] = 0
                    reduced[j] = c[i][j] - u[j]
                    if reduced[j] < 0, usable[i][j] { items.append(j) }
                }
                // Most negative cost per unit first; zero-demand customers are free to take.
                items.sort { a, b in reduced[a] * d[b] < reduced[b] * d[a] }
                var room = s[i], total = 0.0, price = 0.0
                for j in items {
                    if d[j] <= room {
                        take[i][j] = 1
                        room -= d[j]
                        total += reduced[j]
                    } else {
                        let share = room / d[j]
                        take[i][j] = share
                        total += share * reduced[j]
                        price = -reduced[j] / d[j]
                        break
                    }
                }
                knapsackPrice[i] = price
                value[i] = f[i] + total
            }

            // Covering LP over facilities: min Σ v_i y_i  s.t. Σ s_i y_i ≥ D, 0 ≤ y ≤ 1.
            var covered = 0.0, cover = 0.0, coverPrice = 0.0
            coverOrder.removeAll(keepingCapacity: true)
            for i in 0 ..< m {
                if value[i] < 0 {
                    y[i] = 1
                    covered += s[i]
                    cover += value[i]
                } else {
                    y[i] = 0
                    if s[i] > 0 { coverOrder.append(i) }
                }
            }
            if covered < totalDemand {
                coverOrder.sort { a, b in value[a] * s[b] < value[b] * s[a] }
                for i in coverOrder {
                    let need = totalDemand - covered
                    if s[i] <= need {
                        y[i] = 1
                        covered += s[i]
                        cover += value[i]
                        if s[i] == need {
                            coverPrice = value[i] / s[i]
                            break
                        }
                    } else {
                        y[i] = need / s[i]
                        covered = totalDemand
                        cover += y[i] * value[i]
                        coverPrice = value[i] / s[i]
                        break
                    }
                }
            }
            // The cardinality cover min Σ v_i y_i s.t. Σ y_i ≥ k (k = fewest facilities that can hold
            // the demand) is another relaxation of the same integer cover; its LP optimum is integral
            // and, with equal capacities, it is the stronger of the two. Use whichever bounds higher.
            var cardinalityCover = 0.0, cardinalityPrice = 0.0, count = 0
            cardinalityOrder.removeAll(keepingCapacity: true)
            for i in 0 ..< m {
                if value[i] < 0 {
                    cardinalityCover += value[i]
                    count += 1
                } else {
                    cardinalityOrder.append(i)
                }
            }
            if count < minimumOpen {
                cardinalityOrder.sort { value[$0] < value[$1] }
                for i in cardinalityOrder.prefix(minimumOpen - count) {
                    cardinalityCover += value[i]
                    cardinalityPrice = value[i]
                }
            }
            let byCardinality = cardinalityCover > cover
            if byCardinality {
                cover = cardinalityCover
                coverPrice = cardinalityPrice
                for i in 0 ..< m { y[i] = value[i] < 0 ? 1 : 0 }
                if count < minimumOpen { for i in cardinalityOrder.prefix(minimumOpen - count) { y[i] = 1 } }
            }
            let lagrangian = u.reduce(0, +) + cover

            // What forcing a decision would cost at least, by LP duality in both knapsacks.
            for i in 0 ..< m {
                let weight = byCardinality ? 1 : s[i]
                let openPenalty = max(0, value[i] - coverPrice * weight)
                let closePenalty = max(0, coverPrice * weight - value[i])
                bestOpenBound[i] = max(bestOpenBound[i], lagrangian + openPenalty)
                bestClosedBound[i] = max(bestClosedBound[i], lagrangian + closePenalty)
                guard sourcing == .single else { continue }
                let base = lagrangian + openPenalty, pi = knapsackPrice[i]
                for j in 0 ..< n where usable[i][j] {
                    let serveBound = base + max(0, c[i][j] - u[j] + pi * d[j])
                    if serveBound > bestServeBound[i][j] { bestServeBound[i][j] = serveBound }
                }
            }

            if !bestBound.isFinite || lagrangian > bestBound + 1e-9 * abs(bestBound) {
                bestBound = lagrangian
                sinceImprovement = 0
            } else {
                sinceImprovement += 1
                if sinceImprovement >= 20 {
                    step /= 2
                    sinceImprovement = 0
                }
            }
            if bestBound >= upperBound - 1e-9 * abs(upperBound) { break }

            // At most a dozen tries: each runs the full local search.
            if iterations % 10 == 1, triedOpenSets.count <= 12 {
                let openSet = y.map { $0 > 0 }
                if triedOpenSets.insert(openSet).inserted, let better = heuristic.improve(openSet: openSet), better.cost < plan.cost {
                    plan = better
                }
            }

            // Subgradient of the demand rows: 1 − Σ_i x_ij.
            var norm = 0.0
            for j in 0 ..< n { g[j] = 1 }
            for i in 0 ..< m where y[i] > 0 {
                for j in 0 ..< n where take[i][j] > 0 { g[j] -= y[i] * take[i][j] }
            }
            for j in 0 ..< n { norm += g[j] * g[j] }
            guard norm > 1e-12 else { break }
            let t = step * (upperBound - lagrangian) / norm
            for j in 0 ..< n { u[j] += t * g[j] }
        }

        guard bestBound.isFinite else { return nil }  // no step ran before the deadline
        // Strictly worse than the known plan, with a margin for rounding in the sums above.
        let cutoff = upperBound + 1e-7 * abs(upperBound) + 1e-6
        var serveAllowed = (0 ..< m).map { i in (0 ..< n).map { j in usable[i][j] && !(bestServeBound[i][j] > cutoff) } }
        var openAllowed = (0 ..< m).map { !(bestOpenBound[$0] > cutoff) }
        var mustOpen = (0 ..< m).map { bestClosedBound[$0] > cutoff }
        var planOpens = [Bool](repeating: false, count: m)
        for (j, i) in plan.facilityOf.enumerated() where i >= 0 && i < m {
            serveAllowed[i][j] = true
            openAllowed[i] = true
            planOpens[i] = true
        }
        for i in 0 ..< m where !planOpens[i] { mustOpen[i] = false }
        for i in 0 ..< m where !openAllowed[i] {
            for j in 0 ..< n { serveAllowed[i][j] = false }
        }
        return LagrangianReduction(
            bound: bestBound, plan: plan, serveAllowed: serveAllowed, openAllowed: openAllowed, mustOpen: mustOpen, iterations: iterations
        )
    }
}
