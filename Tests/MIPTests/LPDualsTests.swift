import MIP
import Testing

/// Row duals and reduced costs of a tiny LP, worked out by hand, from a solve, the LP relaxation and a session.
///
/// min 2x + 3y + 5z over cover: x + y + z ≥ 4 and xCap: x ≤ 3. By hand: x is cheapest and takes its cap 3,
/// y the last 1, z nothing: cost 9. y is basic in cover, so cover's dual is y's cost 3; x is basic too, so
/// 2 − 3 − xCap's dual = 0 gives xCap's dual −1 (one more unit of cap saves 1). Reduced costs: x and y are
/// basic (0), z costs 5 − 3 = 2 more than the y it would replace. Maximising the negated objective flips
/// every sign: duals 3 → −3, −1 → 1, z's reduced cost −2.
@Suite struct LPDualsTests {
    static func model(_ sense: ObjectiveSense) -> Model {
        let sign: Double = sense == .minimize ? 1 : -1
        var model = Model(name: "priced", sense: sense)
        let x = model.addVariable("x", objective: sign * 2)
        let y = model.addVariable("y", objective: sign * 3)
        let z = model.addVariable("z", kind: .integer, objective: sign * 5)
        model.addConstraint("cover", [(x, 1), (y, 1), (z, 1)], .greaterEqual(4))
        model.addConstraint("xCap", [(x, 1)], .lessEqual(3))
        return model
    }

    static func close(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) < 1e-9 }
    }

    @Test(arguments: TestSolvers.all, [ObjectiveSense.minimize, .maximize])
    func dualsAndReducedCostsMatchTheHandSolution(solver: any MIPSolver, sense: ObjectiveSense) throws {
        let sign: Double = sense == .minimize ? 1 : -1
        let model = Self.model(sense)
        // z is an integer column: the relaxation drops that; the values are integral anyway.
        let relaxed = try solver.solveLPRelaxation(model)
        #expect(relaxed.status == .optimal)
        #expect(abs((relaxed.objective ?? 0) - sign * 9) < 1e-9)
        #expect(Self.close(relaxed.values, [3, 1, 0]))
        #expect(Self.close(relaxed.rowDuals, [sign * 3, sign * -1]), "\(relaxed.rowDuals)")
        #expect(Self.close(relaxed.reducedCosts, [0, 0, sign * 2]), "\(relaxed.reducedCosts)")

        // The same numbers from a session, before and after nothing changed.
        let fromSession = try solver.withLPSession(model) { lp throws(SolverError) -> ([Double], [Double]) in
            _ = try lp.solve()
            return (lp.rowDuals, model.variables.map { lp.reducedCost($0) })
        }
        #expect(Self.close(fromSession.0, [sign * 3, sign * -1]), "\(fromSession.0)")
        #expect(Self.close(fromSession.1, [0, 0, sign * 2]), "\(fromSession.1)")
    }
}
