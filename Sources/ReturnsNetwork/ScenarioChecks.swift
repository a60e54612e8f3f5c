/// Checks that need the whole network: border crossings have customs rules, and every zone can send its returns somewhere.
struct ScenarioChecks {
    let scenario: Scenario
    let reader: DocumentReader
    let file: String

    func run() {
        checkCustomsCoverage()
        checkReachability()
    }

    /// Every lane that crosses into another customs territory needs that territory's rules, with a duty rate for each category.
    private func checkCustomsCoverage() {
        let nodes = Dictionary(scenario.nodes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let demanded = Set(scenario.demand.map(\.category))
        var reported = Set<String>()
        for lane in scenario.lanes {
            guard let from = nodes[lane.from], let to = nodes[lane.to] else { continue }
            let source = scenario.territory(ofCountry: from.country)
            let destination = scenario.territory(ofCountry: to.country)
            guard source != destination else { continue }
            guard let customs = scenario.customs(destination) else {
                if reported.insert(destination).inserted {
                    reader.report(lane.location ?? SourceLocation(file: file), "lanes.\(lane.id)", "the lane crosses into customs territory '\(destination)', which has no customs rules", hint: "add an entry for \(destination) under 'customs' (brokeragePerEntry, duty, deMinimis)")
                }
                continue
            }
            for category in scenario.categories.map(\.id) where demanded.contains(category) && customs.dutyRates[category] == nil {
                if reported.insert("\(destination)\u{1}\(category)").inserted {
                    reader.report(customs.location ?? SourceLocation(file: file), "customs.\(destination).duty", "category '\(category)' has no duty rate in \(destination), which lane \(lane.id) enters", hint: "add duty: {\(category): RATE} (0 for duty-free)")
                }
            }
        }
    }

    /// Every zone's returns of each category must reach a node that takes that category (restock, refurbish or
    /// liquidate) within the leg limit; where returnless refunds are ruled out, the changed (not resellable) share
    /// also needs a node that refurbishes or liquidates it.
    private func checkReachability() {
        var outgoing: [String: [String]] = [:]
        for lane in scenario.lanes { outgoing[lane.from, default: []].append(lane.to) }
        let nodes = Dictionary(scenario.nodes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let finalSale = Set(scenario.policy.finalSaleCategories)
        var reachable: [String: [Node]] = [:]
        for entry in scenario.demand where entry.parcels > 0 && !finalSale.contains(entry.category) {
            if reachable[entry.zone] == nil {
                var frontier = [entry.zone]
                var seen: Set<String> = [entry.zone]
                var found: [Node] = []
                for _ in 0..<scenario.settings.maxLegs where !frontier.isEmpty {
                    var next: [String] = []
                    for node in frontier {
                        for target in outgoing[node] ?? [] where seen.insert(target).inserted {
                            if let sink = nodes[target], !sink.dispositions.isEmpty { found.append(sink) }
                            next.append(target)
                        }
                    }
                    frontier = next
                }
                reachable[entry.zone] = found
            }
            let sinks = reachable[entry.zone] ?? []
            let location = entry.location ?? nodes[entry.zone]?.location ?? SourceLocation(file: file)
            let takes = sinks.filter { sink in sink.dispositions.contains { sink.performs($0, for: entry.category) } }
            if takes.isEmpty {
                let what = sinks.isEmpty ? "reaches no warehouse, refurbisher, liquidator or origin" : "reaches no node that takes '\(entry.category)'"
                reader.report(location, "demand.\(entry.zone).\(entry.category)", "zone '\(entry.zone)' has returns of '\(entry.category)' but \(what) within \(scenario.settings.maxLegs) lanes", hint: "add a lane towards a node that handles '\(entry.category)', widen a node's 'categories', or raise settings.maxLegs")
                continue
            }
            if entry.conditions.damaged > 0, scenario.policy.accepts(.damaged), !scenario.policy.allowReturnlessRefunds,
               !takes.contains(where: { sink in sink.performs(.refurbish, for: entry.category) || sink.performs(.liquidate, for: entry.category) }) {
                reader.report(location, "demand.\(entry.zone).\(entry.category)", "changed '\(entry.category)' returns from '\(entry.zone)' cannot be restocked, and no refurbisher or liquidator that takes them is in reach; returnless refunds are ruled out", hint: "add a lane to a refurbisher or liquidator, or allow returnless refunds")
            }
        }
    }
}
