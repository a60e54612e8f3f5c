import Foundation
import Planning
import ReturnsNetwork
import Routing

/// The plan as readable tables.
enum PlanText {
    static func render(_ plan: Plan) -> String {
        let money = { (value: Double) in formatNumber(value == 0 ? 0 : value, decimals: 2) }
        var out: [String] = []
        let figures = PlanFigures(plan)
        let solve = plan.solve
        out.append("Plan for \(plan.scenario) — \(solve.status)\(solve.gap.map { ", gap \(formatPercent($0))" } ?? ""), built in \(String(format: "%.2f", solve.buildSeconds)) s, solved in \(String(format: "%.2f", solve.solveSeconds)) s")
        let search = solve.search == .lpLocalSearch ? "\(solve.lpSolves ?? 0) LP solves of a local search" : "\(solve.nodes) branch-and-bound nodes"
        out.append("  \(solve.commodities) commodities, \(solve.paths) candidate paths; MIP \(solve.variables) columns × \(solve.constraints) rows, \(solve.nonzeros) nonzeros, \(search)")
        if solve.method == .aggregated {
            out.append("  planned on \(solve.clusters ?? 0) clusters of like commodities, split back in proportion\(solve.bestBound.map { solve.boundSource == .fullRelaxation ? "; a relaxation of the full model bounds the cost at \(money($0))" : "; no plan over any of the network's routes costs less than \(money($0))" } ?? "")")
        }
        out.append("")

        var hubs = TextTable(["hub", "name", "country", "status", "parcels", "capacity", "use", "fixed cost"], rightAligned: [4, 5, 6, 7])
        for hub in plan.hubs {
            let status = hub.open ? (hub.candidate ? "opened" : "open") : "closed"
            hubs.add([hub.id, hub.name ?? "", hub.country, status, formatNumber(hub.parcels), hub.capacity.map { formatNumber($0) } ?? "–", formatPercent(hub.utilisation), hub.candidate ? money(hub.fixedCost) : "–"])
        }
        if !plan.hubs.isEmpty { out += ["Hubs (per period)", hubs.render(), ""] }

        // A lane's own capacity per period gets a column only where some lane has one.
        let capped = plan.lanes.contains { $0.maxParcels != nil || $0.maxKg != nil }
        let laneHeader = ["lane", "from → to", "mode", "border", "parcels", "kg", "batches", "fill", "dispatches", "freight", "brokerage", "duty"]
        var lanes = TextTable(laneHeader + (capped ? ["capacity / period"] : []), rightAligned: Set(4...(capped ? 12 : 11)))
        let order = plan.lanes.indices.sorted { a, b in
            let x = plan.lanes[a], y = plan.lanes[b]
            return (x.mode == .consolidated ? 0 : 1, -x.parcels, a) < (y.mode == .consolidated ? 0 : 1, -y.parcels, b)
        }
        for index in order {
            let lane = plan.lanes[index]
            var row: [String] = [lane.id, "\(lane.from) → \(lane.to)", lane.mode.rawValue, lane.crossesBorder ? "yes" : ""]
            row += [formatNumber(lane.parcels), formatNumber(lane.weightKg), lane.dispatches.map(String.init) ?? ""]
            row += [lane.fillRate.map { formatPercent($0) } ?? ""] + figures.laneCosts[index].map { $0.map(money) ?? "" }
            if capped {
                let parts: [String?] = [lane.maxParcels.map { "\(formatNumber($0)) parcels" }, lane.maxKg.map { "\(formatNumber($0)) kg" }]
                row.append(parts.compactMap { $0 }.joined(separator: ", "))
            }
            lanes.add(row)
        }
        // The columns' totals are the breakdown's parts as shown below.
        lanes.add(["all lanes", "", "", "", "", "", "", ""] + PlanFigures.laneParts.map { key in money(figures.costParts.first { $0.part.key == key }?.shown ?? 0) })
        out += ["Lanes and consolidation batches (per period)", lanes.render(), ""]

        var dispositions = TextTable(["category"] + PlanFigures.dispositionKinds.map(\.rawValue) + ["all"], rightAligned: Set(1...PlanFigures.dispositionKinds.count + 1))
        for row in figures.categories {
            dispositions.add([row.category] + row.parcels.map { formatNumber($0) } + [formatNumber(row.total)])
        }
        let columnTotals = PlanFigures.dispositionKinds.indices.map { k in figures.categories.reduce(0) { $0 + $1.parcels[k] } }
        dispositions.add(["all"] + columnTotals.map { formatNumber($0) } + [formatNumber(figures.parcels)])
        out += ["Dispositions (parcels per period)", dispositions.render(), ""]

        var costs = TextTable(["cost", plan.currency], rightAligned: [1])
        for (part, shown) in figures.costParts { costs.add([part.label, money(shown)]) }
        costs.add(["net", money(figures.net)])
        out += ["Costs (per period)", costs.render(), ""]

        let s = plan.service
        out.append("Service")
        out.append("  \(formatNumber(figures.parcels)) returns per period; mean transit \(String(format: "%.1f", s.meanTransitDays)) days, max \(String(format: "%.1f", s.maxTransitDays)); consolidated \(formatPercent(s.consolidatedShare)); kept by the customer \(formatPercent(s.keptShare))")
        let finalSale = plan.excluded.filter { $0.condition == nil }.reduce(0) { $0 + $1.parcels }
        if finalSale > 0 { out.append("  not planned: \(formatNumber(finalSale)) parcels of final-sale categories") }
        for condition in ItemCondition.allCases {
            let refused = plan.excluded.filter { $0.condition == condition }.reduce(0) { $0 + $1.parcels }
            if refused > 0 { out.append("  not planned: \(formatNumber(refused)) \(condition.rawValue) returns, refused under the policy") }
        }
        if !plan.warnings.isEmpty {
            out += ["", "Warnings"] + plan.warnings.map { "  \($0.keyPath): \($0.message)" }
        }
        if let sensitivity = plan.sensitivity { out += [""] + explain(sensitivity, currency: plan.currency) }
        return out.joined(separator: "\n") + "\n"
    }

    /// The sensitivity section: what binding capacities are worth, what closed hubs would need.
    static func explain(_ sensitivity: PlanSensitivity, currency: String) -> [String] {
        let money = { (value: Double) in "\(formatNumber(value == 0 ? 0 : value, decimals: 2)) \(currency)" }
        var out = ["What capacity is worth (per period, with the plan's hubs and dispatches fixed)"]
        if sensitivity.hubs.isEmpty && sensitivity.lanes.isEmpty { out.append("  no capacity binds: more of it would save nothing") }
        for hub in sensitivity.hubs {
            out.append("  \(hub.hub): full at \(formatNumber(hub.capacity)) parcels; one more parcel of capacity saves \(money(hub.savingPerParcel))")
        }
        for lane in sensitivity.lanes {
            var parts: [String] = []
            if lane.savingPerKg > 1e-7 { parts.append("one more kg saves \(money(lane.savingPerKg))") }
            if lane.savingPerParcel > 1e-7 { parts.append("room for one more parcel saves \(money(lane.savingPerParcel))") }
            let verdict = lane.extraDispatchSaves > lane.extraDispatchCosts ? "pays" : "does not pay"
            out.append("  \(lane.lane): \(lane.dispatches) dispatch\(lane.dispatches == 1 ? "" : "es") full; \(parts.joined(separator: ", ")); one more dispatch would save about \(money(lane.extraDispatchSaves)) and cost \(money(lane.extraDispatchCosts)) (\(verdict) at these prices)")
        }
        if !sensitivity.closedHubs.isEmpty {
            out.append("")
            out.append("Closed candidate hubs")
            for hub in sensitivity.closedHubs {
                if let fall = hub.fixedCostMustFallBy {
                    let forced = "forced open, the best plan costs \(money(fall)) more per period (net \(money(hub.netCostIfOpened ?? 0))) and opens \((hub.openHubsIfOpened ?? [hub.hub]).joined(separator: ", "))"
                    if let below = hub.opensBelowFixedCost {
                        out.append("  \(hub.hub): opens only if its fixed cost (\(money(hub.fixedCost))) falls below \(money(below)); \(forced)")
                    } else {
                        out.append("  \(hub.hub): does not pay even with no fixed cost (\(money(hub.fixedCost)) today); \(forced)")
                    }
                } else {
                    out.append("  \(hub.hub): cannot be opened under the plan's constraints")
                }
            }
        }
        return out
    }
}
