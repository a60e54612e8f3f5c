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
}
