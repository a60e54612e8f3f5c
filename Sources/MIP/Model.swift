/// Whether the solver should make the objective as small or as large as possible.
public enum ObjectiveSense: Sendable {
    /// Smallest objective wins (costs).
    case minimize
    /// Largest objective wins (recovered value).
    case maximize
}

/// A linear or mixed-integer program held in flat arrays, ready to be handed to a solver in one call.
///
/// ```swift
/// var model = Model(name: "lanes", sense: .minimize)
/// let open = model.addVariable("open_hub_PL", kind: .binary, objective: 900)
/// let flow = model.addVariable("flow_DE_PL", upper: 400, objective: 2.5)
/// model.addConstraint("link_DE_PL", [(flow, 1), (open, -400)], .lessEqual(0))
/// let solution = try Solvers.default.solve(model)
/// ```
///
/// Nothing is checked while building (building must stay cheap for large networks);
/// ``validate()`` — run automatically by every ``MIPSolver`` entry point — reports the first problem.
public struct Model: Sendable {
    /// The problem name written into MPS/LP files.
    public var name: String
    /// Whether the objective is minimised or maximised.
    public var sense: ObjectiveSense
    /// A constant added to the objective (fixed costs that do not depend on any decision).
    public var objectiveConstant: Double = 0

    // Columns, one entry per variable.
    var columnNames: [String] = []
    var columnKinds: [VariableKind] = []
    var columnLower: [Double] = []
    var columnUpper: [Double] = []
    var columnObjective: [Double] = []

    // Rows in compressed sparse row form: the terms of row i are rowStart[i] ..< rowStart[i + 1].
    var rowNames: [String] = []
    var rowBounds: [RowBounds] = []
    var rowStart: [Int] = [0]
    var termColumn: [Int] = []
    var termValue: [Double] = []

    // setObjective/setBounds cannot throw (they are called in tight build loops), so a handle
    // from another model is remembered here and reported by validate().
    var unknownReferences: [ModelError] = []

    /// Creates an empty model.
    public init(name: String = "model", sense: ObjectiveSense = .minimize) {
        self.name = name
        self.sense = sense
    }

    /// The number of columns added so far.
    public var variableCount: Int { columnNames.count }
    /// The number of rows added so far.
    public var constraintCount: Int { rowNames.count }
    /// The number of stored matrix coefficients (exact zeros are never stored).
    public var nonzeroCount: Int { termValue.count }
    /// Handles to every column, in index order.
    public var variables: [Variable] { columnNames.indices.map(Variable.init(index:)) }
    /// Handles to every row, in index order.
    public var constraints: [Constraint] { rowNames.indices.map(Constraint.init(index:)) }
    /// True when at least one column is integer or binary, so ``MIPSolver/solve(_:options:)`` runs branch-and-cut.
    public var isMIP: Bool { columnKinds.contains { $0 != .continuous } }

    /// Adds a column and returns its handle; for `.binary`, an infinite `upper` means 1.
    @discardableResult
    public mutating func addVariable(
        _ name: String, kind: VariableKind = .continuous,
        lower: Double = 0, upper: Double = .infinity, objective: Double = 0
    ) -> Variable {
        let variable = Variable(index: columnNames.count)
        columnNames.append(name)
        columnKinds.append(kind)
        columnLower.append(lower)
        columnUpper.append(kind == .binary && upper == .infinity ? 1 : upper)
        columnObjective.append(objective)
        return variable
    }

    /// Adds a row `bounds(Σ coefficient · variable)` and returns its handle; zero coefficients are dropped.
    ///
    /// A variable may appear only once per row; a repeat is reported by ``validate()`` as
    /// ``ModelError/duplicateTerm(row:variable:)`` rather than silently summed, because in a
    /// network model a repeated arc is almost always a bug in the code that generated the row.
    @discardableResult
    public mutating func addConstraint(_ name: String, _ terms: [(Variable, Double)], _ bounds: RowBounds) -> Constraint {
        let constraint = Constraint(index: rowNames.count)
        rowNames.append(name)
        rowBounds.append(bounds)
        for (variable, coefficient) in terms where coefficient != 0 {
            termColumn.append(variable.index)
            termValue.append(coefficient)
        }
        rowStart.append(termValue.count)
        return constraint
    }

    /// Sets the objective coefficient of `v`, replacing the previous one.
    public mutating func setObjective(_ v: Variable, _ coefficient: Double) {
        guard columnObjective.indices.contains(v.index) else {
            unknownReferences.append(.unknownVariableReference(context: "setObjective", index: v.index))
            return
        }
        columnObjective[v.index] = coefficient
    }

    /// Sets both bounds of `v` — e.g. `lower == upper` fixes an integer for a re-solve; for `.binary`, an infinite `upper` means 1.
    public mutating func setBounds(_ v: Variable, lower: Double, upper: Double) {
        guard columnLower.indices.contains(v.index) else {
            unknownReferences.append(.unknownVariableReference(context: "setBounds", index: v.index))
            return
        }
        columnLower[v.index] = lower
        columnUpper[v.index] = columnKinds[v.index] == .binary && upper == .infinity ? 1 : upper
    }

    /// The name given to `v`, or `#index` for a handle that does not belong to this model.
    public func name(of v: Variable) -> String {
        columnNames.indices.contains(v.index) ? columnNames[v.index] : "#\(v.index)"
    }

    /// The name given to `c`, or `#index` for a handle that does not belong to this model.
    public func name(of c: Constraint) -> String {
        rowNames.indices.contains(c.index) ? rowNames[c.index] : "#\(c.index)"
    }

    /// The kind of `v` (`.continuous` for a handle that does not belong to this model).
    public func kind(of v: Variable) -> VariableKind {
        columnKinds.indices.contains(v.index) ? columnKinds[v.index] : .continuous
    }

    /// The current bounds of `v` (`nil` for a handle that does not belong to this model).
    public func bounds(of v: Variable) -> (lower: Double, upper: Double)? {
        guard columnLower.indices.contains(v.index) else { return nil }
        return (columnLower[v.index], columnUpper[v.index])
    }

    /// The objective coefficient of `v` (0 for a handle that does not belong to this model).
    public func objectiveCoefficient(of v: Variable) -> Double {
        columnObjective.indices.contains(v.index) ? columnObjective[v.index] : 0
    }

    /// The bounds of row `c` (`nil` for a handle that does not belong to this model).
    public func bounds(of c: Constraint) -> RowBounds? {
        rowBounds.indices.contains(c.index) ? rowBounds[c.index] : nil
    }

    /// The terms of row `c` as stored (zeros dropped, in insertion order).
    public func terms(of c: Constraint) -> [(Variable, Double)] {
        guard rowBounds.indices.contains(c.index) else { return [] }
        return (rowStart[c.index] ..< rowStart[c.index + 1]).map { (Variable(index: termColumn[$0]), termValue[$0]) }
    }

    /// The objective value of a full assignment `values` (indexed by variable), including ``objectiveConstant``.
    public func objectiveValue(of values: [Double]) -> Double {
        var total = objectiveConstant
        for (j, c) in columnObjective.enumerated() where j < values.count { total += c * values[j] }
        return total
    }
}
