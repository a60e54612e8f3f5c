import Foundation
import Testing
import Planning

/// Runs the built `boomerang` binary end to end on the files in `Scenarios/` and on broken input.
enum Binary {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var path: String? {
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        candidates.append(root.appendingPathComponent(".build/debug"))
        for folder in candidates {
            var url = folder
            // The test bundle may sit inside `X.xctest/Contents/MacOS`.
            for _ in 0..<4 {
                let binary = url.appendingPathComponent("boomerang").path
                if FileManager.default.isExecutableFile(atPath: binary) { return binary }
                url = url.deletingLastPathComponent()
            }
        }
        return nil
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(path, "the boomerang binary was not built"))
        process.arguments = arguments
        process.currentDirectoryURL = root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    static var scenarios: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Scenarios").path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { "Scenarios/\($0)" }
    }

    static var badScenarios: [String] {
        let folder = root.appendingPathComponent("Tests/ReturnsNetworkTests/Fixtures/bad")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted().map { "Tests/ReturnsNetworkTests/Fixtures/bad/\($0)" }
    }

    static func temporaryFile(_ name: String, _ text: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("boomerang-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }
}

@Suite(.serialized) struct CommandLineTests {
    @Test(arguments: Binary.scenarios)
    func validateAcceptsEveryExample(_ scenario: String) throws {
        let result = try Binary.run(["validate", scenario])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("valid"))
    }

    @Test(arguments: Binary.scenarios)
    func planPrintsAnOptimalPlan(_ scenario: String) throws {
        let result = try Binary.run(["plan", scenario])
        #expect(result.status == 0, "\(result.stderr)")
        for heading in ["— optimal", "Lanes and consolidation batches", "Dispositions", "Costs (per period)", "net", "Service"] {
            #expect(result.stdout.contains(heading), "missing \(heading)")
        }
    }

    @Test func planJSONIsTheDocumentedSchema() throws {
        let result = try Binary.run(["plan", "Scenarios/eu-uk-returns.yaml", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let plan = try JSONDecoder().decode(Plan.self, from: Data(result.stdout.utf8))
        #expect(plan.solve.status == .optimal)
        #expect(plan.currency == "GBP")
        #expect(abs(plan.netCost - plan.costs.net) < 1e-9)
    }

    @Test func planCSVListsFlows() throws {
        let result = try Binary.run(["plan", "Scenarios/eu-uk-returns.yaml", "--format", "csv"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "zone,category,condition,disposition,parcels,share,cost_per_parcel,transit_days,nodes,lanes")
        #expect(lines.count > 5)
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count >= 10 })
    }

    @Test func theOutputFilesExtensionPicksTheFormatUnlessFormatIsGiven() throws {
        let json = try Binary.temporaryFile("plan.json", "")
        #expect(try Binary.run(["plan", "Scenarios/eu-uk-returns.yaml", "-o", json]).status == 0)
        let plan = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any]
        #expect(plan?["solve"] != nil)
        let csv = try Binary.temporaryFile("flows.csv", "")
        #expect(try Binary.run(["plan", "Scenarios/eu-uk-returns.yaml", "-o", csv]).status == 0)
        #expect(try String(contentsOfFile: csv, encoding: .utf8).hasPrefix("zone,category,condition,disposition,"))
        let text = try Binary.temporaryFile("plan.json", "")
        #expect(try Binary.run(["plan", "Scenarios/eu-uk-returns.yaml", "--format", "text", "-o", text]).status == 0)
        #expect(try String(contentsOfFile: text, encoding: .utf8).first != "{")
    }

    @Test func usageErrorsExitWithTheDocumentedCode64() throws {
        let result = try Binary.run(["plan", "Scenarios/eu-uk-returns.yaml", "--no-such-option"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("no-such-option"))
    }

    @Test func planWritesMPSAndLPFiles() throws {
        let mps = try Binary.temporaryFile("plan.mps", "")
        let lp = try Binary.temporaryFile("plan.lp", "")
        let result = try Binary.run(["plan", "Scenarios/eu-uk-returns.yaml", "--write-mps", mps, "--write-lp", lp, "-o", "/dev/null"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: mps, encoding: .utf8).contains("COLUMNS"))
        #expect(try String(contentsOfFile: lp, encoding: .utf8).lowercased().contains("subject to"))
    }

    @Test(arguments: Binary.badScenarios)
    func badScenariosExitWithCode2AndALocatedMessage(_ scenario: String) throws {
        let result = try Binary.run(["validate", scenario])
        #expect(result.status == 2, "\(scenario): exit \(result.status)")
        #expect(result.stderr.contains(": error: "), "\(scenario): \(result.stderr)")
        #expect(result.stderr.range(of: #"\.(yaml|json|csv):\d+"#, options: .regularExpression) != nil, "no file:line in \(result.stderr)")
        let planned = try Binary.run(["plan", scenario])
        #expect(planned.status == 2)
    }

    @Test func missingFileExitsWith2() throws {
        let result = try Binary.run(["plan", "Scenarios/does-not-exist.yaml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no such file"))
    }

    /// With returnless refunds ruled out and a hub too small, no plan exists: exit code 3.
    @Test func infeasibleExitsWith3() throws {
        let path = try Binary.temporaryFile("infeasible.yaml", """
        name: too-small
        merchant: {country: DE}
        currency: EUR
        policy: {allowReturnlessRefunds: false}
        categories: [{id: shoes, recovery: {restock: 0.8}}]
        nodes:
          - {id: Z, kind: zone, country: DE, lat: 52.5, lon: 13.4}
          - {id: H, kind: hub, country: DE, lat: 51.3, lon: 12.4, capacity: 10}
          - {id: W, kind: warehouse, country: DE, lat: 50.1, lon: 8.7}
        lanes:
          - {from: Z, to: H, mode: parcel, perParcel: 3, transitDays: 1}
          - {from: H, to: W, mode: parcel, perParcel: 1, transitDays: 1}
        demand:
          - {zone: Z, category: shoes, parcels: 25, meanWeightKg: 1.2, meanValue: 80}
        """)
        let result = try Binary.run(["plan", path])
        #expect(result.status == 3, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("infeasible"))
    }

    @Test func aTimeLimitThatStopsEarlyExitsWith4Or5() throws {
        // Generated: 60 zones × 3 categories over 12 candidate hubs with tight trucks is far from solved in 0.05 s.
        var nodes = ["  - {id: O, kind: origin, country: GB, lat: 52.48, lon: -1.89}"]
        var lanes: [String] = []
        var demand: [String] = []
        for h in 0..<12 {
            nodes.append("  - {id: H\(h), kind: hub, country: DE, lat: \(48 + Double(h) * 0.3), lon: \(8 + Double(h) * 0.5), fixedCost: \(900 + h * 37), capacity: \(400 + h * 13)}")
            lanes.append("  - {from: H\(h), to: O, mode: consolidated, perDispatch: \(700 + h * 11), capacityKg: 900, capacityParcels: 160, transitDays: 2}")
        }
        for z in 0..<60 {
            nodes.append("  - {id: Z\(z), kind: zone, country: DE, lat: \(47 + Double(z % 10) * 0.5), lon: \(7 + Double(z / 10) * 1.1)}")
            lanes.append("  - {from: Z\(z), to: O, mode: parcel, perParcel: \(14 + z % 5), perKg: 0.6, transitDays: 4}")
            for h in 0..<12 where (z + h) % 3 != 0 {
                lanes.append("  - {from: Z\(z), to: H\(h), mode: parcel, perParcel: \(2 + (z * 7 + h * 3) % 5), transitDays: 1}")
            }
            for (c, category) in ["apparel", "shoes", "home"].enumerated() {
                demand.append("  - {zone: Z\(z), category: \(category), parcels: \(7 + (z * 13 + c * 5) % 23), meanWeightKg: \(0.6 + Double(c) * 0.7), meanValue: \(40 + c * 25), resellableShare: 0.8}")
            }
        }
        let yaml = """
        name: hard
        merchant: {country: GB}
        currency: GBP
        categories: [{id: apparel, recovery: {restock: 0.7}}, {id: shoes, recovery: {restock: 0.6}}, {id: home, recovery: {restock: 0.5}}]
        customs:
          - {id: GB, brokeragePerEntry: 6, duty: {apparel: 0.12, shoes: 0.08, home: 0.04}, returnedGoodsRelief: true}
        nodes:
        \(nodes.joined(separator: "\n"))
        lanes:
        \(lanes.joined(separator: "\n"))
        demand:
        \(demand.joined(separator: "\n"))
        """
        let path = try Binary.temporaryFile("hard.yaml", yaml)
        let result = try Binary.run(["plan", path, "--time-limit", "0.05", "--format", "json"])
        #expect(result.status == 4 || result.status == 5, "exit \(result.status): \(result.stderr)")
        if result.status == 4 {
            let plan = try JSONDecoder().decode(Plan.self, from: Data(result.stdout.utf8))
            #expect(plan.solve.status == .feasible)
            let gap = try #require(plan.solve.gap)
            #expect(gap > 0)
            let bound = try #require(plan.solve.bestBound)
            let objective = try #require(plan.solve.objective)
            #expect(bound <= objective)
            #expect(result.stderr.contains("gap"))
        }
    }

    @Test func helpDocumentsTheExitCodes() throws {
        let result = try Binary.run(["plan", "--help"])
        for code in ["0  optimal", "2  invalid input", "3  infeasible", "4  stopped", "5  no feasible plan"] {
            #expect(result.stdout.contains(code), "missing '\(code)'")
        }
    }
}

/// `boomerang hubs` end to end.
@Suite(.serialized) struct HubsCommandTests {
    @Test func sweepsTheExampleAndMarksTheCheapest() throws {
        let result = try Binary.run(["hubs", "Scenarios/eu-uk-returns.yaml", "--min", "1", "--max", "3", "--compare", "hub-lej,hub-vnl,hub-mad", "--explain"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.filter { $0.contains("optimal") }.count == 4)
        #expect(lines.filter { $0.contains("◀ cheapest") }.count == 1)
        #expect(result.stdout.contains("Sensitivity of the cheapest plan"))
        #expect(result.stdout.contains("Closed candidate hubs"))
    }

    @Test func jsonAndCSVCarryTheSameRows() throws {
        let json = try Binary.run(["hubs", "Scenarios/eu-uk-returns.yaml", "--min", "1", "--max", "2", "--format", "json"])
        #expect(json.status == 0)
        let rows = try JSONDecoder().decode([HubSweepRow].self, from: Data(json.stdout.utf8))
        #expect(rows.count == 2)
        #expect(rows.filter(\.cheapest).count == 1)
        let csv = try Binary.run(["hubs", "Scenarios/eu-uk-returns.yaml", "--min", "1", "--max", "2", "--format", "csv"])
        #expect(csv.stdout.split(separator: "\n").count == 3)
    }

    @Test func unknownHubIsAnError() throws {
        let result = try Binary.run(["hubs", "Scenarios/eu-uk-returns.yaml", "--compare", "AMS"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("'AMS' is not a candidate hub"))
    }
}

/// `boomerang hubs --orlib` on the field's benchmark instances.
@Suite(.serialized) struct ORLibraryCommandTests {
    static let fixtures = "Tests/FacilityLocationTests/Fixtures"

    @Test func solvesAnInstanceToItsPublishedOptimum() throws {
        let result = try Binary.run(["hubs", "--orlib", "\(Self.fixtures)/cap64.txt", "--single-source", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["status"] as? String == "optimal")
        #expect(abs((object["objective"] as? Double ?? 0) - 1_053_197.44) < 0.01)
        let multi = try Binary.run(["hubs", "--orlib", "\(Self.fixtures)/cap64.txt"])
        #expect(multi.status == 0)
        #expect(multi.stdout.contains("1,045,650.25"))
    }

    @Test func aBrokenInstanceIsAnErrorNamingThePlace() throws {
        let path = try Binary.temporaryFile("broken.txt", "2 3\n100 50\n100 x\n")
        let result = try Binary.run(["hubs", "--orlib", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("broken.txt:3"))
    }

    @Test func scenarioAndORLibraryExcludeEachOther() throws {
        #expect(try Binary.run(["hubs", "Scenarios/eu-uk-returns.yaml", "--orlib", "\(Self.fixtures)/cap64.txt"]).status != 0)
        #expect(try Binary.run(["hubs"]).status != 0)
    }
}
