import Foundation
import MIP
import Testing

/// Collects progress reports from the solving thread.
typealias ProgressLog = CallbackLog<SolveProgress>

/// Time limits, gap limits, progress and warm starts on an instance GLPK cannot finish quickly.
@Suite struct SearchControlTests {
    let hard = HardKnapsack()

    /// The LP relaxation bounds every integer solution and every honest branch-and-cut bound.
    var relaxationBound: Double {
        get throws { try #require(GLPKSolver().solveLPRelaxation(hard.model).objective) }
    }

    @Test func timeLimitStopsEarlyWithAnHonestGap() throws {
        let log = ProgressLog()
        let solution = try GLPKSolver().solve(hard.model, options: .init(timeLimit: 0.2, progress: log.append))
        #expect(solution.status == .feasible)
        let objective = try #require(solution.objective)
        let bound = try #require(solution.bestBound)
        let gap = try #require(solution.gap)
        // Maximisation: the bound is above the incumbent but can be no better than the LP relaxation.
        let relaxation = try relaxationBound
        #expect(bound > objective)
        #expect(bound <= relaxation + 1e-6)
        #expect(gap > 0)
        #expect(abs(gap - (bound - objective) / abs(objective)) < 1e-12)
        // The incumbent is a real solution of the data, and its objective is what was reported.
        #expect(hard.isFeasible(solution.values))
        #expect(abs(hard.objective(solution.values) - objective) < 1e-9)
        #expect(solution.nodes > 1)
        #expect(solution.solveSeconds >= 0.15 && solution.solveSeconds < 1.5)
        #expect(log.all.count >= 1)
    }

    @Test func progressIsReportedThrottledAndMonotone() throws {
        let log = ProgressLog()
        let solution = try GLPKSolver().solve(hard.model, options: .init(timeLimit: 1.0, progress: log.append))
        let reports = log.all
        #expect(reports.count >= 2)
        // About ten a second: one second of search allows the first report plus ten more.
        #expect(reports.count <= 12)
        for (earlier, later) in zip(reports, reports.dropFirst()) {
            #expect(later.elapsed >= earlier.elapsed + 0.09)
            #expect(later.nodes >= earlier.nodes)
            if let a = earlier.incumbent, let b = later.incumbent { #expect(b >= a) }
            if let a = earlier.bestBound, let b = later.bestBound { #expect(b <= a + 1e-9) }
        }
        let last = try #require(reports.last)
        let incumbent = try #require(last.incumbent)
        let bound = try #require(last.bestBound)
        #expect(bound >= incumbent)
        #expect(abs((last.gap ?? -1) - (bound - incumbent) / incumbent) < 1e-12)
        #expect(incumbent <= (solution.objective ?? 0))
    }

    @Test func gapLimitStopsWithinTheRequestedGap() throws {
        let solution = try GLPKSolver().solve(hard.model, options: .init(timeLimit: 20, relativeGap: 0.01))
        #expect(solution.status == .feasible)
        let gap = try #require(solution.gap)
        #expect(gap > 0 && gap <= 0.01 + 1e-12)
        let bound = try #require(solution.bestBound), objective = try #require(solution.objective)
        let relaxation = try relaxationBound
        #expect(bound >= objective && bound <= relaxation + 1e-6)
        #expect(solution.solveSeconds < 10)
        #expect(hard.isFeasible(solution.values))
    }

    /// The 5-constraint variant of the seeded knapsack has optimum 1871 (proven by `glpsol` in
    /// about 8 s and by `GLPK.solve` in about 25 s); in 0.2 s GLPK alone reaches only about 1864.
    /// Handed the optimum as a warm start, the search must report exactly that incumbent from the
    /// first progress report that has one, and return it since nothing strictly better exists.
    @Test func warmStartIsTheFirstIncumbent() throws {
        let fiveRows = HardKnapsack(constraints: 5)
        let chosen: Set<Int> = [0, 1, 2, 3, 4, 6, 11, 13, 14, 15, 21, 22, 23, 24, 26, 27, 31, 33, 34, 40, 41, 43, 44, 46, 47, 48, 49, 52, 53, 55, 56, 59]
        let optimal = fiveRows.take.indices.map { chosen.contains($0) ? 1.0 : 0.0 }
        #expect(fiveRows.isFeasible(optimal))
        #expect(fiveRows.objective(optimal) == 1871)

        let log = ProgressLog()
        let solution = try GLPKSolver().solve(
            fiveRows.model, options: .init(timeLimit: 0.2, warmStart: optimal, progress: log.append)
        )
        #expect(solution.warmStartAccepted)
        #expect(solution.status == .feasible)
        #expect(solution.objective == 1871)
        #expect(solution.values == optimal)
        #expect((solution.bestBound ?? 0) >= 1871)
        let incumbents = log.all.compactMap(\.incumbent)
        #expect(!incumbents.isEmpty)
        #expect(incumbents.allSatisfy { $0 == 1871 })
    }

    @Test func warmStartStillCountsWhenTimeRunsOutBeforeTheSearch() throws {
        let greedy = hard.greedy()
        #expect(hard.isFeasible(greedy))
        // 1 ms is not enough for the root LP, so GLPK never reaches the point of taking the warm
        // start; it is returned anyway, being a checked feasible solution.
        let solution = try GLPKSolver().solve(hard.model, options: .init(timeLimit: 0.001, warmStart: greedy))
        #expect(solution.status == .feasible)
        #expect(solution.objective == hard.objective(greedy))
        #expect(solution.values == greedy)
        let cold = try GLPKSolver().solve(hard.model, options: .init(timeLimit: 0.001))
        #expect(cold.status == .noSolutionFound)
        #expect(cold.values.isEmpty && cold.objective == nil)
    }

    @Test func warmStartOnASmallModelStillProvesOptimality() throws {
        let k = SmallKnapsack()
        // {1, 2} is feasible (weight 30, value 160) but not optimal.
        let solution = try GLPKSolver().solve(k.model, options: .init(warmStart: [1, 1, 0]))
        #expect(solution.warmStartAccepted)
        #expect(solution.status == .optimal)
        #expect(solution.objective == SmallKnapsack.optimum)
    }

    @Test func warmStartThatIsNotFeasibleIsRejectedBeforeGLPK() throws {
        let k = SmallKnapsack()
        let cases: [([Double], String)] = [
            ([1, 1], "has 2 values"),
            ([1, 1, 1], "'capacity'"),
            ([0.5, 0, 0], "'take_1'"),
            ([0, 2, 0], "'take_2'"),
            ([.nan, 0, 0], "'take_1'"),
        ]
        for (warmStart, mention) in cases {
            do {
                _ = try GLPKSolver().solve(k.model, options: .init(warmStart: warmStart))
                Issue.record("warm start \(warmStart) was accepted")
            } catch {
                guard case .invalidModel(.invalidWarmStart) = error else {
                    Issue.record("unexpected error \(error)")
                    continue
                }
                #expect(error.description.contains(mention), "\(error)")
            }
        }
    }
}
