import Foundation
import MIP
import Testing

/// Every defect GLPK would abort on is caught in Swift, typed, and names its row or variable.
@Suite struct ValidationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        let model: Model
        let error: ModelError
        let mention: String
        var testDescription: String { label }
    }

    /// A valid base model: one hub, one lane, one capacity row.
    static func base(_ edit: (inout Model, Variable, Variable) -> Void) -> Model {
        var model = Model(name: "base")
        let hub = model.addVariable("open_hub", kind: .binary, objective: 100)
        let lane = model.addVariable("lane_DE_PL", upper: 50, objective: 2)
        model.addConstraint("link", [(lane, 1), (hub, -50)], .lessEqual(0))
        edit(&model, hub, lane)
        return model
    }

    static let cases: [Case] = [
        Case(label: "empty variable name", model: base { m, _, _ in m.addVariable("  ") },
             error: .invalidName(entity: "variable", index: 2), mention: "#2"),
        Case(label: "empty constraint name", model: base { m, h, _ in m.addConstraint("", [(h, 1)], .lessEqual(1)) },
             error: .invalidName(entity: "constraint", index: 1), mention: "constraint #1"),
        Case(label: "NaN coefficient", model: base { m, h, l in m.addConstraint("bad_row", [(h, 1), (l, .nan)], .lessEqual(1)) },
             error: .nonFiniteCoefficient(row: "bad_row", variable: "lane_DE_PL"), mention: "'bad_row'"),
        Case(label: "infinite objective", model: base { m, _, l in m.setObjective(l, .infinity) },
             error: .nonFiniteObjective(variable: "lane_DE_PL"), mention: "'lane_DE_PL'"),
        Case(label: "NaN objective constant", model: base { m, _, _ in m.objectiveConstant = .nan },
             error: .nonFiniteObjectiveConstant, mention: "constant"),
        Case(label: "NaN bound", model: base { m, _, l in m.setBounds(l, lower: .nan, upper: 1) },
             error: .invalidBound(variable: "lane_DE_PL"), mention: "'lane_DE_PL'"),
        Case(label: "lower +infinity", model: base { m, _, l in m.setBounds(l, lower: .infinity, upper: .infinity) },
             error: .invalidBound(variable: "lane_DE_PL"), mention: "'lane_DE_PL'"),
        Case(label: "lower above upper", model: base { m, _, l in m.setBounds(l, lower: 5, upper: 4) },
             error: .lowerAboveUpper(variable: "lane_DE_PL"), mention: "'lane_DE_PL'"),
        Case(label: "binary above 1", model: base { m, h, _ in m.setBounds(h, lower: 0, upper: 2) },
             error: .binaryBoundsOutOfRange(variable: "open_hub"), mention: "'open_hub'"),
        Case(label: "fractional integer bound", model: base { m, _, _ in m.addVariable("trucks", kind: .integer, upper: 2.5) },
             error: .fractionalIntegerBound(variable: "trucks"), mention: "'trucks'"),
        Case(label: "variable from another model", model: base { m, _, _ in
            var other = Model()
            (0 ..< 5).forEach { other.addVariable("v\($0)") }
            m.addConstraint("foreign", [(other.addVariable("stranger"), 1)], .lessEqual(1))
        }, error: .unknownVariable(row: "foreign", index: 5), mention: "'foreign'"),
        Case(label: "setBounds on a foreign variable", model: base { m, _, _ in
            var other = Model()
            (0 ..< 5).forEach { other.addVariable("v\($0)") }
            m.setBounds(other.addVariable("stranger"), lower: 0, upper: 1)
        }, error: .unknownVariableReference(context: "setBounds", index: 5), mention: "#5"),
        Case(label: "setObjective on a foreign variable", model: base { m, _, _ in
            var other = Model()
            (0 ..< 7).forEach { other.addVariable("v\($0)") }
            m.setObjective(other.addVariable("stranger"), 1)
        }, error: .unknownVariableReference(context: "setObjective", index: 7), mention: "setObjective"),
        Case(label: "duplicate term", model: base { m, h, l in m.addConstraint("twice", [(l, 1), (h, 1), (l, 2)], .lessEqual(9)) },
             error: .duplicateTerm(row: "twice", variable: "lane_DE_PL"), mention: "'lane_DE_PL'"),
        Case(label: "infinite right-hand side", model: base { m, h, _ in m.addConstraint("open_end", [(h, 1)], .lessEqual(.infinity)) },
             error: .nonFiniteRowBound(row: "open_end"), mention: "'open_end'"),
        Case(label: "NaN range end", model: base { m, h, _ in m.addConstraint("nan_range", [(h, 1)], .range(.nan, 1)) },
             error: .nonFiniteRowBound(row: "nan_range"), mention: "'nan_range'"),
        Case(label: "inverted range", model: base { m, h, _ in m.addConstraint("window", [(h, 1)], .range(3, 1)) },
             error: .rangeLowerAboveUpper(row: "window"), mention: "'window'"),
    ]

    @Test(arguments: cases)
    func defectIsReportedByName(_ c: Case) throws {
        #expect(throws: c.error) { try c.model.validate() }
        #expect(c.error.description.contains(c.mention), "\(c.error)")

        // Every entry point validates first: GLPK never sees the model, so nothing aborts.
        for attempt in ["solve", "relaxation", "mps", "lp"] {
            do {
                switch attempt {
                case "solve": _ = try GLPKSolver().solve(c.model)
                case "relaxation": _ = try GLPKSolver().solveLPRelaxation(c.model)
                case "mps": try GLPKSolver().writeMPS(c.model, to: NSTemporaryDirectory() + "never.mps")
                default: try GLPKSolver().writeLP(c.model, to: NSTemporaryDirectory() + "never.lp")
                }
                Issue.record("\(attempt) accepted a model with: \(c.label)")
            } catch {
                guard case .invalidModel(let reported) = error else {
                    Issue.record("\(attempt): unexpected \(error)")
                    continue
                }
                #expect(reported == c.error)
            }
        }
    }

    @Test func validModelPasses() throws {
        let model = Self.base { _, _, _ in }
        try model.validate()
        #expect(try GLPKSolver().solve(model).objective == 0)
    }

    @Test func binaryDefaultUpperBoundIsOne() throws {
        var model = Model(sense: .maximize)
        let y = model.addVariable("y", kind: .binary, objective: 1)
        #expect(model.bounds(of: y)?.upper == 1)
        #expect(try GLPKSolver().solve(model).objective == 1)
    }

    @Test func zeroCoefficientsAreDroppedNotDuplicates() throws {
        var model = Model()
        let x = model.addVariable("x")
        model.addConstraint("row", [(x, 0), (x, 1)], .lessEqual(1))
        try model.validate()
        #expect(model.nonzeroCount == 1)
    }

    @Test(arguments: [
        SolveOptions(timeLimit: 0), SolveOptions(timeLimit: -1), SolveOptions(timeLimit: .nan),
        SolveOptions(relativeGap: -0.1), SolveOptions(relativeGap: .infinity),
    ])
    func invalidOptionsAreRejected(_ options: SolveOptions) {
        do {
            _ = try GLPKSolver().solve(SmallKnapsack().model, options: options)
            Issue.record("accepted \(options)")
        } catch {
            guard case .invalidModel(.invalidOption) = error else {
                Issue.record("unexpected \(error)")
                return
            }
        }
    }
}
