/// A row added during branch-and-cut: `bounds(Σ coefficient · variable)` over the model's own columns.
///
/// A cut must hold for every integer-feasible solution of the model (a valid inequality); the solver
/// may keep it for the rest of the search below the node where it was added.
public struct Cut: Sendable {
    /// A name for error messages (solvers do not see it).
    public var name: String
    /// The cut's terms; a variable may appear once.
    public var terms: [(Variable, Double)]
    /// The allowed range of the terms' sum.
    public var bounds: RowBounds

    /// Creates a cut; it is checked (finite numbers, known columns, no repeated column) when the solver takes it.
    public init(_ name: String, _ terms: [(Variable, Double)], _ bounds: RowBounds) {
        self.name = name
        self.terms = terms
        self.bounds = bounds
    }

    /// `Σ coefficient · values[variable]`.
    public func activity(at values: [Double]) -> Double {
        terms.reduce(0) { sum, term in values.indices.contains(term.0.index) ? sum + term.1 * values[term.0.index] : sum }
    }

    /// How far `values` lie outside the cut's range (0 when they satisfy it).
    public func violation(at values: [Double]) -> Double {
        let activity = activity(at: values), (lower, upper) = bounds.interval
        return max(0, lower - activity, activity - upper)
    }
}
