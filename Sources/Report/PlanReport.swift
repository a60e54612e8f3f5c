import Foundation
import Planning
import ReturnsNetwork

/// A plan as one self-contained HTML page: a map, charts and tables, all inline (no scripts, fonts or tiles
/// from elsewhere), that opens offline in any browser.
///
/// ```swift
/// let html = PlanReport(scenario: scenario, plan: plan, sweep: rows).html()
/// ```
public struct PlanReport {
    public let scenario: Scenario
    public let plan: Plan
    public let sweep: [HubSweepRow]
    /// The plan's figures as the report shows them (whole units of money).
    let figures: PlanFigures

    public init(scenario: Scenario, plan: Plan, sweep: [HubSweepRow] = []) {
        self.scenario = scenario
        self.plan = plan
        self.sweep = sweep
        figures = PlanFigures(plan, moneyDecimals: 0)
    }

    static let palette = ["#2f6db5", "#e07b39", "#3a9e5c", "#c8423b", "#8a5fb8", "#8c6d3f", "#d36fae", "#6f7a85", "#b5a02f", "#34a3a8"]
    static let kindColour: [NodeKind: String] = [
        .zone: "#6f7a85", .dropoff: "#34a3a8", .hub: "#2f6db5", .warehouse: "#3a9e5c", .refurbisher: "#8a5fb8", .liquidator: "#c8423b", .origin: "#e07b39",
    ]

    /// The whole page.
    public func html() -> String {
        var out = """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
        <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>\(escape(plan.scenario)) — returns plan</title>
        <style>
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 1200px; padding: 16px 24px; color: #1d232a; }
        h1 { font-size: 22px; margin: 8px 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #dde3ea; padding-bottom: 4px; }
        .summary { color: #4a5561; margin: 0 0 12px; } .kpis { display: flex; gap: 12px; flex-wrap: wrap; margin: 12px 0; }
        .kpi { background: #f3f6f9; border-radius: 6px; padding: 8px 12px; min-width: 130px; } .kpi b { display: block; font-size: 18px; }
        table { border-collapse: collapse; font-size: 13px; width: 100%; } th, td { padding: 3px 8px; border-bottom: 1px solid #eef1f4; text-align: left; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; } svg { max-width: 100%; height: auto; }
        .map { display: block; margin: 0 auto; max-height: 900px; border: 1px solid #dde3ea; border-radius: 6px; background: #f7fbff; } .land { fill: #eef0ea; stroke: #c5cbc0; stroke-width: 0.6; }
        .lane { fill: none; stroke-linecap: round; opacity: 0.75; } .lane.parcel { stroke: #8a96a3; stroke-dasharray: 4 3; } .lane.consolidated { stroke: #2f6db5; }
        .border { fill: #fff; stroke: #c8423b; stroke-width: 1.2; } .node:hover, .lane:hover { opacity: 1; stroke-width: 2; }
        .legend { font-size: 12px; } .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 16px; }
        .chart text { font-size: 11px; fill: #36404a; } .muted { color: #6f7a85; font-size: 12px; }
        .warnings { background: #fff7e6; border: 1px solid #f0c36d; border-radius: 6px; padding: 6px 12px 6px 28px; font-size: 13px; }
        </style>
        </head>
        <body>
        """
        out += header()
        out += warnings()
        out += "<h2>Network</h2>\n" + map() + legend()
        out += "<h2>Costs and outcomes</h2>\n<div class=\"charts\">\n" + costChart() + dispositionChart() + fillChart() + (sweep.isEmpty ? "" : sweepChart()) + "</div>\n"
        out += "<h2>Hubs</h2>\n" + hubTable()
        out += "<h2>Consolidation batches per lane (per period)</h2>\n" + batchTable()
        out += "<h2>Zones with the highest cost per return</h2>\n" + zoneTable()
        if !sweep.isEmpty { out += "<h2>Hub placement</h2>\n" + sweepTable() }
        out += """
        <p class="muted">Country outlines: Natural Earth (public domain). Coordinates: GeoNames (geonames.org), CC BY 4.0.</p>
        <script>document.addEventListener("DOMContentLoaded", function () { document.body.setAttribute("data-ready", "1"); });</script>
        </body>
        </html>

        """
        return out
    }

    func header() -> String {
        let s = plan.service
        let gap = plan.solve.gap.map { ", gap \(String(format: "%.2f%%", $0 * 100))" } ?? ""
        return """
        <h1>\(escape(plan.scenario))</h1>
        <p class="summary">Returns plan per period in \(escape(plan.currency)) — \(escape(plan.solve.status.rawValue))\(gap); \(plan.solve.commodities) commodities, \(plan.solve.paths) candidate paths.</p>
        <div class="kpis">
        <div class="kpi">net cost<b>\(money(plan.netCost))</b></div>
        <div class="kpi">returns<b>\(money(s.parcels))</b></div>
        <div class="kpi">hubs open<b>\(plan.hubs.filter(\.open).count) of \(plan.hubs.count)</b></div>
        <div class="kpi">consolidated<b>\(percent(s.consolidatedShare))</b></div>
        <div class="kpi">kept by customers<b>\(percent(s.keptShare))</b></div>
        <div class="kpi">mean transit<b>\(String(format: "%.1f", s.meanTransitDays)) days</b></div>
        </div>

        """
    }

    /// The plan's warnings (`Plan.warnings`), each with the place in the scenario it points at.
    func warnings() -> String {
        guard !plan.warnings.isEmpty else { return "" }
        let items = plan.warnings.map { warning in
            "<li><b>\(escape(warning.keyPath))</b>: \(escape(warning.message))\(warning.hint.map { " — \(escape($0))" } ?? "") <span class=\"muted\">(\(escape(warning.location.description)))</span></li>"
        }
        return "<ul class=\"warnings\" id=\"warnings\">\n" + items.joined(separator: "\n") + "\n</ul>\n"
    }

    // MARK: Map

    /// Where each node is drawn: at its projected position, except facilities (every kind but zones) drawn within
    /// `apart` px of one another — a hub beside a warehouse, two candidate hubs in one city — which are spread on a
    /// circle of radius `spread` around their centre, so a closed hub never hides an open one.
    static func drawnPositions(_ nodes: [Node], _ projection: Projection, apart: Double = 8, spread: Double = 9) -> [String: (x: Double, y: Double)] {
        var positions: [String: (x: Double, y: Double)] = [:]
        var clusters: [(x: Double, y: Double, members: [String])] = []
        for node in nodes {
            let point = (x: projection.x(node.longitude), y: projection.y(node.latitude))
            positions[node.id] = point
            guard node.kind != .zone else { continue }
            if let c = clusters.firstIndex(where: { ($0.x - point.x) * ($0.x - point.x) + ($0.y - point.y) * ($0.y - point.y) < apart * apart }) {
                clusters[c].members.append(node.id)
            } else {
                clusters.append((point.x, point.y, [node.id]))
            }
        }
        for cluster in clusters where cluster.members.count > 1 {
            for (i, id) in cluster.members.enumerated() {
                let angle = -Double.pi / 2 + 2 * Double.pi * Double(i) / Double(cluster.members.count)
                positions[id] = (cluster.x + spread * cos(angle), cluster.y + spread * sin(angle))
            }
        }
        return positions
    }

    func map() -> String {
        let nodes = scenario.nodes
        var projection = Projection(points: nodes.map { ($0.longitude, $0.latitude) }, width: 1000)
        // A tall extent keeps its shape: narrower, not cut off.
        if projection.height > 800 { projection = Projection(points: nodes.map { ($0.longitude, $0.latitude) }, width: 1000 * 800 / projection.height) }
        let height = projection.height
        let width = projection.width
        var svg = "<svg class=\"map\" id=\"map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"map of the returns network\">\n"
        svg += "<defs><clipPath id=\"frame\"><rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" /></clipPath></defs>\n<g clip-path=\"url(#frame)\">\n<g class=\"countries\">\n"
        for country in WorldOutlines.shared.countries where projection.intersects(country.bounds) {
            var d = ""
            for polygon in country.polygons {
                for ring in polygon where ring.count > 2 {
                    var last = ""
                    for (index, point) in ring.enumerated() {
                        let pair = "\(n(projection.x(point.0))) \(n(projection.y(point.1)))"
                        if pair == last { continue }
                        d += (index == 0 ? "M" : "L") + pair
                        last = pair
                    }
                    d += "Z"
                }
            }
            svg += "<path class=\"land\" d=\"\(d)\"><title>\(escape(country.name))</title></path>\n"
        }
        svg += "</g>\n<g class=\"lanes\">\n"
        let at = Self.drawnPositions(nodes, projection)
        let index = Dictionary(nodes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let maxParcels = plan.lanes.map(\.parcels).max() ?? 1
        for lane in plan.lanes.sorted(by: { $0.parcels < $1.parcels }) {
            guard let from = index[lane.from], let to = index[lane.to] else { continue }
            let width = 0.6 + 5.5 * (lane.parcels / max(1, maxParcels)).squareRoot()
            let (x1, y1, x2, y2) = (at[from.id]?.x ?? 0, at[from.id]?.y ?? 0, at[to.id]?.x ?? 0, at[to.id]?.y ?? 0)
            var title = "\(lane.id): \(money(lane.parcels)) parcels, \(money(lane.weightKg)) kg"
            if let dispatches = lane.dispatches { title += ", \(dispatches) dispatch\(dispatches == 1 ? "" : "es")" }
            if let fill = lane.fillRate { title += ", \(percent(fill)) full" }
            if lane.crossesBorder { title += ", crosses a border" }
            svg += "<line class=\"lane \(lane.mode.rawValue)\" x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke-width=\"\(n(width))\"><title>\(escape(title))</title></line>\n"
            if lane.crossesBorder {
                svg += "<circle class=\"border\" cx=\"\(n((x1 + x2) / 2))\" cy=\"\(n((y1 + y2) / 2))\" r=\"2.5\"><title>customs entry: \(escape(lane.id))</title></circle>\n"
            }
        }
        svg += "</g>\n<g class=\"nodes\">\n"
        let hubs = Dictionary(plan.hubs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var zoneParcels: [String: Double] = [:]
        for flow in plan.flows { zoneParcels[flow.zone, default: 0] += flow.parcels }
        for node in nodes {
            let x = at[node.id]?.x ?? 0, y = at[node.id]?.y ?? 0
            let colour = Self.kindColour[node.kind] ?? "#333"
            var title = "\(node.name ?? node.id) (\(node.id)) — \(node.kind.rawValue), \(node.country)"
            var shape: String
            var state = ""
            switch node.kind {
            case .zone:
                title += ", \(money(zoneParcels[node.id] ?? 0)) returns"
                shape = "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"2.2\" fill=\"\(colour)\" />"
            case .dropoff:
                shape = "<rect x=\"\(n(x - 2.5))\" y=\"\(n(y - 2.5))\" width=\"5\" height=\"5\" fill=\"\(colour)\" />"
            case .hub:
                let hub = hubs[node.id]
                let open = hub?.open ?? true
                state = open ? " open" : " closed"
                title += open ? ", open, \(money(hub?.parcels ?? 0)) parcels" : ", closed"
                shape = "<path d=\"M\(n(x)) \(n(y - 7))L\(n(x + 7)) \(n(y))L\(n(x)) \(n(y + 7))L\(n(x - 7)) \(n(y))Z\" fill=\"\(open ? colour : "#ffffff")\" stroke=\"\(colour)\" stroke-width=\"2\" />"
            case .warehouse:
                shape = "<rect x=\"\(n(x - 5))\" y=\"\(n(y - 5))\" width=\"10\" height=\"10\" fill=\"\(colour)\" stroke=\"#fff\" />"
            case .refurbisher:
                shape = "<path d=\"M\(n(x)) \(n(y - 6))L\(n(x + 6)) \(n(y + 5))L\(n(x - 6)) \(n(y + 5))Z\" fill=\"\(colour)\" stroke=\"#fff\" />"
            case .liquidator:
                shape = "<path d=\"M\(n(x)) \(n(y + 6))L\(n(x + 6)) \(n(y - 5))L\(n(x - 6)) \(n(y - 5))Z\" fill=\"\(colour)\" stroke=\"#fff\" />"
            case .origin:
                shape = "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"8\" fill=\"\(colour)\" stroke=\"#fff\" stroke-width=\"2\" />"
            }
            svg += "<g class=\"node \(node.kind.rawValue)\(state)\" data-id=\"\(escape(node.id))\" data-x=\"\(n(x))\" data-y=\"\(n(y))\"><title>\(escape(title))</title>\(shape)</g>\n"
        }
        svg += "</g>\n</g>\n</svg>\n"
        return svg
    }

    func legend() -> String {
        let items: [(String, String)] = [
            ("<circle cx=\"8\" cy=\"8\" r=\"3\" fill=\"#6f7a85\" />", "zone"),
            ("<rect x=\"5\" y=\"5\" width=\"6\" height=\"6\" fill=\"#34a3a8\" />", "drop-off"),
            ("<path d=\"M8 1L15 8L8 15L1 8Z\" fill=\"#2f6db5\" />", "hub, open"),
            ("<path d=\"M8 1L15 8L8 15L1 8Z\" fill=\"#fff\" stroke=\"#2f6db5\" stroke-width=\"2\" />", "hub, closed"),
            ("<rect x=\"3\" y=\"3\" width=\"10\" height=\"10\" fill=\"#3a9e5c\" />", "3PL warehouse"),
            ("<path d=\"M8 2L14 13L2 13Z\" fill=\"#8a5fb8\" />", "refurbisher"),
            ("<path d=\"M8 14L14 3L2 3Z\" fill=\"#c8423b\" />", "liquidator"),
            ("<circle cx=\"8\" cy=\"8\" r=\"6\" fill=\"#e07b39\" />", "origin"),
            ("<line x1=\"0\" y1=\"8\" x2=\"16\" y2=\"8\" stroke=\"#2f6db5\" stroke-width=\"3\" />", "consolidated lane (width: parcels)"),
            ("<line x1=\"0\" y1=\"8\" x2=\"16\" y2=\"8\" stroke=\"#8a96a3\" stroke-width=\"2\" stroke-dasharray=\"4 3\" />", "parcel lane"),
            ("<circle cx=\"8\" cy=\"8\" r=\"3\" fill=\"#fff\" stroke=\"#c8423b\" stroke-width=\"1.2\" />", "customs border crossed"),
        ]
        return "<p class=\"legend\">" + items.map { "<svg width=\"16\" height=\"16\" viewBox=\"0 0 16 16\">\($0.0)</svg> \(escape($0.1))" }.joined(separator: " &#160; ") + "</p>\n"
    }

    // MARK: Charts

    func barChart(id: String, title: String, rows: [(label: String, segments: [(value: Double, colour: String, name: String)])], unit: String) -> String {
        let width = 560.0, labelWidth = 150.0, rowHeight = 22.0
        let height = Double(rows.count) * rowHeight + 40
        let maxValue = max(1e-9, rows.map { $0.segments.reduce(0) { $0 + max(0, $1.value) } }.max() ?? 1)
        var svg = "<svg class=\"chart\" id=\"\(id)\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"\(escape(title))\">\n<text x=\"0\" y=\"14\" font-weight=\"bold\">\(escape(title))</text>\n"
        for (index, row) in rows.enumerated() {
            let y = 26 + Double(index) * rowHeight
            svg += "<text x=\"\(n(labelWidth - 6))\" y=\"\(n(y + 13))\" text-anchor=\"end\">\(escape(row.label))</text>\n"
            var x = labelWidth
            for segment in row.segments where segment.value > 0 {
                let w = segment.value / maxValue * (width - labelWidth - 70)
                svg += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(0.5, w)))\" height=\"\(n(rowHeight - 6))\" fill=\"\(segment.colour)\"><title>\(escape(segment.name)): \(money(segment.value))\(unit)</title></rect>\n"
                x += w
            }
            let total = row.segments.reduce(0) { $0 + $1.value }
            svg += "<text x=\"\(n(x + 4))\" y=\"\(n(y + 13))\">\(unit == "%" ? percent(total / 100) : money(total))</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// Costs and credits as bars, with the figures shown as the text plan shows them (`PlanFigures`).
    func costChart() -> String {
        let costs = figures.costParts.filter { !$0.part.isCredit }.enumerated().map { (value: $1.shown, colour: Self.palette[$0 % Self.palette.count], name: $1.part.label) }
        let creditColours = ["recoveredValue": "#3a9e5c", "customerFees": "#b5a02f"]
        let recovered = figures.costParts.filter(\.part.isCredit).map { (value: -$0.shown, colour: creditColours[$0.part.key] ?? "#3a9e5c", name: $0.part.label) }
        var svg = barChart(id: "chart-costs", title: "Cost breakdown (\(plan.currency) per period)", rows: [("costs", costs), ("recovered", recovered)], unit: "")
        svg = svg.replacingOccurrences(of: "</svg>\n", with: "<text x=\"150\" y=\"84\" class=\"muted\">net \(money(figures.net)) = costs − recovered</text>\n</svg>\n")
        return svg
    }

    func dispositionChart() -> String {
        let kinds = PlanFigures.dispositionKinds
        let colours = ["#3a9e5c", "#8a5fb8", "#c8423b", "#b5a02f"]
        let rows = figures.categories.map { row in
            (label: "\(row.category) (\(money(row.total)))", segments: kinds.indices.map { index in (value: row.parcels[index], colour: colours[index], name: kinds[index].rawValue) })
        }
        let chart = barChart(id: "chart-dispositions", title: "Dispositions by category (parcels)", rows: rows, unit: "")
        let legend = kinds.enumerated().map { index, kind in
            "<rect x=\"\(150 + index * 95)\" y=\"\(Double(rows.count) * 22 + 28)\" width=\"10\" height=\"10\" fill=\"\(colours[index])\" /><text x=\"\(164 + index * 95)\" y=\"\(Double(rows.count) * 22 + 37)\">\(kind.rawValue)</text>"
        }.joined()
        return chart.replacingOccurrences(of: "viewBox=\"0 0 560 \(n(Double(rows.count) * 22 + 40))\"", with: "viewBox=\"0 0 560 \(n(Double(rows.count) * 22 + 56))\"")
            .replacingOccurrences(of: "</svg>\n", with: legend + "\n</svg>\n")
    }

    func fillChart() -> String {
        let lanes = plan.lanes.filter { $0.mode == .consolidated && ($0.dispatches ?? 0) > 0 }.sorted { $0.parcels > $1.parcels }.prefix(15)
        let rows = lanes.map { lane in (label: lane.id, segments: [(value: (lane.fillRate ?? 0) * 100, colour: "#2f6db5", name: "fill rate, \(lane.dispatches ?? 0) dispatches")]) }
        guard !rows.isEmpty else { return "<p class=\"muted\">No consolidated lane is dispatched.</p>\n" }
        return barChart(id: "chart-fill", title: "Fill rate of consolidated lanes (busiest 15)", rows: Array(rows), unit: "%")
    }

    func sweepChart() -> String {
        let rows = sweep.filter { $0.count != nil && $0.netCost != nil }
        guard rows.count >= 2 else { return "" }
        let width = 560.0, height = 240.0, left = 70.0, right = 50.0, top = 30.0, bottom = 30.0
        let counts = rows.compactMap(\.count).map(Double.init)
        let costs = rows.compactMap(\.netCost)
        let days = rows.map(\.meanTransitDays)
        let (minC, maxC) = (costs.min() ?? 0, costs.max() ?? 1)
        let (minD, maxD) = (days.min() ?? 0, days.max() ?? 1)
        let x = { (i: Double) in left + (i - (counts.first ?? 0)) / max(1, (counts.last ?? 1) - (counts.first ?? 0)) * (width - left - right) }
        let yC = { (v: Double) in top + (maxC - v) / max(1e-9, maxC - minC) * (height - top - bottom) }
        let yD = { (v: Double) in top + (maxD - v) / max(1e-9, maxD - minD) * (height - top - bottom) }
        var svg = "<svg class=\"chart\" id=\"chart-sweep\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"cost and transit against hubs\">\n"
        svg += "<text x=\"0\" y=\"14\" font-weight=\"bold\">Net cost (blue) and mean transit days (orange) against open hubs</text>\n"
        let costLine = zip(counts, costs).map { "\(n(x($0))),\(n(yC($1)))" }.joined(separator: " ")
        let dayLine = zip(counts, days).map { "\(n(x($0))),\(n(yD($1)))" }.joined(separator: " ")
        svg += "<polyline points=\"\(costLine)\" fill=\"none\" stroke=\"#2f6db5\" stroke-width=\"2\" />\n<polyline points=\"\(dayLine)\" fill=\"none\" stroke=\"#e07b39\" stroke-width=\"2\" />\n"
        for (i, row) in rows.enumerated() {
            svg += "<circle cx=\"\(n(x(counts[i])))\" cy=\"\(n(yC(costs[i])))\" r=\"3.5\" fill=\"#2f6db5\"><title>\(row.label): net \(money(costs[i]))</title></circle>\n"
            svg += "<circle cx=\"\(n(x(counts[i])))\" cy=\"\(n(yD(days[i])))\" r=\"3.5\" fill=\"#e07b39\"><title>\(row.label): \(String(format: "%.1f", days[i])) days</title></circle>\n"
            svg += "<text x=\"\(n(x(counts[i])))\" y=\"\(n(height - 10))\" text-anchor=\"middle\">\(Int(counts[i]))</text>\n"
        }
        svg += "<text x=\"\(n(left - 6))\" y=\"\(n(yC(maxC) + 4))\" text-anchor=\"end\">\(money(maxC))</text><text x=\"\(n(left - 6))\" y=\"\(n(yC(minC) + 4))\" text-anchor=\"end\">\(money(minC))</text>\n"
        svg += "<text x=\"\(n(width - right + 6))\" y=\"\(n(yD(maxD) + 4))\">\(String(format: "%.1f", maxD)) d</text><text x=\"\(n(width - right + 6))\" y=\"\(n(yD(minD) + 4))\">\(String(format: "%.1f", minD)) d</text>\n"
        return svg + "</svg>\n"
    }

    // MARK: Tables

    func table(_ headers: [String], numeric: Set<Int>, _ rows: [[String]], id: String) -> String {
        var html = "<table id=\"\(id)\"><thead><tr>" + headers.enumerated().map { "<th\(numeric.contains($0) ? " class=\"n\"" : "")>\(escape($1))</th>" }.joined() + "</tr></thead><tbody>\n"
        for row in rows {
            html += "<tr>" + row.enumerated().map { "<td\(numeric.contains($0) ? " class=\"n\"" : "")>\(escape($1))</td>" }.joined() + "</tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    func hubTable() -> String {
        let rows = plan.hubs.map { hub in
            [hub.id, hub.name ?? "", hub.country, hub.open ? (hub.candidate ? "opened" : "open") : "closed", money(hub.parcels), hub.capacity.map(money) ?? "–", hub.utilisation.map(percent) ?? "–", hub.candidate || hub.fixedCost > 0 ? money(hub.fixedCost) : "–"]
        }
        return table(["hub", "name", "country", "status", "parcels", "capacity", "use", "fixed cost"], numeric: [4, 5, 6, 7], rows, id: "hubs")
    }

    func batchTable() -> String {
        let lanes = plan.lanes.indices.filter { plan.lanes[$0].mode == .consolidated }.sorted { plan.lanes[$0].parcels > plan.lanes[$1].parcels }
        let rows = lanes.map { index in
            let lane = plan.lanes[index], costs = figures.laneCosts[index]
            return [lane.id, "\(lane.from) → \(lane.to)", lane.crossesBorder ? "yes" : "", money(lane.parcels), money(lane.weightKg), String(lane.dispatches ?? 0), lane.fillRate.map(percent) ?? "–"]
                + costs.map { $0.map(money) ?? "–" }
        }
        return table(["lane", "from → to", "border", "parcels", "kg", "batches", "fill", "dispatches", "freight", "brokerage", "duty"], numeric: Set(3...10), rows, id: "batches")
    }

    /// Cost per return by zone: per-parcel costs of the paths used plus their share of dispatch costs.
    func zoneTable() -> String {
        var dispatchPerParcel: [String: Double] = [:]
        for lane in plan.lanes where lane.parcels > 0 { dispatchPerParcel[lane.id] = lane.dispatchCostWithEntries / lane.parcels }
        var cost: [String: Double] = [:], parcels: [String: Double] = [:]
        for flow in plan.flows {
            for path in flow.paths {
                let share = path.lanes.reduce(0) { $0 + (dispatchPerParcel[$1] ?? 0) }
                cost[flow.zone, default: 0] += path.parcels * (path.costPerParcel + share)
                parcels[flow.zone, default: 0] += path.parcels
            }
        }
        let ranked = parcels.keys.filter { (parcels[$0] ?? 0) > 0 }.map { ($0, (cost[$0] ?? 0) / (parcels[$0] ?? 1)) }.sorted { ($0.1, $0.0) > ($1.1, $1.0) }.prefix(15)
        let rows = ranked.map { [$0.0, money(parcels[$0.0] ?? 0), String(format: "%.2f", $0.1)] }
        return table(["zone", "returns", "net cost per return (\(plan.currency))"], numeric: [1, 2], Array(rows), id: "zones")
    }

    func sweepTable() -> String {
        let rows = sweep.map { row in
            [row.label, row.opened.joined(separator: ", "), row.netCost.map(money) ?? "–", String(format: "%.1f", row.meanTransitDays), String(format: "%.1f", row.maxTransitDays), percent(row.consolidatedShare), percent(row.keptShare), row.status.rawValue, row.cheapest ? "cheapest" : ""]
        }
        return table(["hubs", "opened", "net cost", "mean days", "max days", "consolidated", "kept", "status", ""], numeric: [2, 3, 4, 5, 6], rows, id: "sweep")
    }
}
