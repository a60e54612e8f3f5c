import Foundation
import MIP
import Testing

/// What a separator saw, collected from the solving thread.
typealias CutRoundLog = CallbackLog<CutRound>

/// A cut separator during branch-and-cut, on ``OddCardinalityKnapsack`` (worked out by hand there).
@Suite struct CutSeparatorTests {
    let knapsack = OddCardinalityKnapsack()

    /// The separator sees the fractional root LP in the model's own columns, adds Σ x ≤ 7, and the root closes.
    @Test(arguments: TestSolvers.all)
    func theCardinalityCutClosesTheRoot(solver: any MIPSolver) throws {
        let log = CutRoundLog()
        let cut = knapsack.cardinalityCut
        var options = SolveOptions()
        options.cutSeparator = { round in
            log.append(round)
            if cut.violation(at: round.values) > 1e-6 { round.add(cut) }
        }
        let solution = try solver.solve(knapsack.model, options: options)

        #expect(solution.status == .optimal)
        #expect(abs((solution.objective ?? 0) - OddCardinalityKnapsack.optimum) < 1e-9)
        #expect(knapsack.take.map { solution[$0] } == Array(repeating: 0, count: 8) + Array(repeating: 1, count: 7))
        // One node: the cut made the root LP integral, so nothing was branched on.
        #expect(solution.nodes == 1)

        let first = try #require(log.all.first)
        #expect(first.depth == 0)
        #expect(abs(first.objective - OddCardinalityKnapsack.relaxation) < 1e-9)
        #expect(first.values.count == 15)
        // Items 9…15 whole, item 8 half: the presolver was off, so index 7 is item 8.
        #expect(abs(first[knapsack.take[7]] - 0.5) < 1e-9)
        #expect(abs(first.values.reduce(0, +) - 7.5) < 1e-9)
        #expect(abs(cut.violation(at: first.values) - 0.5) < 1e-9)
        // After the cut the LP was integral: the separator was not asked again.
        #expect(log.all.count == 1)
    }

    /// Without the cut GLPK (whose own cuts are off by default) must branch; a cut the LP already satisfies
    /// changes nothing: the search is the same, node for node.
    @Test func withoutTheCutGLPKBranchesAndASatisfiedCutChangesNothing() throws {
        let solver = GLPKSolver()
        // The separator turns the presolver off; compare with a search without it.
        let plain = try solver.solve(knapsack.model, options: .init(presolve: false))
        #expect(plain.status == .optimal)
        #expect(abs((plain.objective ?? 0) - OddCardinalityKnapsack.optimum) < 1e-9)
        #expect(plain.nodes > 1)

        let rounds = CutRoundLog()
        var options = SolveOptions()
        let slack = Cut("at_most_all", knapsack.take.map { ($0, 1) }, .lessEqual(15))
        options.cutSeparator = { round in
            rounds.append(round)
            round.add(slack)
        }
        let idle = try solver.solve(knapsack.model, options: options)
        #expect(idle.status == .optimal)
        #expect(abs((idle.objective ?? 0) - OddCardinalityKnapsack.optimum) < 1e-9)
        #expect(idle.nodes == plain.nodes)
        // Asked at every fractional node, deeper than the root too.
        #expect(rounds.all.count > 1)
        #expect(rounds.all.contains { $0.depth > 0 })
    }

    /// A range and a ≥ row reach GLPK's cut pool as one-sided rows (the pool takes no other kind).
    @Test(arguments: TestSolvers.all)
    func rangeAndGreaterEqualCutsAreTaken(solver: any MIPSolver) throws {
        let cuts = [
            Cut("cardinality_range", knapsack.take.map { ($0, 1) }, .range(0, 7)),
            Cut("cardinality_negated", knapsack.take.map { ($0, -1) }, .greaterEqual(-7)),
        ]
        for cut in cuts {
            var options = SolveOptions()
            options.cutSeparator = { round in if cut.violation(at: round.values) > 1e-6 { round.add(cut) } }
            let solution = try solver.solve(knapsack.model, options: options)
            #expect(abs((solution.objective ?? 0) - OddCardinalityKnapsack.optimum) < 1e-9, "\(cut.name)")
            #expect(solution.nodes == 1, "\(cut.name)")
        }
    }

    /// A cut naming a column the model does not have stops the search with a typed error, not an abort.
    @Test(arguments: TestSolvers.all)
    func aDefectiveCutIsReportedAsInvalid(solver: any MIPSolver) throws {
        var other = Model(name: "other")
        for j in 0 ..< 20 { other.addVariable("v\(j)") }
        let foreign = other.variables[19], take = knapsack.take
        let cases: [(Cut, ModelError)] = [
            (Cut("foreign", [(foreign, 1)], .lessEqual(1)), .unknownVariable(row: "foreign", index: 19)),
            (Cut("nan", [(take[0], .nan)], .lessEqual(1)), .nonFiniteCoefficient(row: "nan", variable: "take_1")),
            (Cut("twice", [(take[0], 1), (take[0], 1)], .lessEqual(1)), .duplicateTerm(row: "twice", variable: "take_1")),
            (Cut("open", [(take[0], 1)], .lessEqual(.infinity)), .nonFiniteRowBound(row: "open")),
        ]
        for (cut, expected) in cases {
            var options = SolveOptions()
            options.cutSeparator = { round in round.add(cut) }
            do {
                _ = try solver.solve(knapsack.model, options: options)
                Issue.record("a search with the cut '\(cut.name)' succeeded")
            } catch {
                guard case .invalidModel(let reported) = error else {
                    Issue.record("\(cut.name): unexpected \(error)")
                    continue
                }
                #expect(reported == expected)
            }
        }
    }

    @Test func aCutMeasuresItsViolation() {
        let cut = knapsack.cardinalityCut
        #expect(cut.activity(at: Array(repeating: 0.5, count: 15)) == 7.5)
        #expect(cut.violation(at: Array(repeating: 0.5, count: 15)) == 0.5)
        #expect(cut.violation(at: Array(repeating: 0.4, count: 15)) == 0)
        let range = Cut("r", [(knapsack.take[0], 2)], .range(1, 3))
        #expect(range.violation(at: [0] + Array(repeating: 0, count: 14)) == 1)
        #expect(range.violation(at: [2] + Array(repeating: 0, count: 14)) == 1)
    }
}
