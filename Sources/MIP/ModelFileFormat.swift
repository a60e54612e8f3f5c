/// A file format a model can be written in, to re-solve it with any other solver.
public enum ModelFileFormat: Sendable, Equatable, CaseIterable {
    /// Free MPS. MPS has no objective sense: a maximisation model reads back as a minimisation
    /// unless the reader is told otherwise (`glpsol --max`).
    case mps
    /// CPLEX LP, objective sense included. An objective constant is written as a column
    /// `objective_constant` fixed at 1, and a model without rows gets an empty row `no_constraints`,
    /// because LP readers drop a bare constant and an empty constraint section.
    case cplexLP

    /// The usual file extension, without the dot: `mps` or `lp`.
    public var fileExtension: String {
        switch self {
        case .mps: "mps"
        case .cplexLP: "lp"
        }
    }
}
