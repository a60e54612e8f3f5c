import Foundation
import MIP
import Testing

private let glpsolPath = "/usr/bin/glpsol"
private let glpsolInstalled = FileManager.default.isExecutableFile(atPath: glpsolPath)

/// Runs `glpsol` on a written file and returns the objective it reports.
private func glpsolObjective(_ arguments: [String]) throws -> Double? {
    let report = NSTemporaryDirectory() + "boomerang-mip-\(UUID().uuidString).txt"
    defer { try? FileManager.default.removeItem(atPath: report) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: glpsolPath)
    process.arguments = arguments + ["-o", report]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    // The report has a line like "Objective:  obj = 240 (MINimum)".
    let text = try String(contentsOfFile: report, encoding: .utf8)
    guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Objective:") }),
          let equals = line.firstIndex(of: "=")
    else { return nil }
    return line[line.index(after: equals)...].split(separator: " ").first.flatMap { Double($0) }
}

private func temporaryPath(_ ext: String) -> String {
    NSTemporaryDirectory() + "boomerang-mip-\(UUID().uuidString).\(ext)"
}

/// Written files are read back by an independent program (`glpsol`) and must describe the same model.
@Suite(.enabled(if: glpsolInstalled, "glpsol not found at /usr/bin/glpsol (apt-get install glpk-utils); skipping file round-trips"))
struct FileExportTests {
    /// A model with awkward names: spaces, non-ASCII, brackets, a leading digit, an LP keyword,
    /// and two variables whose names collide after sanitising.
    static func awkwardlyNamed() -> Model {
        var f = FacilityLocation()
        f.model.name = "returns network (EU→UK)"
        f.model.objectiveConstant = 7.5
        let a = f.model.addVariable("flow DE→PL [express]", upper: 3, objective: -1)
        let b = f.model.addVariable("flow DE_PL _express_", upper: 3, objective: -1)
        let c = f.model.addVariable("1st", kind: .integer, upper: 4, objective: -0.5)
        let d = f.model.addVariable("end", upper: 2, objective: 0.25)
        f.model.addConstraint("obj", [(a, 1), (b, 1)], .range(1, 4))
        f.model.addConstraint("st", [(c, 2), (d, 1)], .range(-1, 5))
        f.model.addConstraint("Zürich ≥ 1", [(d, 1)], .greaterEqual(1))
        return f.model
    }

    @Test func mpsRoundTripThroughGlpsol() throws {
        let model = Self.awkwardlyNamed()
        let ours = try #require(try GLPKSolver().solve(model).objective)
        let path = temporaryPath("mps")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try GLPKSolver().writeMPS(model, to: path)
        let theirs = try #require(try glpsolObjective(["--freemps", path]))
        #expect(abs(ours - theirs) < 1e-6)
    }

    @Test(arguments: [ObjectiveSense.minimize, .maximize])
    func lpRoundTripThroughGlpsol(sense: ObjectiveSense) throws {
        var model = Self.awkwardlyNamed()
        model.sense = sense
        let ours = try #require(try GLPKSolver().solve(model).objective)
        let path = temporaryPath("lp")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try GLPKSolver().writeLP(model, to: path)
        let theirs = try #require(try glpsolObjective(["--lp", path]))
        #expect(abs(ours - theirs) < 1e-6)
    }

    /// GLPK's own LP writer would drop the constant and write nothing for a row-less model.
    @Test func constantOnlyAndRowlessModelsRoundTrip() throws {
        var rowless = Model(name: "rowless")
        rowless.objectiveConstant = -4
        rowless.addVariable("trucks", kind: .integer, lower: 2, upper: 9, objective: 3)
        var empty = Model(name: "empty")
        empty.objectiveConstant = 12
        for model in [rowless, empty] {
            let ours = try #require(try GLPKSolver().solve(model).objective)
            for (ext, flag) in [("lp", "--lp"), ("mps", "--freemps")] {
                let path = temporaryPath(ext)
                defer { try? FileManager.default.removeItem(atPath: path) }
                if ext == "lp" { try GLPKSolver().writeLP(model, to: path) } else { try GLPKSolver().writeMPS(model, to: path) }
                let theirs = try glpsolObjective([flag, path])
                #expect(theirs == ours, "\(model.name) as \(ext)")
            }
        }
    }

    @Test func maximisationMPSNeedsTheSenseFromTheReader() throws {
        let k = SmallKnapsack()
        let path = temporaryPath("mps")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try GLPKSolver().writeMPS(k.model, to: path)
        #expect(try glpsolObjective(["--freemps", path, "--max"]) == SmallKnapsack.optimum)
    }
}

@Test func writingIntoAMissingDirectoryFailsWithIOError() {
    let path = "/nonexistent-boomerang-dir/model.out"
    func expectIOError(_ write: () throws(SolverError) -> Void) {
        do {
            try write()
            Issue.record("wrote into a missing directory")
        } catch {
            guard case .io(let message) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(message.contains(path))
        }
    }
    expectIOError { () throws(SolverError) in try GLPKSolver().writeMPS(SmallKnapsack().model, to: path) }
    expectIOError { () throws(SolverError) in try GLPKSolver().writeLP(SmallKnapsack().model, to: path) }
}

/// Names reach the file sanitised (ASCII, no spaces, not a keyword, not starting with a digit) and unique.
@Test func writtenNamesAreSanitisedAndUnique() throws {
    var model = FileExportTests.awkwardlyNamed()
    model.addVariable(String(repeating: "long", count: 100), upper: 1)
    let path = temporaryPath("lp")
    defer { try? FileManager.default.removeItem(atPath: path) }
    try GLPKSolver().writeLP(model, to: path)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.allSatisfy { $0.isASCII })
    let words = Set(text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ":" }).map(String.init))
    for name in ["flow_DE_PL__express_", "flow_DE_PL__express__2", "_1st", "end_", "st_", "Z_rich___1", "obj", "obj_2"] {
        #expect(words.contains(name), "\(name) missing")
    }
    #expect(words.contains(String(repeating: "long", count: 60)))
    #expect(!words.contains("1st") && !words.contains("st"))
}
