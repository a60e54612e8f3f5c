extension Model {
    /// Throws the first defect that would make GLPK abort or misread the model; returns quietly when the model is safe to solve or write.
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
            guard columnObjective[j].isFinite else { throw .nonFiniteObjective(variable: name) }
            let lower = columnLower[j], upper = columnUpper[j]
            guard !lower.isNaN, !upper.isNaN, lower != .infinity, upper != -.infinity else {
                throw .invalidBound(variable: name)
            }
            guard lower <= upper else { throw .lowerAboveUpper(variable: name) }
            switch columnKinds[j] {
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

        // lastRowSeen[j] == i marks column j as already used in row i: duplicates in O(nnz).
        var lastRowSeen = [Int](repeating: -1, count: variableCount)
        for i in 0 ..< constraintCount {
            let rowName = rowNames[i]
            if rowName.allSatisfy(\.isWhitespace) { throw .invalidName(entity: "constraint", index: i) }
            let (lower, upper) = rowBounds[i].interval
            switch rowBounds[i] {
            case .lessEqual(let v), .greaterEqual(let v), .equal(let v):
                guard v.isFinite else { throw .nonFiniteRowBound(row: rowName) }
            case .range(let lo, let hi):
                guard lo.isFinite, hi.isFinite else { throw .nonFiniteRowBound(row: rowName) }
                guard lower <= upper else { throw .rangeLowerAboveUpper(row: rowName) }
            }
            for k in rowStart[i] ..< rowStart[i + 1] {
                let j = termColumn[k]
                guard j >= 0, j < variableCount else { throw .unknownVariable(row: rowName, index: j) }
                guard termValue[k].isFinite else { throw .nonFiniteCoefficient(row: rowName, variable: columnNames[j]) }
                guard lastRowSeen[j] != i else { throw .duplicateTerm(row: rowName, variable: columnNames[j]) }
                lastRowSeen[j] = i
            }
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
