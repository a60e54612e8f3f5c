/// A defect in a ``Model`` (or in the ``SolveOptions``, a cut or an added column for it) found before the solver sees it;
/// GLPK would abort the process instead.
///
/// Every case names the offending row or variable by the name it was given, so the message
/// can be shown to whoever wrote the scenario that produced the model.
public enum ModelError: Error, CustomStringConvertible, Equatable {
    /// A variable or constraint name is empty (`entity` is "variable" or "constraint").
    case invalidName(entity: String, index: Int)
    /// A matrix coefficient is NaN or infinite.
    case nonFiniteCoefficient(row: String, variable: String)
    /// An objective coefficient is NaN or infinite.
    case nonFiniteObjective(variable: String)
    /// ``Model/objectiveConstant`` is NaN or infinite.
    case nonFiniteObjectiveConstant
    /// A bound is NaN, the lower bound is +∞ or the upper bound is −∞.
    case invalidBound(variable: String)
    /// The lower bound of a variable is above its upper bound.
    case lowerAboveUpper(variable: String)
    /// A binary variable has bounds outside [0, 1].
    case binaryBoundsOutOfRange(variable: String)
    /// An integer or binary variable has a fractional finite bound.
    case fractionalIntegerBound(variable: String)
    /// A row refers to a variable handle that is not part of this model.
    case unknownVariable(row: String, index: Int)
    /// `setObjective`/`setBounds` was called with a variable handle that is not part of this model.
    case unknownVariableReference(context: String, index: Int)
    /// A column added to an ``LPSession`` refers to a row handle that is not part of the session.
    case unknownConstraint(variable: String, index: Int)
    /// The same variable appears twice in one row (or a row twice in one added column).
    case duplicateTerm(row: String, variable: String)
    /// A row bound is NaN or infinite.
    case nonFiniteRowBound(row: String)
    /// A `.range(lo, hi)` row has `lo > hi`.
    case rangeLowerAboveUpper(row: String)
    /// The model has more rows, columns or coefficients than GLPK's 32-bit indices can address.
    case tooLarge(String)
    /// ``SolveOptions/warmStart`` is not a feasible assignment of this model.
    case invalidWarmStart(String)
    /// A ``SolveOptions`` value is out of range.
    case invalidOption(String)

    /// A one-sentence explanation naming the row or variable and, where possible, the fix.
    public var description: String {
        switch self {
        case .invalidName(let entity, let index):
            "\(entity) #\(index) has an empty name; give every \(entity) a name so errors and MPS/LP files can refer to it"
        case .nonFiniteCoefficient(let row, let variable):
            "constraint '\(row)': the coefficient of '\(variable)' is not a finite number"
        case .nonFiniteObjective(let variable):
            "variable '\(variable)': the objective coefficient is not a finite number"
        case .nonFiniteObjectiveConstant:
            "the objective constant is not a finite number"
        case .invalidBound(let variable):
            "variable '\(variable)': a bound is NaN, or the lower bound is +infinity, or the upper bound is -infinity"
        case .lowerAboveUpper(let variable):
            "variable '\(variable)': the lower bound is above the upper bound"
        case .binaryBoundsOutOfRange(let variable):
            "variable '\(variable)': a binary variable must have bounds within [0, 1]"
        case .fractionalIntegerBound(let variable):
            "variable '\(variable)': an integer variable needs integral bounds (round them: ceil the lower, floor the upper)"
        case .unknownVariable(let row, let index):
            "constraint '\(row)': variable #\(index) does not belong to this model (was it created by another Model?)"
        case .unknownVariableReference(let context, let index):
            "\(context): variable #\(index) does not belong to this model (was it created by another Model?)"
        case .unknownConstraint(let variable, let index):
            "variable '\(variable)': constraint #\(index) does not belong to this session (was it created by another Model?)"
        case .duplicateTerm(let row, let variable):
            "constraint '\(row)': variable '\(variable)' appears more than once; sum its coefficients into one term"
        case .nonFiniteRowBound(let row):
            "constraint '\(row)': the right-hand side must be a finite number"
        case .rangeLowerAboveUpper(let row):
            "constraint '\(row)': the range's lower end is above its upper end"
        case .tooLarge(let what):
            "the model is too large for the solver's 32-bit indices: \(what)"
        case .invalidWarmStart(let why):
            "warm start rejected: \(why)"
        case .invalidOption(let why):
            "invalid solve option: \(why)"
        }
    }
}
