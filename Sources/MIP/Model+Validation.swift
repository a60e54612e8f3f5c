extension Model {
    /// Throws the first defect that would make a solver abort (GLPK does) or misread the model; returns quietly when the model is safe to solve or write.
    public func validate() throws(ModelError) {
        if let first = unknownReferences.first { throw first }
        let limit = Int(Int32.max) - 1  // GLPK indexes with int and uses element 0 as a sentinel
        guard variableCount < limit else { throw .tooLarge("\(variableCount) variables") }
        guard constraintCount < limit else { throw .tooLarge("\(constraintCount) constraints") }
        guard nonzeroCount < limit else { throw .tooLarge("\(nonzeroCount) coefficients") }
        guard objectiveConstant.isFinite else { throw .nonFiniteObjectiveConstant }

        for j in 0 ..< variableCount {
            let name = columnNames[j]
            if name.allSatisfy(\.isWhitespace) { throw .invalidName(entity: "variable", index: j) }
            try Self.checkColumn(name, kind: columnKinds[j], lower: columnLower[j], upper: columnUpper[j], objective: columnObjective[j])
        }

        // lastRowSeen[j] == i marks column j as already used in row i: duplicates in O(nnz).
        var lastRowSeen = [Int](repeating: -1, count: variableCount)
        for i in 0 ..< constraintCount {
            let rowName = rowNames[i]
            if rowName.allSatisfy(\.isWhitespace) { throw .invalidName(entity: "constraint", index: i) }
            try Self.checkRowBounds(rowBounds[i], row: rowName)
            for k in rowStart[i] ..< rowStart[i + 1] {
                let j = termColumn[k]
                guard j >= 0, j < variableCount else { throw .unknownVariable(row: rowName, index: j) }
                guard termValue[k].isFinite else { throw .nonFiniteCoefficient(row: rowName, variable: columnNames[j]) }
                guard lastRowSeen[j] != i else { throw .duplicateTerm(row: rowName, variable: columnNames[j]) }
                lastRowSeen[j] = i
            }
        }
    }

    /// The rules for one column: a finite objective, sensible bounds, integral bounds for integers.
    static func checkColumn(_ name: String, kind: VariableKind, lower: Double, upper: Double, objective: Double) throws(ModelError) {
        guard objective.isFinite else { throw .nonFiniteObjective(variable: name) }
        guard !lower.isNaN, !upper.isNaN, lower != .infinity, upper != -.infinity else {
            throw .invalidBound(variable: name)
        }
        guard lower <= upper else { throw .lowerAboveUpper(variable: name) }
        switch kind {
        case .continuous:
            break
        case .binary:
            guard lower >= 0, upper <= 1 else { throw .binaryBoundsOutOfRange(variable: name) }
            fallthrough
        case .integer:
            // GLPK refuses fractional integer bounds with GLP_EBOUND; rounding them here
            // would hide an error in the caller's capacity arithmetic.
            if lower.isFinite, lower.rounded() != lower { throw .fractionalIntegerBound(variable: name) }
            if upper.isFinite, upper.rounded() != upper { throw .fractionalIntegerBound(variable: name) }
        }
    }

    /// The rules for a row's bounds: finite ends, and a range whose lower end is not above its upper one.
    static func checkRowBounds(_ bounds: RowBounds, row name: String) throws(ModelError) {
        switch bounds {
        case .lessEqual(let v), .greaterEqual(let v), .equal(let v):
            guard v.isFinite else { throw .nonFiniteRowBound(row: name) }
        case .range(let lo, let hi):
            guard lo.isFinite, hi.isFinite else { throw .nonFiniteRowBound(row: name) }
            guard lo <= hi else { throw .rangeLowerAboveUpper(row: name) }
        }
    }

    /// The rules ``validate()`` applies to a row, for row `index` added after loading (a cut, a session's new row)
    /// over `columnCount` columns named by `columnName`.
    static func checkAddedRow(
        _ name: String, index: Int, _ terms: [(Variable, Double)], _ bounds: RowBounds,
        columnCount: Int, columnName: (Int) -> String
    ) throws(ModelError) {
        if name.allSatisfy(\.isWhitespace) { throw .invalidName(entity: "constraint", index: index) }
        try checkRowBounds(bounds, row: name)
        var seen = Set<Int>(minimumCapacity: terms.count)
        for (variable, coefficient) in terms {
            let j = variable.index
            guard j >= 0, j < columnCount else { throw .unknownVariable(row: name, index: j) }
            guard coefficient.isFinite else { throw .nonFiniteCoefficient(row: name, variable: columnName(j)) }
            guard seen.insert(j).inserted else { throw .duplicateTerm(row: name, variable: columnName(j)) }
        }
    }

    /// Checks that `values` is a feasible assignment (bounds, integrality, every row) within `tolerance`.
    ///
    /// GLPK's `glp_ios_heur_sol` trusts whatever it is given, so an infeasible warm start would
    /// come back labelled as a solution; this is the check GLPK does not do.
    public func checkFeasible(_ values: [Double], tolerance: Double = 1e-6) throws(ModelError) {
        guard values.count == variableCount else {
            throw .invalidWarmStart("it has \(values.count) values but the model has \(variableCount) variables")
        }
        for j in 0 ..< variableCount {
            let x = values[j], name = columnNames[j]
            guard x.isFinite else { throw .invalidWarmStart("variable '\(name)' is not a finite number") }
            let slack = tolerance * max(1, abs(x))
            guard x >= columnLower[j] - slack, x <= columnUpper[j] + slack else {
                throw .invalidWarmStart("variable '\(name)' = \(x) is outside [\(columnLower[j]), \(columnUpper[j])]")
            }
            if columnKinds[j] != .continuous, abs(x - x.rounded()) > tolerance {
                throw .invalidWarmStart("integer variable '\(name)' = \(x) is fractional")
            }
        }
        for i in 0 ..< constraintCount {
            var activity = 0.0, scale = 1.0
            for k in rowStart[i] ..< rowStart[i + 1] {
                let term = termValue[k] * values[termColumn[k]]
                activity += term
                scale = max(scale, abs(term))
            }
            let (lower, upper) = rowBounds[i].interval
            let slack = tolerance * scale
            guard activity >= lower - slack, activity <= upper + slack else {
                throw .invalidWarmStart("constraint '\(rowNames[i])' has activity \(activity), outside [\(lower), \(upper)]")
            }
        }
    }
}
