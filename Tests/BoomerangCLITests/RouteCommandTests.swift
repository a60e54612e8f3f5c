import Foundation
import Testing
import Planning

/// `boomerang generate` and `boomerang route` end to end.
@Suite(.serialized) struct RouteCommandTests {
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("boomerang-route-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func generateIsDeterministic() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["a", "b"] {
            let result = try Binary.run(["generate", "scenario", "--zones", "30", "--hubs", "4", "--seed", "9", "-o", dir.appendingPathComponent("\(name)/g.yaml").path])
            #expect(result.status == 0, "\(result.stderr)")
            let parcels = try Binary.run(["generate", "parcels", "--scenario", dir.appendingPathComponent("\(name)/g.yaml").path, "--count", "500", "--seed", "4", "-o", dir.appendingPathComponent("\(name)/p.csv").path])
            #expect(parcels.status == 0, "\(parcels.stderr)")
        }
        for file in ["g.yaml", "g-nodes.csv", "g-lanes.csv", "g-demand.csv", "g-postcodes.csv", "p.csv"] {
            let a = try Data(contentsOf: dir.appendingPathComponent("a/\(file)"))
            let b = try Data(contentsOf: dir.appendingPathComponent("b/\(file)"))
            #expect(a == b, "\(file) differs")
        }
        #expect(try Binary.run(["validate", dir.appendingPathComponent("a/g.yaml").path]).status == 0)
    }

    @Test func routesCSVAndJSONLinesWithTheSameDecisions() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = "Scenarios/eu-uk-returns.yaml"
        let plan = dir.appendingPathComponent("plan.json").path
        #expect(try Binary.run(["plan", scenario, "--format", "json", "-o", plan]).status == 0)
        let csv = dir.appendingPathComponent("p.csv").path, jsonl = dir.appendingPathComponent("p.jsonl").path
        #expect(try Binary.run(["generate", "parcels", "--scenario", scenario, "--count", "2000", "--seed", "2", "-o", csv]).status == 0)
        #expect(try Binary.run(["generate", "parcels", "--scenario", scenario, "--count", "2000", "--seed", "2", "-o", jsonl]).status == 0)

        let fromCSV = try Binary.run(["route", "--scenario", scenario, "--plan", plan, "--parcels", csv, "--format", "csv"])
        #expect(fromCSV.status == 0, "\(fromCSV.stderr)")
        let rows = fromCSV.stdout.split(separator: "\n")
        #expect(rows.first == "id,decision,reason,zone,category,disposition,destination,cost,fee,duty,transit_days,eta,lanes,dropoffs,message")
        #expect(rows.count == 2001)
        #expect(fromCSV.stderr.contains("decisions/s"))
        #expect(fromCSV.stderr.contains("route none:"))

        let fromJSONL = try Binary.run(["route", "--scenario", scenario, "--plan", plan, "--parcels", jsonl, "--format", "csv"])
        #expect(fromJSONL.stdout == fromCSV.stdout, "CSV and JSON-lines input give the same decisions")

        let full = try Binary.run(["route", "--scenario", scenario, "--plan", plan, "--parcels", jsonl])
        let records = full.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(records.count == 2000)
        let routed = records.filter { $0["decision"] as? String == "route" }
        #expect(routed.count > 1000)
        #expect(routed.allSatisfy { ($0["legs"] as? [Any])?.isEmpty == false && $0["eta"] is String })
        // Without --plan the scenario is planned first, to the same decisions.
        let planned = try Binary.run(["route", "--scenario", scenario, "--parcels", csv, "--format", "csv"])
        #expect(planned.stdout == fromCSV.stdout)
    }

    @Test func badRowsAreReportedWithTheirLineAndTheRestRouted() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("bad.csv").path
        try Data("""
        id,zone,country,postcode,category,weightKg,value,currency,condition,deliveredOn,requestedOn,freeReturns
        A1,de-north,,,apparel,0.8,55,EUR,new,2026-11-01,2026-11-05,false
        A2,de-north,,,apparel,heavy,55,EUR,new,2026-11-01,2026-11-05,false
        A3,de-north,,,apparel,0.8,55,EUR,broken,2026-11-01,2026-11-05,false
        A4,de-north,,,apparel,0.8,55,XYZ,new,2026-11-01,2026-11-05,false
        A5,de-north,,,apparel,0.8,55,EUR,new,2026-11-31,2026-12-05,false
        A6,nowhere,,,apparel,0.8,55,EUR,new,2026-11-01,2026-11-05,false

        """.utf8).write(to: URL(fileURLWithPath: csv))
        let result = try Binary.run(["route", "--scenario", "Scenarios/eu-uk-returns.yaml", "--parcels", csv, "--format", "csv"])
        #expect(result.status == 2)
        let rows = result.stdout.split(separator: "\n").map(String.init)
        #expect(rows.count == 7)
        #expect(rows[2].contains("error") && rows[2].contains("line 3: weightKg"))
        #expect(rows[3].contains("line 4: condition"))
        #expect(rows[4].contains("line 5: currency"))
        #expect(rows[5].contains("line 6: deliveredOn"))
        #expect(rows[6].contains("refused,unknown_zone"))
        #expect(result.stderr.contains("4 rows failed"))

        let jsonl = dir.appendingPathComponent("bad.jsonl").path
        try Data("""
        {"id":"J1","zone":"de-north","category":"apparel","weightKg":0.8,"value":55,"currency":"EUR","condition":"new","deliveredOn":"2026-11-01","requestedOn":"2026-11-05","freeReturns":false}
        {"id":"J2","zone":"de-north","category":"apparel","weightKg":"x","value":55,"currency":"EUR","condition":"new","deliveredOn":"2026-11-01","requestedOn":"2026-11-05","freeReturns":false}
        not json
        """.utf8).write(to: URL(fileURLWithPath: jsonl))
        let json = try Binary.run(["route", "--scenario", "Scenarios/eu-uk-returns.yaml", "--parcels", jsonl])
        #expect(json.status == 2)
        let lines = json.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(lines.count == 3)
        #expect(lines[1]["line"] as? String == "2" && lines[1]["field"] as? String == "weightKg")
        #expect(lines[2]["line"] as? String == "3")
    }
}
