import Testing
import MIP

/// A loaded LP re-solved after bound changes: each answer checked by hand.
@Suite struct LPSessionTests {
    /// min x + 2y over x + y ≥ 4, x ≤ 3, 0 ≤ y ≤ 10 (y's integrality is dropped).
    static func model() -> (Model, Variable, Variable, Constraint) {
        var model = Model(name: "cover", sense: .minimize)
        let x = model.addVariable("x", upper: 3, objective: 1)
        let y = model.addVariable("y", kind: .integer, upper: 10, objective: 2)
        let cover = model.addConstraint("cover", [(x, 1), (y, 1)], .greaterEqual(4))
        return (model, x, y, cover)
    }

    @Test func fixingAndReleasingColumns() throws {
        let (model, x, y, cover) = Self.model()
        let seen = try LPSession.with(model) { lp throws(SolverError) -> [Double?] in
            var seen: [Double?] = []
            // x takes all it can (3), y the rest (1): cost 5.
            seen += [try lp.solve(), lp.value(x), lp.value(y), lp.rowValue(cover)]
            // y fixed at 3: x needs only 1, cost 1 + 6; one more y costs 2 and saves 1 of x (reduced cost 1).
            lp.fix(y, to: 3)
            seen += [try lp.solve(), lp.value(x), lp.reducedCost(y)]
            // y fixed at 0: x ≤ 3 cannot cover 4.
            lp.fix(y, to: 0)
            seen += [try lp.solve()]
            lp.release(y)
            seen += [try lp.solve(), Double(lp.values.count)]
            return seen
        }
        let expected: [Double?] = [5, 3, 1, 4, 7, 1, 1, nil, 5, 2]
        #expect(seen.count == expected.count)
        for (got, want) in zip(seen, expected) {
            if let want { #expect(got.map { abs($0 - want) < 1e-9 } ?? false, "got \(String(describing: got)), want \(want)") } else { #expect(got == nil) }
        }
    }

    @Test func aPassedDeadlineStopsTheSolve() throws {
        let (model, _, _, _) = Self.model()
        let (late, onTime) = try LPSession.with(model) { lp throws(SolverError) in
            lp.deadline = .now - .seconds(1)
            let late = try lp.solve()
            lp.deadline = nil
            return (late, try lp.solve())
        }
        #expect(late == nil)
        #expect(onTime == 5)
    }

    @Test func anInvalidModelIsRefused() {
        var model = Model(name: "bad", sense: .minimize)
        _ = model.addVariable("z", lower: 2, upper: 1)
        #expect(throws: SolverError.self) { try LPSession.with(model) { _ throws(SolverError) in } }
    }

    /// min 3x + 2y over demand: x + y ≥ 4 and limit: y ≤ 3; then a column z and a row on it, as column and row
    /// generation add them.
    ///
    /// By hand: y is cheaper and takes its limit 3, x the last 1: cost 9; demand's dual is x's cost 3, limit's
    /// 2 − 3 = −1. A column z (cost 1, one unit of demand each) prices out at 1 − 3 = −2, so it enters and takes
    /// all 4: cost 4, demand's dual 1. The row zCap: z ≤ 1.5 leaves 2.5 to y (cost 2): 1.5 + 5 = 6.5, demand's
    /// dual 2 (y is marginal), zCap's 1 − 2 = −1, limit's 0 (y at 2.5 < 3). Fixing z at 0 gives 9 again, releasing
    /// it 6.5.
    @Test(arguments: TestSolvers.all)
    func addingAColumnAndARowThenResolving(solver: any MIPSolver) throws {
        var model = Model(name: "generation", sense: .minimize)
        let x = model.addVariable("x", objective: 3)
        let y = model.addVariable("y", objective: 2)
        let demand = model.addConstraint("demand", [(x, 1), (y, 1)], .greaterEqual(4))
        model.addConstraint("limit", [(y, 1)], .lessEqual(3))

        struct Seen: Equatable { var cost: Double?; var values: [Double]; var duals: [Double] }
        let seen = try solver.withLPSession(model) { lp throws(SolverError) -> [Seen] in
            var seen: [Seen] = []
            seen.append(Seen(cost: try lp.solve(), values: lp.values, duals: lp.rowDuals))
            let z = try lp.addVariable("z", objective: 1, column: [(demand, 1)])
            #expect(z.index == 2 && lp.variableCount == 3)
            seen.append(Seen(cost: try lp.solve(), values: lp.values, duals: lp.rowDuals))
            #expect(abs(lp.reducedCost(y) - 1) < 1e-9)
            let zCap = try lp.addConstraint("zCap", [(z, 1)], .lessEqual(1.5))
            #expect(zCap.index == 2 && lp.constraintCount == 3)
            seen.append(Seen(cost: try lp.solve(), values: lp.values, duals: lp.rowDuals))
            #expect(abs(lp.rowValue(zCap) - 1.5) < 1e-9 && abs(lp.rowDual(zCap) + 1) < 1e-9)
            lp.fix(z, to: 0)
            seen.append(Seen(cost: try lp.solve(), values: lp.values, duals: []))
            lp.release(z)
            seen.append(Seen(cost: try lp.solve(), values: lp.values, duals: []))
            return seen
        }
        let expected = [
            Seen(cost: 9, values: [1, 3], duals: [3, -1]),
            Seen(cost: 4, values: [0, 0, 4], duals: [1, 0]),
            Seen(cost: 6.5, values: [0, 2.5, 1.5], duals: [2, 0, -1]),
            Seen(cost: 9, values: [1, 3, 0], duals: []),
            Seen(cost: 6.5, values: [0, 2.5, 1.5], duals: []),
        ]
        #expect(seen.count == expected.count)
        for (got, want) in zip(seen, expected) {
            let close = { (a: [Double], b: [Double]) in a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) < 1e-9 } }
            #expect(got.cost.map { abs($0 - want.cost!) < 1e-9 } ?? false, "cost \(String(describing: got.cost)), want \(want.cost!)")
            #expect(close(got.values, want.values), "values \(got.values), want \(want.values)")
            #expect(close(got.duals, want.duals), "duals \(got.duals), want \(want.duals)")
        }
    }

    /// A row that cuts the last optimum off makes the LP infeasible when nothing else can cover: nil, not a throw.
    @Test(arguments: TestSolvers.all)
    func anAddedRowCanMakeTheLPInfeasible(solver: any MIPSolver) throws {
        let (model, x, y, cover) = Self.model()
        let costs = try solver.withLPSession(model) { lp throws(SolverError) -> [Double?] in
            let before = try lp.solve()
            try lp.addConstraint("no_y", [(y, 1)], .lessEqual(0))
            let after = try lp.solve()
            try lp.addVariable("spare", upper: 1, objective: 10, column: [(cover, 1)])
            return [before, after, try lp.solve(), lp.value(x)]
        }
        // 5; then x ≤ 3 alone cannot cover 4; then the spare unit covers the last 1 at 10: 3 + 10.
        let expected: [Double?] = [5, nil, 13, 3]
        #expect(costs.count == expected.count)
        for (got, want) in zip(costs, expected) {
            if let want { #expect(got.map { abs($0 - want) < 1e-9 } ?? false, "got \(String(describing: got)), want \(want)") } else { #expect(got == nil) }
        }
    }

    /// Added columns and rows are checked like a model's: a typed error, and the session goes on.
    @Test(arguments: TestSolvers.all)
    func defectiveAdditionsAreRefusedByName(solver: any MIPSolver) throws {
        let (model, x, _, cover) = Self.model()
        var other = Model(name: "other")
        for j in 0 ..< 5 { other.addVariable("v\(j)") }
        for i in 0 ..< 5 { other.addConstraint("r\(i)", [], .lessEqual(0)) }
        let errors = try solver.withLPSession(model) { lp throws(SolverError) -> [ModelError?] in
            let errors = [
                Self.refusal { () throws(SolverError) in try lp.addVariable("w", column: [(other.constraints[4], 1)]) },
                Self.refusal { () throws(SolverError) in try lp.addVariable("w", column: [(cover, 1), (cover, 2)]) },
                Self.refusal { () throws(SolverError) in try lp.addVariable("w", lower: 2, upper: 1) },
                Self.refusal { () throws(SolverError) in try lp.addConstraint("r", [(other.variables[4], 1)], .lessEqual(1)) },
                Self.refusal { () throws(SolverError) in try lp.addConstraint("r", [(x, .infinity)], .lessEqual(1)) },
                Self.refusal { () throws(SolverError) in try lp.addConstraint("r", [(x, 1)], .range(2, 1)) },
            ]
            // Nothing was added: the session still solves the original LP.
            #expect(lp.variableCount == 2 && lp.constraintCount == 1)
            #expect(try lp.solve() == 5)
            return errors
        }
        #expect(errors == [
            ModelError.unknownConstraint(variable: "w", index: 4),
            .duplicateTerm(row: "cover", variable: "w"),
            .lowerAboveUpper(variable: "w"),
            .unknownVariable(row: "r", index: 4),
            .nonFiniteCoefficient(row: "r", variable: "x"),
            .rangeLowerAboveUpper(row: "r"),
        ])
    }

    /// The validation error an addition was refused with, or nil (recorded as an issue) when it was accepted.
    static func refusal(_ attempt: () throws(SolverError) -> Void) -> ModelError? {
        do {
            try attempt()
            Issue.record("an invalid addition was accepted")
        } catch {
            if case .invalidModel(let reported) = error { return reported }
            Issue.record("unexpected \(error)")
        }
        return nil
    }
}
