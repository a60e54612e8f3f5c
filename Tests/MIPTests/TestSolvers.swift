import MIP

/// Every backend the seam tests run against: a new ``MIPSolver`` is added here.
enum TestSolvers {
    static let all: [any MIPSolver] = [GLPKSolver()]
}
