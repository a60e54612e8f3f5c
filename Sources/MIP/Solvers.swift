/// The solvers this build links, and the one used when a caller names none.
public enum Solvers {
    /// GLPK, linked by every build; planners, the facility-location solver and the CLI use it.
    public static let `default`: any MIPSolver = GLPKSolver()
}
