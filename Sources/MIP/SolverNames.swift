/// Names as GLPK and the MPS/LP formats will accept them, derived from the model's free-form names.
///
/// The model keeps the original names for error messages; only GLPK sees these. Rules: ASCII
/// letters, digits and `_ . ( ) { } ~ , # @ !` (the intersection of what free MPS and GLPK's CPLEX LP
/// reader take); anything else becomes `_`; a name may not start with a digit or `.`, nor be an
/// LP keyword; at most 255 bytes; unique among columns and among rows (+ objective), because a
/// written file with two equal names reads back as a different model.
struct SolverNames {
    var problem: String
    var objective: String
    var columns: [String]
    var rows: [String]

    init(_ model: Model) {
        problem = Self.sanitize(model.name)
        var used = Set<String>()
        columns = model.columnNames.map { Self.unique(Self.sanitize($0), in: &used) }
        used.removeAll(keepingCapacity: true)
        rows = model.rowNames.map { Self.unique(Self.sanitize($0), in: &used) }
        objective = Self.unique("obj", in: &used)
    }

    private static let punctuation: Set<Character> = ["_", ".", "(", ")", "{", "}", "~", ",", "#", "@", "!"]
    // Words GLPK's CPLEX LP reader treats as section or bound keywords when they stand alone.
    private static let keywords: Set<String> = [
        "minimize", "minimum", "min", "maximize", "maximum", "max", "subject", "such", "st", "s.t.",
        "bounds", "bound", "free", "infinity", "inf", "general", "generals", "gen",
        "integer", "integers", "int", "binary", "binaries", "bin", "end",
    ]
    // Leaves room for a uniqueness suffix within GLPK's 255-byte limit.
    private static let maxBaseLength = 240

    static func sanitize(_ raw: String) -> String {
        var out = String(raw.prefix(maxBaseLength).map { c in
            c.isASCII && (c.isLetter || c.isNumber || punctuation.contains(c)) ? c : "_"
        })
        if out.isEmpty { out = "_" }
        if let first = out.first, first.isNumber || first == "." { out = "_" + out }
        if keywords.contains(out.lowercased()) { out += "_" }
        return out
    }

    private static func unique(_ base: String, in used: inout Set<String>) -> String {
        if used.insert(base).inserted { return base }
        var k = 2
        while !used.insert("\(base)_\(k)").inserted { k += 1 }
        return "\(base)_\(k)"
    }
}
