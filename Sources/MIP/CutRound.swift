/// One call of a cut separator (``SolveOptions/cutSeparator``): the LP solution at a branch-and-cut node,
/// and the cuts the separator adds to it.
///
/// The solver calls the separator when a node's LP optimum is fractional, before it branches. If the
/// cuts cut that optimum off, the node's LP is solved again with them and the separator is called again
/// (while the LP stays fractional); a cut that the LP solution already satisfies may be dropped, so a
/// separator that finds nothing new adds nothing and the solver branches.
///
/// ```swift
/// options.cutSeparator = { round in
///     // Σ 2·x_i ≤ 15 with x binary gives Σ x_i ≤ 7 (divide by 2, round down).
///     let cover = Cut("cover", items.map { ($0, 1) }, .lessEqual(7))
///     if cover.violation(at: round.values) > 1e-6 { round.add(cover) }
/// }
/// ```
///
/// The values are in the model's own columns: a separator turns the solver's MIP presolver off, as a warm
/// start does (GLPK's callbacks would otherwise see its transformed problem, with other columns).
public struct CutRound: Sendable {
    /// The node LP's value of every column, by variable index.
    public let values: [Double]
    /// The node LP's objective: a bound on every integer solution below this node.
    public let objective: Double
    /// The node's depth in the search tree (0 at the root).
    public let depth: Int
    /// The cuts added in this round, in order.
    public private(set) var cuts: [Cut] = []

    /// Creates a round (the solver does; tests of a separator may too).
    public init(values: [Double], objective: Double, depth: Int) {
        self.values = values
        self.objective = objective
        self.depth = depth
    }

    /// The node LP's value of `v` (NaN for a handle that is not from the model).
    public subscript(_ v: Variable) -> Double {
        values.indices.contains(v.index) ? values[v.index] : .nan
    }

    /// Adds a cut to the node; it must be valid for every integer-feasible solution of the model.
    public mutating func add(_ cut: Cut) { cuts.append(cut) }

    /// Adds the cut `bounds(Σ coefficient · variable)`.
    public mutating func addCut(_ name: String, _ terms: [(Variable, Double)], _ bounds: RowBounds) {
        cuts.append(Cut(name, terms, bounds))
    }
}
