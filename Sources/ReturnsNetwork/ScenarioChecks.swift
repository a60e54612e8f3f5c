/// Checks that need the whole network, made on whatever parsed so that they come with the field errors: border
/// crossings have customs rules for what crosses them, and every zone can send its returns somewhere. Then warnings
/// for what loads but will not do what was likely meant: demand that is never planned, customs entries no lane
/// enters, hubs and lanes no route can use, zones too slow for the transit limit.
///
/// Reach is worked out over walks of at most `maxLegs` lanes within `maxTransitDays` (`PlanningSettings.admits`,
/// the planner's own limit). Walks may revisit a node where routes may not, so they can only overstate what routes
/// reach: "cannot reach" is then always true, and a lane said to be usable is at worst usable by a walk only.
struct ScenarioChecks {
    /// Which parts of the document had problems of their own (already reported). Checks whose answer a left-out row
    /// could change are not made, so one mistake is not reported twice.
    struct Gaps {
        /// A lane row whose start cannot be read was left out, or the lanes table is unreadable.
        var lanesIncomplete = false
        /// Nodes that a left-out lane starts at: what is reachable through them is unknown.
        var laneStartsLeftOut = Set<String>()
        /// Customs territories whose entry has problems of its own.
        var territoriesWithProblems = Set<String>()
        /// A customs entry without a readable id, or an unreadable customs table.
        var customsIncomplete = false
        var settingsIncomplete = false
        var policyIncomplete = false
    }

    let scenario: Scenario
    let reader: DocumentReader
    let file: String
    let gaps: Gaps
    /// Where settings and policy keys are written (`settings.maxTransitDays`, …), for warnings about them.
    let places: [String: SourceLocation]

    private let nodes: [String: Node]
    private let outgoing: [String: [Int]]
    private let incoming: [String: [Int]]
    /// Most individual warnings of one kind before the rest are summed up in one.
    private let listed = 10

    init(scenario: Scenario, reader: DocumentReader, file: String, gaps: Gaps, places: [String: SourceLocation]) {
        self.scenario = scenario
        self.reader = reader
        self.file = file
        self.gaps = gaps
        self.places = places
        nodes = Dictionary(scenario.nodes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var outgoing: [String: [Int]] = [:], incoming: [String: [Int]] = [:]
        for (index, lane) in scenario.lanes.enumerated() {
            outgoing[lane.from, default: []].append(index)
            incoming[lane.to, default: []].append(index)
        }
        self.outgoing = outgoing
        self.incoming = incoming
    }

    func run() {
        let zones = scenario.nodes.filter { $0.kind == .zone }.map(\.id)
        let fromZones = walk(from: zones, forward: true)
        checkCustomsCoverage(fromZones: fromZones)
        checkReachability()
        warnAboutUnplannedDemand()
        guard !gaps.lanesIncomplete else { return }
        warnAboutUnenteredCustoms()
        warnAboutUnusableLanes(fromZones: fromZones)
    }

    private var settings: PlanningSettings { scenario.settings }
    private var maxLegs: Int { max(settings.maxLegs, 0) }

    // MARK: Reach

    /// Per node, the fewest days to reach it from `sources` (forward) or to reach `sources` from it (backward) with
    /// at most l lanes, at index l; `.infinity` where it cannot. `ignoringDays` drops the transit limit.
    private func walk(from sources: [String], forward: Bool, ignoringDays: Bool = false) -> [String: [Double]] {
        var best: [String: [Double]] = [:]
        func record(_ layer: [String: Double], _ legs: Int) {
            for (node, days) in layer {
                var row = best[node] ?? Array(repeating: .infinity, count: maxLegs + 1)
                for l in legs...maxLegs where days < row[l] { row[l] = days }
                best[node] = row
            }
        }
        var layer = Dictionary(sources.map { ($0, 0.0) }, uniquingKeysWith: { a, _ in a })
        record(layer, 0)
        var legs = 0
        while legs < maxLegs, !layer.isEmpty {
            legs += 1
            var next: [String: Double] = [:]
            for (node, days) in layer {
                for index in (forward ? outgoing[node] : incoming[node]) ?? [] {
                    let lane = scenario.lanes[index]
                    let arrival = days + lane.transitDays
                    guard ignoringDays || settings.admits(legs: legs, days: arrival) else { continue }
                    let other = forward ? lane.to : lane.from
                    if arrival < next[other] ?? .infinity { next[other] = arrival }
                }
            }
            record(next, legs)
            layer = next
        }
        return best
    }

    /// Nodes where returns of `category` can end (nil: of any category).
    private func sinks(taking category: String?) -> [String] {
        scenario.nodes.filter { node in
            guard let category else { return !node.dispositions.isEmpty }
            return node.dispositions.contains { node.performs($0, for: category) }
        }.map(\.id)
    }

    /// Whether some route from a zone (`fromZones`) to a sink (`toSinks`) can take `lane` within both limits.
    private func usable(_ lane: Lane, fromZones: [String: [Double]], toSinks: [String: [Double]]) -> Bool {
        guard let before = fromZones[lane.from], let after = toSinks[lane.to] else { return false }
        for l in 0..<maxLegs where before[l] < .infinity {
            let rest = maxLegs - 1 - l
            if settings.admits(legs: l + 1 + rest, days: before[l] + lane.transitDays + after[rest]) { return true }
        }
        return false
    }

    // MARK: Errors

    /// Every lane that crosses into another customs territory needs that territory's rules, and the territory needs a
    /// duty rate for each category whose returns can cross on such a lane.
    private func checkCustomsCoverage(fromZones: [String: [Double]]) {
        var crossings: [String: [Lane]] = [:]
        for lane in scenario.lanes {
            guard let from = nodes[lane.from], let to = nodes[lane.to] else { continue }
            let destination = scenario.territory(ofCountry: to.country)
            if scenario.territory(ofCountry: from.country) != destination { crossings[destination, default: []].append(lane) }
        }
        let finalSale = Set(scenario.policy.finalSaleCategories)
        let demanded = Set(scenario.demand.filter { $0.parcels > 0 && !finalSale.contains($0.category) }.map(\.category))
        var toSinks: [String: [String: [Double]]] = [:]
        for (territory, lanes) in crossings.sorted(by: { $0.key < $1.key }) {
            guard let customs = scenario.customs(territory) else {
                if !gaps.customsIncomplete, let lane = lanes.first {
                    reader.report(lane.location ?? SourceLocation(file: file), "lanes.\(lane.id)", "the lane crosses into customs territory '\(territory)', which has no customs rules", hint: "add an entry for \(territory) under 'customs' (brokeragePerEntry, duty, deMinimis)")
                }
                continue
            }
            guard !gaps.territoriesWithProblems.contains(territory) else { continue }
            for category in scenario.categories.map(\.id) where demanded.contains(category) && customs.dutyRates[category] == nil {
                // Without every lane read, which lanes carry the category is unknown: any crossing stands in.
                let carrying: Lane?
                if gaps.lanesIncomplete {
                    carrying = lanes.first
                } else {
                    if toSinks[category] == nil { toSinks[category] = walk(from: sinks(taking: category), forward: false) }
                    carrying = lanes.first { usable($0, fromZones: fromZones, toSinks: toSinks[category] ?? [:]) }
                }
                guard let lane = carrying else { continue }
                reader.report(customs.location ?? SourceLocation(file: file), "customs.\(territory).duty", "category '\(category)' has no duty rate in \(territory), whose border its returns cross on lane \(lane.id)\(lane.location?.line.map { " (line \($0))" } ?? "")", hint: "add duty: {\(category): RATE} (0 for duty-free)")
            }
        }
    }

    /// Every zone's returns of each category must reach a node that takes that category (restock, refurbish or
    /// liquidate) within the leg limit; where returnless refunds are ruled out, the changed (not resellable) share
    /// also needs a node that refurbishes or liquidates it. Zones that only reach one beyond the transit limit are
    /// gathered into one warning.
    private func checkReachability() {
        guard !gaps.lanesIncomplete, !gaps.settingsIncomplete else { return }
        let finalSale = Set(scenario.policy.finalSaleCategories)
        var reach: [String: [String: [Double]]] = [:]
        var slow: [(entry: DemandEntry, fastest: Double)] = []
        for entry in scenario.demand where entry.parcels > 0 && !finalSale.contains(entry.category) {
            if reach[entry.zone] == nil { reach[entry.zone] = walk(from: [entry.zone], forward: true, ignoringDays: true) }
            let reached = reach[entry.zone] ?? [:]
            // A lane left out for its own problems might have led somewhere.
            guard reached.keys.allSatisfy({ !gaps.laneStartsLeftOut.contains($0) }) else { continue }
            let sinks = reached.keys.sorted().compactMap { nodes[$0] }.filter { !$0.dispositions.isEmpty && $0.id != entry.zone }
            let location = entry.location ?? nodes[entry.zone]?.location ?? SourceLocation(file: file)
            let takes = sinks.filter { sink in sink.dispositions.contains { sink.performs($0, for: entry.category) } }
            if takes.isEmpty {
                let what = sinks.isEmpty ? "reaches no warehouse, refurbisher, liquidator or origin" : "reaches no node that takes '\(entry.category)'"
                reader.report(location, "demand.\(entry.zone).\(entry.category)", "zone '\(entry.zone)' has returns of '\(entry.category)' but \(what) within \(settings.maxLegs) lanes", hint: "add a lane towards a node that handles '\(entry.category)', widen a node's 'categories', or raise settings.maxLegs")
                continue
            }
            if !gaps.policyIncomplete, entry.conditions.damaged > 0, scenario.policy.accepts(.damaged), !scenario.policy.allowReturnlessRefunds,
               !takes.contains(where: { sink in sink.performs(.refurbish, for: entry.category) || sink.performs(.liquidate, for: entry.category) }) {
                reader.report(location, "demand.\(entry.zone).\(entry.category)", "changed '\(entry.category)' returns from '\(entry.zone)' cannot be restocked, and no refurbisher or liquidator that takes them is in reach; returnless refunds are ruled out", hint: "add a lane to a refurbisher or liquidator, or allow returnless refunds")
            }
            let fastest = takes.map { reached[$0.id]?[maxLegs] ?? .infinity }.min() ?? .infinity
            if fastest > settings.maxTransitDays + 1e-9 { slow.append((entry, fastest)) }
        }
        warnAboutSlowZones(slow)
    }

    // MARK: Warnings

    private func warnAboutSlowZones(_ slow: [(entry: DemandEntry, fastest: Double)]) {
        guard let first = slow.first else { return }
        let parcels = slow.reduce(0) { $0 + $1.entry.parcels }
        let total = scenario.demand.reduce(0) { $0 + $1.parcels }
        let zones = Set(slow.map(\.entry.zone))
        let quickest = slow.min { $0.fastest < $1.fastest } ?? first
        let fate = scenario.policy.allowReturnlessRefunds
            ? "they can only be refunded without a return"
            : "with returnless refunds ruled out, they cannot be planned"
        let location = places["settings.maxTransitDays"] ?? places["settings"] ?? first.entry.location ?? SourceLocation(file: file)
        reader.warn(location, "settings.maxTransitDays", "\(Figures.grouped(parcels, decimals: 0)) returns per period (\(percent(parcels / max(total, 1e-9))) of the forecast) from \(Figures.grouped(Double(zones.count))) zone\(zones.count == 1 ? "" : "s") have no route within \(days(settings.maxTransitDays)) days (the fastest, from '\(quickest.entry.zone)', takes \(days(quickest.fastest))): \(fate)", hint: "raise settings.maxTransitDays or add faster lanes from those zones")
    }

    /// Final-sale categories and refused conditions in the forecast: one warning per category or condition, at the
    /// first row it concerns (`Scenario.excludedDemand` is the rule).
    private func warnAboutUnplannedDemand() {
        guard !gaps.policyIncomplete else { return }
        let rows = Dictionary(scenario.demand.map { ("\($0.zone)\u{1}\($0.category)", $0) }, uniquingKeysWith: { a, _ in a })
        var groups: [(key: String, rows: [ExcludedDemand])] = []
        for excluded in scenario.excludedDemand {
            let key = excluded.condition.map { "condition \($0.rawValue)" } ?? "final sale \(excluded.category)"
            if let index = groups.firstIndex(where: { $0.key == key }) { groups[index].rows.append(excluded) } else { groups.append((key, [excluded])) }
        }
        for group in groups {
            guard let first = group.rows.first else { continue }
            let location = rows["\(first.zone)\u{1}\(first.category)"]?.location ?? places["policy"] ?? SourceLocation(file: file)
            let parcels = Figures.grouped(group.rows.reduce(0) { $0 + $1.parcels }, decimals: 0)
            let count = group.rows.count == 1 ? "this forecast row" : "\(Figures.grouped(Double(group.rows.count))) forecast rows (the first here)"
            if let condition = first.condition {
                reader.warn(location, "demand.\(first.zone).\(first.category)", "\(parcels) returns per period in \(count) come back \(condition.rawValue), which the policy refuses: they are not planned and the router refuses them", hint: "add \(condition.rawValue) to policy.acceptedConditions, or give those rows no \(condition.rawValue) share")
            } else {
                reader.warn(location, "demand.\(first.zone).\(first.category)", "'\(first.category)' is final sale: the \(parcels) returns per period in \(count) are not planned and the router refuses them", hint: "remove the rows, or take '\(first.category)' out of policy.finalSale")
            }
        }
    }

    /// Customs entries that no lane crosses into: their rules never apply. (An entry joining countries that lanes
    /// run between, as the EU's does, still makes those lanes domestic.)
    private func warnAboutUnenteredCustoms() {
        for territory in scenario.territories {
            var entered = false, joins = false
            for lane in scenario.lanes {
                guard let from = nodes[lane.from], let to = nodes[lane.to], scenario.territory(ofCountry: to.country) == territory.id else { continue }
                if scenario.territory(ofCountry: from.country) != territory.id { entered = true } else if from.country != to.country { joins = true }
            }
            if !entered && !joins {
                reader.warn(territory.location ?? SourceLocation(file: file), "customs.\(territory.id)", "no lane crosses into customs territory '\(territory.id)': its rules never apply", hint: "check its countries and the lanes' ends, or remove the entry")
            }
        }
    }

    /// Hubs and lanes that no route from a zone to a warehouse, refurbisher, liquidator or origin can take within
    /// the leg and transit limits. A hub's own warning covers the lanes it strands.
    private func warnAboutUnusableLanes(fromZones: [String: [Double]]) {
        let toSinks = walk(from: sinks(taking: nil), forward: false)
        let takeable = scenario.lanes.map { usable($0, fromZones: fromZones, toSinks: toSinks) }
        var stranded = Set<String>()
        var hubWarnings: [(location: SourceLocation, path: String, message: String)] = []
        for hub in scenario.nodes where hub.kind == .hub {
            let into = incoming[hub.id]?.contains { takeable[$0] } ?? false
            let out = outgoing[hub.id]?.contains { takeable[$0] } ?? false
            guard !into || !out else { continue }
            stranded.insert(hub.id)
            let what = hub.isCandidate ? "candidate hub" : "hub"
            let why = fromZones[hub.id] == nil ? "no zone reaches it within \(settings.maxLegs) lanes"
                : toSinks[hub.id] == nil ? "from it no warehouse, refurbisher, liquidator or origin is in reach"
                : "no route through it stays within \(settings.maxLegs) lanes and \(days(settings.maxTransitDays)) days"
            hubWarnings.append((hub.location ?? SourceLocation(file: file), "nodes.\(hub.id)", "\(what) '\(hub.id)' is on no route: \(why)"))
        }
        var laneWarnings: [(location: SourceLocation, path: String, message: String)] = []
        for (index, lane) in scenario.lanes.enumerated() where !takeable[index] && !stranded.contains(lane.from) && !stranded.contains(lane.to) {
            let why = fromZones[lane.from] == nil ? "no zone reaches '\(lane.from)'"
                : lane.transitDays > settings.maxTransitDays + 1e-9 ? "its \(days(lane.transitDays)) transit days exceed settings.maxTransitDays (\(days(settings.maxTransitDays)))"
                : toSinks[lane.to] == nil ? "from '\(lane.to)' no warehouse, refurbisher, liquidator or origin is in reach"
                : "no route through it stays within \(settings.maxLegs) lanes and \(days(settings.maxTransitDays)) days"
            laneWarnings.append((lane.location ?? SourceLocation(file: file), "lanes.\(lane.id)", "no return can use lane \(lane.id): \(why)"))
        }
        emit(hubWarnings, hint: "add lanes to and from it, or remove it", more: "hubs")
        emit(laneWarnings, hint: "check its ends, its transit days and settings.maxLegs, or remove it", more: "lanes")
    }

    private func emit(_ warnings: [(location: SourceLocation, path: String, message: String)], hint: String, more what: String) {
        for warning in warnings.prefix(listed) { reader.warn(warning.location, warning.path, warning.message, hint: hint) }
        guard warnings.count > listed else { return }
        let rest = warnings.dropFirst(listed)
        let first = rest.first!
        reader.warn(first.location, first.path, "and \(rest.count) more \(what) like the ones above, the first here", hint: hint)
    }

    private func days(_ value: Double) -> String { Figures.grouped(value, decimals: value.rounded() == value ? 0 : 1) }

    private func percent(_ share: Double) -> String { "\(days(share * 100)) %" }
}
