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

    @Test func edgeCaseRowsReadTheSameOnTheBulkAndTheGeneralPath() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("edge.csv").path
        let rows = [
            "\u{FEFF}id,zone,country,postcode,category,weightKg,value,currency,condition,deliveredOn,requestedOn,freeReturns",
            " E1 , de-north ,,,apparel, 0.8 ,55,EUR, NEW ,2026-11-01,2026-11-05,TRUE",
            "E2,de-north,,,apparel,0.8,55,EUR,nah,2026-11-01,2026-11-05,false",
            "\"E3\",\"de-north\",,,\"apparel\",\"0.8\",55,EUR,Opened,2026-11-01,2026-11-05,yes",
            "E4,de-north,,,apparel,0.8,55,EUR,new,2026-02-30,2026-03-05,false",
            "E5,de-north,,,apparel,0.8,55,EUR,new,2026-11-01,2026-11-05,maybe",
            "E6,de-north,,,electronics,0.4,210,EUR,damaged,2026-11-01,2026-11-05,",
            "E7,de-north",
            "E8,de-north,,,apparel,0.8,abc,EUR,new,2026-11-01,2026-11-05,false",
            "E9,,DE,\" 10 115 \",apparel,0.8,55,EUR,new,2026-11-01,2026-11-05,0",
            "E10,de-north,,,apparel,0.8,55,EUR,new,2026-11-05,2026-11-01,false",
            "E11,de-north,,,apparel,0.8,55,XYZ,new,2026-11-01,2026-11-05,false",
            "E12,\"de-north\",,,apparel,-1,55,EUR,new,2026-11-01,2026-11-05,false",
            "   ",
            "E13,de-north,,,apparel,0.8,55,EUR,new,2026-11-01,2026-11-05,false",
        ]
        try Data((rows.joined(separator: "\r\n") + "\r\n").utf8).write(to: URL(fileURLWithPath: csv))
        let scenario = "Scenarios/eu-uk-returns.yaml"
        let plan = dir.appendingPathComponent("plan.json").path
        #expect(try Binary.run(["plan", scenario, "--format", "json", "-o", plan]).status == 0)
        let bulk = try Binary.run(["route", "--scenario", scenario, "--plan", plan, "--parcels", csv, "--format", "csv"])
        let general = try Binary.run(["route", "--scenario", scenario, "--plan", plan, "--parcels", csv, "--format", "jsonl"])
        #expect(bulk.status == 2 && general.status == 2)

        // The same row, as each path writes it: id, decision, reason, cost, fee, lanes — or the error message.
        func fromCSV(_ line: Substring) -> [String] {
            var cells: [String] = [], cell = "", quoted = false
            for c in line {
                if c == "\"" { quoted.toggle() } else if c == ",", !quoted { cells.append(cell); cell = "" } else { cell.append(c) }
            }
            cells.append(cell)
            return cells[1] == "error" ? [cells[0], "error", cells[14]] : [cells[0], cells[1], cells[2], cells[7], cells[8], cells[12]]
        }
        func fromJSON(_ line: Substring) throws -> [String] {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            if o["decision"] as? String == "error" {
                return [o["id"] as? String ?? "", "error", "line \(o["line"] as? String ?? ""): \(o["field"].map { "\($0): " } ?? "")\(o["message"] as? String ?? "")"]
            }
            let lanes = (o["legs"] as? [[String: Any]] ?? []).compactMap { $0["lane"] as? String }.joined(separator: ";")
            return [o["id"] as? String ?? "", o["decision"] as? String ?? "", o["reason"] as? String ?? "",
                    String(format: "%.4f", o["cost"] as? Double ?? .nan), String(format: "%.4f", o["fee"] as? Double ?? .nan), lanes]
        }
        let bulkRows = bulk.stdout.split(separator: "\n").dropFirst().map(fromCSV)
        let generalRows = try general.stdout.split(separator: "\n").map(fromJSON)
        #expect(bulkRows == generalRows)
        #expect(bulkRows.count == 13)
        let byID = Dictionary(bulkRows.map { ($0[0], $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byID["E1"]?[1] == "route" && byID["E1"]?[4] == "0.0000", "trimmed, any case, TRUE waives the fee")
        #expect(byID["E3"]?[1] == "route", "quoted cells read")
        #expect(byID["E6"]?[1] != "error" && byID["E6"]?[1] != "refused", "damaged goods are accepted under the example's policy")
        #expect(byID["E9"]?[1] == "refused" && byID["E9"]?[2] == "unknown_zone", "an address in a scenario without postcodes")
        #expect(byID["E13"]?[1] == "route" && byID["E13"]?[4] == "4.2570", "the policy's fee (4.95 EUR at 0.86)")
        #expect(byID["E2"]?[2] == "line 3: condition: 'nah' is not new, opened or damaged")
        #expect(byID["E4"]?[2].hasPrefix("line 5: deliveredOn:") == true)
        #expect(byID["E5"]?[2] == "line 6: freeReturns: 'maybe' is not true or false")
        #expect(byID["E7"]?[2].hasPrefix("line 8: row: has 2 cells") == true)
        #expect(byID["E8"]?[2] == "line 9: value: 'abc' is not a number")
        #expect(byID["E10"]?[2] == "line 11: requestedOn: is before deliveredOn")
        #expect(byID["E11"]?[2].hasPrefix("line 12: currency:") == true)
        #expect(byID["E12"]?[2].hasPrefix("line 13: weightKg:") == true)
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
