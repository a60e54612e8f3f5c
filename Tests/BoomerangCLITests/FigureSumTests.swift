import Foundation
import Testing
import Planning

/// Every output's figures add up: JSON to the breakdown, and text, CSV and HTML to what they show, on every example
/// scenario and on a generated 300-zone network. Each plan is made once, as JSON; text and HTML are written from it.
@Suite("Shown figures add up, in text, CSV, JSON and HTML")
struct FigureSumTests {
    struct Planned {
        var plan: Plan
        var json: String
        var scenario: String
    }

    static func planned(_ scenario: String, extra: [String] = []) throws -> Planned {
        let json = try Binary.temporaryFile("plan.json", "")
        let result = try Binary.run(["plan", scenario, "--format", "json", "-o", json] + extra)
        #expect([0, 4].contains(result.status), "\(scenario): \(result.stderr)")
        let plan = try JSONDecoder().decode(Plan.self, from: Data(contentsOf: URL(fileURLWithPath: json)))
        return Planned(plan: plan, json: json, scenario: scenario)
    }

    static func generated() throws -> String {
        let path = try Binary.temporaryFile("net300.yaml", "")
        let result = try Binary.run(["generate", "scenario", "--zones", "300", "--hubs", "8", "--seed", "3", "-o", path])
        try #require(result.status == 0, "\(result.stderr)")
        return path
    }

    static var cases: [String] { Binary.scenarios + ["generated 300 zones"] }

    static func plan(_ name: String) throws -> Planned {
        name == "generated 300 zones" ? try planned(generated(), extra: ["--aggregate", "--time-limit", "10"]) : try planned(name)
    }

    @Test("figures add up", arguments: cases)
    func figuresAddUp(_ name: String) throws {
        let planned = try Self.plan(name)
        try checkJSON(planned.plan, name)
        try checkJSONSigns(planned, name)
        try checkText(planned, name)
        try checkHTML(planned, name)
        try checkCSV(planned, name)
    }

    // MARK: JSON: parts, lanes and dispositions against the breakdown

    func checkJSON(_ plan: Plan, _ name: String) throws {
        let c = plan.costs
        let tolerance = 1e-6 * max(1, abs(c.net))
        #expect(abs(c.parts.reduce(0) { $0 + $1.amount } - c.net) < tolerance, "\(name): parts do not sum to net")
        #expect(abs(plan.netCost - c.net) < tolerance, "\(name)")
        #expect(c.parts.filter(\.isCredit).allSatisfy { $0.amount <= 0 }, "\(name): a credit is positive")
        let sums = [\LanePlan.dispatchCost, \.freightCost, \.brokerageCost, \.dutyCost].map { key in plan.lanes.reduce(0) { $0 + ($1[keyPath: key] ?? 0) } }
        for (sum, part) in zip(sums, [c.dispatch, c.freight, c.brokerage, c.duty]) {
            #expect(abs(sum - part) < tolerance, "\(name): lanes sum to \(sum), the breakdown says \(part)")
        }
        let returns = plan.dispositions.reduce(0) { $0 + $1.parcels }
        #expect(abs(returns - plan.service.parcels) < 1e-6 * max(1, returns), "\(name): dispositions \(returns) of \(plan.service.parcels)")
    }

    /// The file itself: credits written negative, `net` their sum, schema 2.
    func checkJSONSigns(_ planned: Planned, _ name: String) throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: planned.json))) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == Plan.currentSchemaVersion)
        let costs = try #require(object["costs"] as? [String: Double], "\(name): no costs")
        #expect((costs["recoveredValue"] ?? 1) <= 0 && (costs["customerFees"] ?? 1) <= 0, "\(name): \(costs)")
        let sum = costs.filter { $0.key != "net" }.values.reduce(0, +)
        #expect(abs(sum - (costs["net"] ?? .nan)) < 1e-6 * max(1, abs(sum)), "\(name): JSON parts \(sum), net \(costs["net"] ?? .nan)")
    }

    // MARK: Text

    /// A text table's rows as cells, cut at the columns its rule line marks.
    static func table(_ text: String, titled title: String) throws -> [[String]] {
        let lines = text.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0.hasPrefix(title) }, "no table \(title)")
        let rule = Array(lines[start + 2])
        var columns: [Range<Int>] = []
        var i = 0
        while i < rule.count {
            if rule[i] == "─" {
                let begin = i
                while i < rule.count, rule[i] == "─" { i += 1 }
                columns.append(begin..<i)
            } else { i += 1 }
        }
        var rows: [[String]] = []
        for line in lines[(start + 3)...] {
            guard !line.isEmpty else { break }
            let chars = Array(line)
            rows.append(columns.map { range in
                String(chars[min(range.lowerBound, chars.count)..<min(range.upperBound, chars.count)]).trimmingCharacters(in: .whitespaces)
            })
        }
        return rows
    }

    static func number(_ cell: String) -> Double? {
        let text = cell.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "−", with: "-")
        return text.isEmpty ? nil : Double(text)
    }

    /// Sums of shown figures equal shown totals, to the cent; shown parts are within a cent of the JSON breakdown.
    func checkText(_ planned: Planned, _ name: String) throws {
        let textFile = try Binary.temporaryFile("plan.txt", "")
        let result = try Binary.run(["report", planned.json, "--scenario", planned.scenario, "--format", "text", "-o", textFile])
        try #require(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: textFile, encoding: .utf8)

        let costs = try Self.table(text, titled: "Costs (per period)")
        let net = try #require(costs.last.flatMap { Self.number($0[1]) }, "\(name): no net")
        let parts = costs.dropLast().compactMap { Self.number($0[1]) }
        #expect(abs(parts.reduce(0, +) - net) < 0.005, "\(name): shown parts \(parts.reduce(0, +)) against shown net \(net)")
        #expect(abs(net - planned.plan.costs.net) <= 0.005 + 1e-9 * abs(net), "\(name): shown net \(net), plan \(planned.plan.costs.net)")
        for (row, part) in zip(costs.dropLast(), planned.plan.costs.parts) {
            #expect(abs((Self.number(row[1]) ?? 0) - part.amount) <= 0.0100001 + 1e-9 * abs(part.amount), "\(name): \(row[0]) shown \(row[1]), plan \(part.amount)")
        }

        let lanes = try Self.table(text, titled: "Lanes and consolidation batches")
        let total = try #require(lanes.last, "\(name): no lane total")
        #expect(total[0] == "all lanes")
        for (column, label) in zip(8...11, ["dispatches", "freight", "brokerage", "duty"]) {
            let shown = lanes.dropLast().compactMap { Self.number($0[column]) }.reduce(0, +)
            let totalShown = Self.number(total[column]) ?? 0
            #expect(abs(shown - totalShown) < 0.005, "\(name): lane column \(label) sums to \(shown), its total says \(totalShown)")
            let part = costs.first { $0[0] == label }.flatMap { Self.number($0[1]) } ?? 0
            #expect(abs(totalShown - part) < 0.005, "\(name): lanes' \(label) \(totalShown), breakdown \(part)")
        }

        let dispositions = try Self.table(text, titled: "Dispositions (parcels per period)")
        let all = try #require(dispositions.last)
        for row in dispositions {
            let cells = row[1..<(row.count - 1)].compactMap(Self.number)
            #expect(cells.reduce(0, +) == Self.number(row[row.count - 1]), "\(name): \(row)")
        }
        for column in 1..<all.count {
            let sum = dispositions.dropLast().compactMap { Self.number($0[column]) }.reduce(0, +)
            #expect(sum == Self.number(all[column]), "\(name): dispositions column \(column)")
        }
        let shownReturns = try #require(Self.number(all[all.count - 1]))
        #expect(abs(shownReturns - planned.plan.service.parcels) <= 0.5 + 1e-9, "\(name)")
        #expect(text.contains("\(Self.grouped(shownReturns)) returns per period"), "\(name): the service line counts other returns")
    }

    static func grouped(_ value: Double) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.groupingSeparator = ","
        formatter.usesGroupingSeparator = true
        formatter.maximumFractionDigits = 0
        return formatter.string(from: NSNumber(value: value)) ?? ""
    }

    // MARK: HTML

    /// The report's cost bars add up to its net, its category totals to its returns.
    func checkHTML(_ planned: Planned, _ name: String) throws {
        let html = try Binary.temporaryFile("plan.html", "")
        let result = try Binary.run(["report", planned.json, "--scenario", planned.scenario, "-o", html])
        try #require(result.status == 0, "\(result.stderr)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        func numbers(_ pattern: String, in text: String) throws -> [Double] {
            let regex = try NSRegularExpression(pattern: pattern)
            return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
                Range(match.range(at: 1), in: text).flatMap { Self.number(String(text[$0])) }
            }
        }
        let start = try #require(page.range(of: "id=\"chart-costs\""), "\(name): no cost chart")
        let end = try #require(page.range(of: "</svg>", range: start.upperBound..<page.endIndex))
        let costChart = String(page[start.lowerBound..<end.lowerBound])
        let net = try #require(try numbers("net ([−0-9,.]+) = costs", in: costChart).first, "\(name): no net in the cost chart")
        let segments = try numbers(">[^<:]+: ([−0-9,.]+)</title>", in: costChart)
        // Costs are drawn as positive bars, credits too (in the "recovered" row): the first ones up to the credits.
        let plan = planned.plan
        let creditCount = plan.costs.parts.filter { $0.isCredit && $0.amount != 0 }.count
        let costs = segments.dropLast(creditCount).reduce(0, +), credits = segments.suffix(creditCount).reduce(0, +)
        #expect(abs(costs - credits - net) < 0.5, "\(name): report costs \(costs) − credits \(credits) ≠ net \(net)")
        #expect(abs(net - plan.costs.net) <= 0.5 + 1e-9 * abs(net), "\(name): report net \(net), plan \(plan.costs.net)")
        let kpi = try #require(try numbers("returns<b>([0-9,.]+)</b>", in: page).first)
        let categories = try numbers("<text [^>]*text-anchor=\"end\">[a-z_-]+ \\(([0-9,.]+)\\)</text>", in: page)
        #expect(!categories.isEmpty, "\(name): no category totals in the dispositions chart")
        #expect(categories.reduce(0, +) == kpi, "\(name): categories \(categories.reduce(0, +)) of \(kpi) returns")
    }

    // MARK: CSV

    /// The flows CSV holds every planned return once, and its per-parcel costs with the dispatches, their entries and
    /// the hubs' fixed costs make the net.
    func checkCSV(_ planned: Planned, _ name: String) throws {
        let plan = planned.plan
        let csv = try Binary.temporaryFile("flows.csv", "")
        // The CSV of the same plan: written by `report`? No — flows come from `plan`; re-plan only the small examples.
        guard plan.solve.status == .optimal, planned.scenario.hasPrefix("Scenarios/") else { return }
        let result = try Binary.run(["plan", planned.scenario, "--format", "csv", "-o", csv])
        try #require(result.status == 0, "\(result.stderr)")
        let lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").dropFirst()
        var parcels = 0.0, perParcel = 0.0
        for line in lines {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let amount = Double(fields[4]) ?? 0
            parcels += amount
            perParcel += amount * (Double(fields[6]) ?? 0)
        }
        #expect(abs(parcels - plan.service.parcels) < 1e-3 * Double(lines.count), "\(name): CSV parcels \(parcels) of \(plan.service.parcels)")
        let consolidated = plan.lanes.filter { $0.mode == .consolidated }.reduce(0) { $0 + ($1.dispatchCost ?? 0) + ($1.brokerageCost ?? 0) }
        let fixed = plan.costs.hubFixed
        #expect(abs(perParcel + consolidated + fixed - plan.costs.net) < 1e-3 * max(1, abs(plan.costs.net)), "\(name): CSV makes \(perParcel + consolidated + fixed), the plan \(plan.costs.net)")
    }
}
