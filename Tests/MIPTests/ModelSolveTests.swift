import MIP
import Testing

/// Small models whose optimum is worked out by hand in the comments of `TestModels.swift` or here.
@Suite struct ModelSolveTests {
    @Test func transportationReachesHandComputedOptimum() throws {
        let t = Transportation()
        let solution = try GLPKSolver().solve(t.model)
        #expect(solution.status == .optimal)
        #expect(!solution.isMIP)
        #expect(abs((solution.objective ?? 0) - Transportation.optimum) < 1e-9)
        #expect(solution.bestBound == solution.objective)
        #expect(solution.gap == 0)
        let expected = [[5.0, 0, 15], [5.0, 25, 0]]
        for s in 0 ..< 2 {
            for d in 0 ..< 3 { #expect(abs(solution[t.ship[s][d]] - expected[s][d]) < 1e-9) }
        }
        // Supply equals demand, so the duals are degenerate (not unique); `lpReportsKnownDuals` checks values.
        #expect(solution.rowDuals.count == 5)
        #expect(solution.reducedCosts.count == 6)
    }

    @Test func knapsackPicksTheTwoLargerItems() throws {
        let k = SmallKnapsack()
        let solution = try GLPKSolver().solve(k.model)
        #expect(solution.status == .optimal)
        #expect(solution.isMIP)
        #expect(solution.objective == SmallKnapsack.optimum)
        #expect(k.take.map { solution[$0] } == [0, 1, 1])
        #expect(solution.rowDuals.isEmpty)
        #expect(solution.bestBound == SmallKnapsack.optimum)
    }

    @Test func lpRelaxationIgnoresIntegrality() throws {
        let k = SmallKnapsack()
        let relaxed = try GLPKSolver().solveLPRelaxation(k.model)
        #expect(relaxed.status == .optimal)
        #expect(!relaxed.isMIP)
        #expect(abs((relaxed.objective ?? 0) - SmallKnapsack.relaxation) < 1e-9)
        #expect(abs(relaxed[k.take[2]] - 2.0 / 3.0) < 1e-9)
        // The capacity row prices weight at the ratio of the fractional item: 120 / 30 = 4.
        #expect(abs(relaxed.rowDuals[0] - 4) < 1e-9)
    }

    @Test(arguments: [true, false])
    func facilityLocationOpensHubsAAndB(presolve: Bool) throws {
        let f = FacilityLocation()
        let solution = try GLPKSolver().solve(f.model, options: .init(presolve: presolve))
        #expect(solution.status == .optimal)
        #expect(abs((solution.objective ?? 0) - FacilityLocation.optimum) < 1e-9)
        #expect(f.open.map { solution[$0] } == [1, 1, 0])
        #expect(f.assign[0].map { solution[$0] } == [1, 1, 0, 0])
        #expect(f.assign[1].map { solution[$0] } == [0, 0, 1, 1])
    }

    @Test func fixingTheDesignThenPricingItWithTheLPRelaxation() throws {
        var f = FacilityLocation()
        let design = try GLPKSolver().solve(f.model)
        for v in f.open + f.assign.flatMap({ $0 }) {
            f.model.setBounds(v, lower: design[v], upper: design[v])
        }
        let priced = try GLPKSolver().solveLPRelaxation(f.model)
        #expect(priced.status == .optimal)
        #expect(abs((priced.objective ?? 0) - FacilityLocation.optimum) < 1e-9)
        #expect(priced.rowDuals.count == f.model.constraintCount)
        // Duals and reduced costs must satisfy d_j = c_j − Σ_i a_ij π_i for every column.
        var pricedOut = f.model.variables.map { f.model.objectiveCoefficient(of: $0) }
        for row in f.model.constraints {
            for (v, a) in f.model.terms(of: row) { pricedOut[v.index] -= a * priced.rowDuals[row.index] }
        }
        for j in pricedOut.indices { #expect(abs(priced.reducedCosts[j] - pricedOut[j]) < 1e-9) }
    }

    /// min 2x + 3y  s.t.  x + y ≥ 4,  x + 3y ≥ 6,  x, y ≥ 0.
    /// Vertex x = 3, y = 1 (both rows tight), objective 9. Duals solve y1 + y2 = 2, y1 + 3y2 = 3:
    /// y1 = 1.5, y2 = 0.5 (check: 1.5·4 + 0.5·6 = 9). Both columns basic → reduced costs 0.
    @Test func lpReportsKnownDuals() throws {
        var model = Model(name: "duals")
        let x = model.addVariable("x", objective: 2)
        let y = model.addVariable("y", objective: 3)
        model.addConstraint("cover_a", [(x, 1), (y, 1)], .greaterEqual(4))
        model.addConstraint("cover_b", [(x, 1), (y, 3)], .greaterEqual(6))
        for presolve in [true, false] {
            let solution = try GLPKSolver().solve(model, options: .init(presolve: presolve))
            #expect(solution.status == .optimal)
            #expect(abs((solution.objective ?? 0) - 9) < 1e-9)
            #expect(abs(solution[x] - 3) < 1e-9 && abs(solution[y] - 1) < 1e-9)
            #expect(abs(solution.rowDuals[0] - 1.5) < 1e-9)
            #expect(abs(solution.rowDuals[1] - 0.5) < 1e-9)
            #expect(solution.reducedCosts.allSatisfy { abs($0) < 1e-9 })
        }
    }

    /// Wyndor Glass (Hillier & Lieberman): max 3x + 5y s.t. x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18.
    /// Optimum x = 2, y = 6, z = 36; shadow prices 0, 1.5, 1 (dz/db, positive for a maximisation).
    @Test func maximizeReportsOptimumAndShadowPrices() throws {
        var model = Model(name: "wyndor", sense: .maximize)
        let x = model.addVariable("doors", objective: 3)
        let y = model.addVariable("windows", objective: 5)
        model.addConstraint("plant_1", [(x, 1)], .lessEqual(4))
        model.addConstraint("plant_2", [(y, 2)], .lessEqual(12))
        model.addConstraint("plant_3", [(x, 3), (y, 2)], .lessEqual(18))
        let solution = try GLPKSolver().solve(model)
        #expect(solution.status == .optimal)
        #expect(abs((solution.objective ?? 0) - 36) < 1e-9)
        #expect(abs(solution[x] - 2) < 1e-9 && abs(solution[y] - 6) < 1e-9)
        let expectedDuals = [0, 1.5, 1]
        for i in 0 ..< 3 { #expect(abs(solution.rowDuals[i] - expectedDuals[i]) < 1e-9) }
    }

    /// x − y = 1 and 2 ≤ x + y ≤ 4 give x = y + 1 with 0.5 ≤ y ≤ 1.5; the objective x + 2y = 3y + 1.
    /// min: y = 0.5 → 2.5; max: y = 1.5 → 5.5; with y integer: min y = 1 → 4, max y = 1 → 4.
    /// A constant of 10 shifts every optimum by 10.
    @Test(arguments: [
        (ObjectiveSense.minimize, VariableKind.continuous, 2.5),
        (.maximize, .continuous, 5.5),
        (.minimize, .integer, 4),
        (.maximize, .integer, 4),
    ])
    func rangeAndEqualityRows(sense: ObjectiveSense, kind: VariableKind, optimum: Double) throws {
        var model = Model(name: "ranges", sense: sense)
        model.objectiveConstant = 10
        let x = model.addVariable("x", lower: -.infinity, objective: 1)
        let y = model.addVariable("y", kind: kind, lower: -5, upper: 5, objective: 2)
        model.addConstraint("balance", [(x, 1), (y, -1)], .equal(1))
        model.addConstraint("window", [(x, 1), (y, 1)], .range(2, 4))
        let solution = try GLPKSolver().solve(model)
        #expect(solution.status == .optimal)
        #expect(abs((solution.objective ?? 0) - (optimum + 10)) < 1e-9)
        #expect(abs(solution[x] - solution[y] - 1) < 1e-9)
    }

    @Test(arguments: [true, false])
    func infeasibleLP(presolve: Bool) throws {
        var model = Model(name: "infeasible_lp")
        let x = model.addVariable("x", objective: 1)
        let y = model.addVariable("y", objective: 1)
        model.addConstraint("at_least_5", [(x, 1), (y, 1)], .greaterEqual(5))
        model.addConstraint("at_most_3", [(x, 1), (y, 1)], .lessEqual(3))
        let solution = try GLPKSolver().solve(model, options: .init(presolve: presolve))
        #expect(solution.status == .infeasible)
        #expect(solution.objective == nil && solution.values.isEmpty)
    }

    /// 2n = 3 has the LP solution n = 1.5 but no integer one, so branch-and-cut has to prove it;
    /// x + y ≥ 3 over binaries is already infeasible as an LP.
    @Test(arguments: [true, false])
    func infeasibleMIP(presolve: Bool) throws {
        var parity = Model(name: "parity")
        let n = parity.addVariable("n", kind: .integer, upper: 10, objective: 1)
        parity.addConstraint("odd_half", [(n, 2)], .equal(3))
        let p = try GLPKSolver().solve(parity, options: .init(presolve: presolve))
        #expect(p.status == .infeasible)
        #expect(p.objective == nil)

        var tooMany = Model(name: "too_many")
        let a = tooMany.addVariable("a", kind: .binary, objective: 1)
        let b = tooMany.addVariable("b", kind: .binary, objective: 1)
        tooMany.addConstraint("need_three", [(a, 1), (b, 1)], .greaterEqual(3))
        #expect(try GLPKSolver().solve(tooMany, options: .init(presolve: presolve)).status == .infeasible)
    }

    @Test(arguments: [true, false])
    func unboundedLPAndMIP(presolve: Bool) throws {
        for kind in [VariableKind.continuous, .integer] {
            var model = Model(name: "unbounded", sense: .maximize)
            let x = model.addVariable("x", kind: kind, objective: 1)
            let y = model.addVariable("y", kind: kind, objective: 1)
            model.addConstraint("spread", [(x, 1), (y, -1)], .lessEqual(1))
            let solution = try GLPKSolver().solve(model, options: .init(presolve: presolve))
            #expect(solution.status == .unbounded, "kind \(kind)")
        }
    }

    @Test func modelsWithoutConstraints() throws {
        var lp = Model(name: "bounds_only")
        lp.addVariable("x", lower: 2, upper: 5, objective: 1)
        #expect(try GLPKSolver().solve(lp).objective == 2)

        var mip = Model(name: "bounds_only_int", sense: .maximize)
        mip.addVariable("n", kind: .integer, lower: -3, upper: 7, objective: 2)
        mip.addVariable("unused", kind: .binary)
        let solution = try GLPKSolver().solve(mip)
        #expect(solution.status == .optimal && solution.objective == 14)

        #expect(try GLPKSolver().solve(Model()).status == .optimal)
    }

    @Test func concurrentSolvesOnSeparateThreadsAgree() async throws {
        let model = FacilityLocation().model
        let objectives = try await withThrowingTaskGroup(of: Double?.self) { group in
            for _ in 0 ..< 8 { group.addTask { try GLPKSolver().solve(model).objective } }
            return try await group.reduce(into: [Double?]()) { $0.append($1) }
        }
        #expect(objectives.count == 8)
        #expect(objectives.allSatisfy { $0 == FacilityLocation.optimum })
    }

    @Test func versionIsReported() {
        #expect(GLPKSolver().version.split(separator: ".").count >= 2)
    }
}
