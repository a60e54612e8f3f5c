/// A handle to a row of a ``Model``; `index` is its 0-based position.
public struct Constraint: Hashable, Sendable {
    /// The row's 0-based position in the model (and in ``Solution/rowDuals``).
    public let index: Int
    init(index: Int) { self.index = index }
}

/// The allowed range of a row's activity `Σ aⱼxⱼ`; every bound must be finite.
public enum RowBounds: Sendable, Equatable {
    /// activity ≤ value
    case lessEqual(Double)
    /// activity ≥ value
    case greaterEqual(Double)
    /// activity = value
    case equal(Double)
    /// lower ≤ activity ≤ upper
    case range(Double, Double)
}

extension RowBounds {
    // Both ends as GLPK sees them, with ±infinity for a missing side.
    var interval: (lower: Double, upper: Double) {
        switch self {
        case .lessEqual(let u): (-.infinity, u)
        case .greaterEqual(let l): (l, .infinity)
        case .equal(let v): (v, v)
        case .range(let l, let u): (l, u)
        }
    }
}
