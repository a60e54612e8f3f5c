import CGLPK

/// Builds a `glp_prob` from a validated ``Model``, lends it to `body`, and deletes it.
///
/// GLPK problems are bound to the OS thread that created them (deleting one elsewhere aborts),
/// so the problem never outlives this synchronous call and is never stored.
func withGLPKProblem<R>(
    _ model: Model, keepIntegrality: Bool,
    _ body: (OpaquePointer) throws(SolverError) -> R
) throws(SolverError) -> R {
    guard let prob = glp_create_prob() else {
        throw .solverFailed(code: -1, message: "GLPK glp_create_prob returned no problem object")
    }
    defer { glp_delete_prob(prob) }
    load(model, into: prob, keepIntegrality: keepIntegrality)
    return try body(prob)
}

private func load(_ model: Model, into prob: OpaquePointer, keepIntegrality: Bool) {
    let names = SolverNames(model)
    let m = model.constraintCount, n = model.variableCount, nnz = model.nonzeroCount
    glp_set_prob_name(prob, names.problem)
    glp_set_obj_name(prob, names.objective)
    glp_set_obj_dir(prob, model.sense == .minimize ? GLP_MIN : GLP_MAX)
    glp_set_obj_coef(prob, 0, model.objectiveConstant)
    // glp_add_rows/cols abort on a count of zero.
    if m > 0 { glp_add_rows(prob, Int32(m)) }
    if n > 0 { glp_add_cols(prob, Int32(n)) }

    for i in 0 ..< m {
        let row = Int32(i + 1)
        let (lower, upper) = model.rowBounds[i].interval
        glp_set_row_name(prob, row, names.rows[i])
        glp_set_row_bnds(prob, row, glpkBoundType(lower, upper), lower.isFinite ? lower : 0, upper.isFinite ? upper : 0)
    }
    for j in 0 ..< n {
        let col = Int32(j + 1)
        let lower = model.columnLower[j], upper = model.columnUpper[j]
        glp_set_col_name(prob, col, names.columns[j])
        // GLP_BV would reset the bounds to [0, 1] and undo a fixing done with setBounds.
        if keepIntegrality && model.columnKinds[j] != .continuous { glp_set_col_kind(prob, col, GLP_IV) }
        glp_set_col_bnds(prob, col, glpkBoundType(lower, upper), lower.isFinite ? lower : 0, upper.isFinite ? upper : 0)
        glp_set_obj_coef(prob, col, model.columnObjective[j])
    }

    // One glp_load_matrix call with 1-based triplets (element 0 is ignored by GLPK).
    var ia = [Int32](repeating: 0, count: nnz + 1)
    var ja = [Int32](repeating: 0, count: nnz + 1)
    var ar = [Double](repeating: 0, count: nnz + 1)
    for i in 0 ..< m {
        for k in model.rowStart[i] ..< model.rowStart[i + 1] {
            ia[k + 1] = Int32(i + 1)
            ja[k + 1] = Int32(model.termColumn[k] + 1)
            ar[k + 1] = model.termValue[k]
        }
    }
    glp_load_matrix(prob, Int32(nnz), ia, ja, ar)
}

/// GLPK's bound type for `lower ≤ x ≤ upper` with ±infinity for a missing side.
func glpkBoundType(_ lower: Double, _ upper: Double) -> Int32 {
    switch (lower.isFinite, upper.isFinite) {
    case (false, false): GLP_FR
    case (true, false): GLP_LO
    case (false, true): GLP_UP
    case (true, true): lower == upper ? GLP_FX : GLP_DB
    }
}

/// GLPK's meaning of a solver return code, for error messages.
func describeGLPKCode(_ code: Int32) -> String {
    switch code {
    case 0: "success"
    case GLP_EBADB: "invalid initial basis"
    case GLP_ESING: "singular basis matrix"
    case GLP_ECOND: "ill-conditioned basis matrix"
    case GLP_EBOUND: "incorrect bounds (double-bounded variable with lower ≥ upper, or fractional integer bound)"
    case GLP_EFAIL: "solver failure (numerical difficulties)"
    case GLP_EOBJLL: "objective lower limit reached"
    case GLP_EOBJUL: "objective upper limit reached"
    case GLP_EITLIM: "iteration limit exceeded"
    case GLP_ETMLIM: "time limit exceeded"
    case GLP_ENOPFS: "no primal feasible solution"
    case GLP_ENODFS: "no dual feasible solution"
    case GLP_EROOT: "optimal basis for the root LP relaxation not provided"
    case GLP_ESTOP: "search terminated by the application"
    case GLP_EMIPGAP: "relative MIP gap tolerance reached"
    default: "unexpected return code"
    }
}
