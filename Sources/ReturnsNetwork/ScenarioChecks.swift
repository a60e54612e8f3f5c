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

    /// Every zone with returns must reach a node that restocks, refurbishes or liquidates within the leg limit.
    private func checkReachability() {
        var outgoing: [String: [String]] = [:]
        for lane in scenario.lanes { outgoing[lane.from, default: []].append(lane.to) }
        let sinks = Set(scenario.nodes.filter { !$0.dispositions.isEmpty }.map(\.id))
        let zones = Dictionary(scenario.nodes.filter { $0.kind == .zone }.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var done = Set<String>()
        for entry in scenario.demand where entry.parcels > 0 && done.insert(entry.zone).inserted {
            var frontier = [entry.zone]
            var seen: Set<String> = [entry.zone]
            var found = false
            for _ in 0..<scenario.settings.maxLegs {
                if found || frontier.isEmpty { break }
                var next: [String] = []
                for node in frontier {
                    for target in outgoing[node] ?? [] where seen.insert(target).inserted {
                        if sinks.contains(target) { found = true }
                        next.append(target)
                    }
                }
                frontier = next
            }
            if !found {
                reader.report(zones[entry.zone]?.location ?? SourceLocation(file: file), "nodes.\(entry.zone)", "zone '\(entry.zone)' has returns but reaches no warehouse, refurbisher, liquidator or origin within \(scenario.settings.maxLegs) lanes", hint: "add a lane from it (e.g. to a drop-off or hub) or raise settings.maxLegs")
            }
        }
    }
}
