import MIP

/// The model with its column handles: `open[i]` is y_i, `serve[i][j]` is x_ij (nil when left out).
struct FacilityLocationModel {
    var model: Model
    let open: [Variable?]
    let serve: [[Variable?]]
    let customers: Int
    /// How many x_ij columns the model has.
    let serveColumns: Int

    /// Builds the model; `serveAllowed`/`openAllowed` false leaves a column out, `mustOpen` fixes y_i = 1.
    init(
        _ instance: CapacitatedFacilityLocation, sourcing: Sourcing,
        serveAllowed: [[Bool]]? = nil, openAllowed: [Bool]? = nil, mustOpen: [Bool]? = nil,
        minimumOpenRow: Bool = false
    ) {
        let m = instance.facilities, n = instance.customers
        var model = Model(name: "cflp_\(instance.name)_\(sourcing.rawValue)", sense: .minimize)
        let kind: VariableKind = sourcing == .single ? .binary : .continuous
        let open: [Variable?] = (0 ..< m).map { i in
            guard openAllowed?[i] ?? true else { return nil }
            let lower: Double = mustOpen?[i] ?? false ? 1 : 0
            return model.addVariable("open_\(i + 1)", kind: .binary, lower: lower, upper: 1, objective: instance.fixedCost[i])
        }
        let serve: [[Variable?]] = (0 ..< m).map { i in
            (0 ..< n).map { j in
                // A customer bigger than the facility can never be served from it whole.
                let fits = sourcing == .multi || instance.demand[j] <= instance.capacity[i]
                guard open[i] != nil, fits, serveAllowed?[i][j] ?? true else { return nil }
                return model.addVariable("serve_\(i + 1)_\(j + 1)", kind: kind, upper: 1, objective: instance.cost[i][j])
            }
        }
        for j in 0 ..< n {
            let terms = (0 ..< m).compactMap { i in serve[i][j].map { ($0, 1.0) } }
            model.addConstraint("demand_\(j + 1)", terms, .equal(1))
        }
        for i in 0 ..< m {
            guard let y = open[i] else { continue }
            let terms = (0 ..< n).compactMap { j in serve[i][j].map { ($0, instance.demand[j]) } }
            model.addConstraint("capacity_\(i + 1)", terms + [(y, -instance.capacity[i])], .lessEqual(0))
        }
        for i in 0 ..< m {
            guard let y = open[i] else { continue }
            for j in 0 ..< n {
                guard let x = serve[i][j] else { continue }
                model.addConstraint("link_\(i + 1)_\(j + 1)", [(x, 1), (y, -1)], .lessEqual(0))
            }
        }
        let aggregate = (0 ..< m).compactMap { i in open[i].map { ($0, instance.capacity[i]) } }
        model.addConstraint("aggregate_capacity", aggregate, .greaterEqual(instance.totalDemand))
        if minimumOpenRow {
            // Valid because no fewer facilities can hold the demand; the LP alone allows fractions
            // of one (e.g. 6.36 facilities of 8,000 for 50,886 units in capa1, where 7 are needed).
            let count = (0 ..< m).compactMap { i in open[i].map { ($0, 1.0) } }
            model.addConstraint("minimum_open", count, .greaterEqual(Double(instance.minimumOpenFacilities)))
        }
        self.model = model
        self.open = open
        self.serve = serve
        customers = n
        serveColumns = serve.reduce(0) { $0 + $1.count { $0 != nil } }
    }

    /// A full assignment of the model's columns for a single-source plan (whose columns must all be in the model).
    func values(open isOpen: [Bool], facilityOf: [Int]) -> [Double] {
        var values = [Double](repeating: 0, count: model.variableCount)
        for (i, y) in open.enumerated() where isOpen[i] { if let y { values[y.index] = 1 } }
        for (j, i) in facilityOf.enumerated() { if let x = serve[i][j] { values[x.index] = 1 } }
        return values
    }

    /// Open facilities and each customer's shares, read from a solution.
    func plan(from solution: Solution, sourcing: Sourcing) -> (open: [Int], assignment: [[FacilityLocationResult.Share]]) {
        let openFacilities = open.indices.filter { i in open[i].map { solution[$0] > 0.5 } ?? false }
        let assignment = (0 ..< customers).map { j in
            let shares = serve.indices.compactMap { i -> FacilityLocationResult.Share? in
                guard let x = serve[i][j] else { return nil }
                let share = solution[x]
                return share > 1e-9 ? .init(facility: i, share: share) : nil
            }
            guard sourcing == .single, let main = shares.max(by: { $0.share < $1.share }) else { return shares }
            return [.init(facility: main.facility, share: 1)]
        }
        return (openFacilities, assignment)
    }
}
