import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import Planning
import Report
import ReturnsNetwork
import Synthetic

enum ReportFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func example() throws -> (Scenario, Plan, [HubSweepRow]) {
        let scenario = try ScenarioLoader.load(path: root.appendingPathComponent("Scenarios/eu-uk-returns.yaml").path)
        let rows = try HubSweep.run(scenario, min: 1, max: 3)
        return (scenario, try Planner.plan(scenario), rows)
    }

    /// Well-formed markup: the page is XHTML, so an XML parser must read it to the end.
    static func parse(_ html: String) -> (ok: Bool, error: String?, elements: [String: Int], attributes: [(String, String)]) {
        final class Delegate: NSObject, XMLParserDelegate {
            var elements: [String: Int] = [:]
            var attributes: [(String, String)] = []
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                elements[name, default: 0] += 1
                for (key, value) in attributes { self.attributes.append((key, value)) }
                if let kind = attributes["class"], kind.split(separator: " ").first == "node" { elements["node", default: 0] += 1 }
            }
        }
        let parser = XMLParser(data: Data(html.utf8))
        let delegate = Delegate()
        parser.delegate = delegate
        let ok = parser.parse()
        return (ok, parser.parserError.map { "\($0) at line \(parser.lineNumber)" }, delegate.elements, delegate.attributes)
    }

    static var chromium: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"]
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

@Suite(.serialized) struct ReportTests {
    @Test func thePageIsValidSelfContainedAndHasOneMapElementPerNode() throws {
        let (scenario, plan, rows) = try ReportFixtures.example()
        let html = PlanReport(scenario: scenario, plan: plan, sweep: rows).html()
        let parsed = ReportFixtures.parse(html)
        #expect(parsed.ok, "\(parsed.error ?? "")")
        #expect(parsed.elements["node"] == scenario.nodes.count)
        #expect((parsed.elements["svg"] ?? 0) >= 5, "map, legend symbols and charts are inline SVG")
        for (name, value) in parsed.attributes where name == "src" || name == "href" {
            #expect(!value.lowercased().contains("http"), "\(name)=\(value) loads something from elsewhere")
        }
        #expect(!html.contains("<link"))
        for id in ["map", "chart-costs", "chart-dispositions", "chart-fill", "chart-sweep", "hubs", "batches", "zones", "sweep"] {
            #expect(html.contains("id=\"\(id)\""), "missing \(id)")
        }
        // Every used lane is drawn, with a border mark where it crosses one.
        #expect(html.components(separatedBy: "<line class=\"lane ").count - 1 == plan.lanes.count)
        #expect(html.components(separatedBy: "class=\"border\"").count - 1 == plan.lanes.filter(\.crossesBorder).count)
    }

    @Test func coLocatedNodesAreDrawnApart() throws {
        // Two candidate hubs in one place: the dear one stays closed and must not hide the open one.
        let scenario = try ScenarioLoader.parse("""
            name: one city, two hubs
            merchant: {country: GB}
            currency: GBP
            categories:
              - {id: apparel, recovery: {restock: 0.5}}
            nodes:
              - {id: Z, kind: zone, country: GB, lat: 53.48, lon: -2.24}
              - {id: cheap, kind: hub, country: GB, lat: 52.48, lon: -1.89, handling: 1}
              - {id: dear, kind: hub, country: GB, lat: 52.48, lon: -1.89, handling: 1, fixedCost: 5000}
              - {id: O, kind: origin, country: GB, lat: 51.50, lon: -0.12}
            lanes:
              - {from: Z, to: cheap, mode: parcel, perParcel: 2, transitDays: 1}
              - {from: Z, to: dear, mode: parcel, perParcel: 2, transitDays: 1}
              - {from: cheap, to: O, mode: parcel, perParcel: 2, transitDays: 1}
              - {from: dear, to: O, mode: parcel, perParcel: 2, transitDays: 1}
            demand:
              - {zone: Z, category: apparel, parcels: 100, meanWeightKg: 1, meanValue: 50, resellableShare: 1}
            """)
        let plan = try Planner.plan(scenario)
        #expect(plan.hubs.first { $0.id == "dear" }?.open == false)
        let html = PlanReport(scenario: scenario, plan: plan).html()
        #expect(ReportFixtures.parse(html).ok)
        func drawn(_ id: String) throws -> (x: String, y: String) {
            let pattern = #"data-id="\#(id)" data-x="([-0-9.]+)" data-y="([-0-9.]+)""#
            let match = try #require(html.range(of: pattern, options: .regularExpression))
            let parts = html[match].split(separator: "\"")
            return (String(parts[3]), String(parts[5]))
        }
        let (a, b) = (try drawn("cheap"), try drawn("dear"))
        let (ax, ay, bx, by) = (Double(a.x) ?? 0, Double(a.y) ?? 0, Double(b.x) ?? 0, Double(b.y) ?? 0)
        let apart = ((ax - bx) * (ax - bx) + (ay - by) * (ay - by)).squareRoot()
        #expect(apart >= 16, "drawn \(apart) px apart")
        // The open hub's lanes end where it is drawn.
        #expect(html.contains("x2=\"\(a.x)\" y2=\"\(a.y)\"") && html.contains("x1=\"\(a.x)\" y1=\"\(a.y)\""))
    }

    @Test func textIsEscaped() throws {
        var (scenario, plan, _) = try ReportFixtures.example()
        plan.scenario = "Returns <R&D> \"test\""
        scenario.nodes[0].name = "A & B <zone>"
        let html = PlanReport(scenario: scenario, plan: plan).html()
        #expect(ReportFixtures.parse(html).ok)
        #expect(html.contains("Returns &lt;R&amp;D&gt; &quot;test&quot;"))
    }

    /// The 2,000-zone generated network, with every commodity on its cheapest candidate path and every hub
    /// open (at least as many lanes as a plan uses), stays under 2 MB.
    @Test func theLargeGeneratedNetworkStaysUnderTwoMegabytes() throws {
        var options = ScenarioGenerator.Options()
        options.zones = 2000
        options.hubs = 40
        options.warehouses = 4
        let scenario = try ScenarioGenerator.scenario(options)
        let candidates = CommodityAggregation(scenario).full
        var flows = candidates.paths.map { Array(repeating: 0.0, count: $0.count) }
        var kg: [Int: Double] = [:], parcels: [Int: Double] = [:]
        for k in candidates.commodities.indices where !candidates.paths[k].isEmpty {
            flows[k][0] = candidates.commodities[k].parcels
            for lane in candidates.paths[k][0].lanes {
                kg[lane, default: 0] += candidates.commodities[k].parcels * candidates.commodities[k].meanWeightKg
                parcels[lane, default: 0] += candidates.commodities[k].parcels
            }
        }
        var dispatches: [Int: Int] = [:]
        for (lane, load) in parcels where candidates.graph.lanes[lane].mode == .consolidated {
            let spec = candidates.graph.lanes[lane]
            dispatches[lane] = Int(max((kg[lane] ?? 0) / (spec.capacityKg ?? .infinity), load / (spec.capacityParcels ?? .infinity)).rounded(.up))
        }
        let open = Dictionary(candidates.graph.nodes.indices.filter { candidates.graph.nodes[$0].isCandidate }.map { ($0, true) }, uniquingKeysWith: { a, _ in a })
        let plan = Planner.describe(candidates, PlanDecisions(flows: flows, open: open, dispatches: dispatches))
        #expect(plan.lanes.count > 2000)
        let html = PlanReport(scenario: scenario, plan: plan).html()
        #expect(html.utf8.count < 2_000_000, "\(html.utf8.count) bytes")
        let parsed = ReportFixtures.parse(html)
        #expect(parsed.ok)
        #expect(parsed.elements["node"] == scenario.nodes.count)
    }

    @Test(.enabled(if: ReportFixtures.chromium != nil, "no Chromium here (make test installs it with apt where it can); the browser check is skipped"))
    func aRealBrowserLoadsItWithoutScriptErrorsAndDrawsEveryNode() throws {
        let (scenario, plan, rows) = try ReportFixtures.example()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("boomerang-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html")
        try Data(PlanReport(scenario: scenario, plan: plan, sweep: rows).html().utf8).write(to: page)
        let browser = try #require(ReportFixtures.chromium)
        let common = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(folder.appendingPathComponent("profile").path)"]

        func run(_ arguments: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: browser)
            process.arguments = common + arguments
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }

        let png = folder.appendingPathComponent("report.png")
        _ = try run(["--window-size=1280,2000", "--screenshot=\(png.path)", page.absoluteString])
        let image = try Data(contentsOf: png)
        #expect(image.count > 20_000)
        #expect(Array(image.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])

        // The DOM after load: the inline script ran (no script error stopped it), and the map has every node.
        let dom = try run(["--dump-dom", page.absoluteString])
        #expect(dom.contains("data-ready=\"1\""), "the page's script did not run")
        #expect(dom.components(separatedBy: "<g class=\"node ").count - 1 == scenario.nodes.count)
    }
}
