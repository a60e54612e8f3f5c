import Foundation

/// Turns a scenario document into a `Scenario`, checking fields as it goes and the network as a whole at the end.
final class ScenarioBuilder {
    let reader = DocumentReader()
    let file: String
    let baseDirectory: String
    /// Ids of nodes written with problems of their own, already reported: references to them are not reported again.
    private var brokenNodes = Set<String>()
    /// Whether the nodes table is missing or unreadable (already reported): references to nodes are then not checked.
    private var nodesUnreadable = false
    /// What had problems of its own, so that whole-network checks do not report it again.
    private var gaps = ScenarioChecks.Gaps()
    /// Where settings and policy keys are written.
    private var places: [String: SourceLocation] = [:]

    init(file: String, baseDirectory: String) {
        self.file = file
        self.baseDirectory = baseDirectory
    }

    static let topKeys = ["name", "description", "merchant", "currency", "exchangeRates", "settings", "policy",
                          "categories", "customs", "nodes", "lanes", "demand", "postcodes"]

    func build(_ root: DocumentValue) -> Scenario? {
        guard let top = reader.fields(root, path: "", allowed: Self.topKeys) else { return nil }
        let name = reader.string(top, "name", required: true) ?? "unnamed"
        let description = reader.string(top, "description")
        let currency = readCurrency(top)
        // An unusable currency is reported once; amounts are then read as XXX rather than each reported again.
        reader.currency = currency ?? (reader.isGiven(top, "currency") ? "XXX" : nil)
        let rates = readRates(top, currency: currency ?? "XXX")
        reader.rates = currency == nil ? nil : rates
        let merchantCountry = readMerchant(top)
        let before = reader.issues.count
        let settings = readSettings(top)
        gaps.settingsIncomplete = reader.issues.count > before
        let categories = readCategories(top)
        let categoryIDs = Set(categories.map(\.id))
        let territories = readCustoms(top, categories: categoryIDs)
        let nodes = readNodes(top, categories: categoryIDs)
        let nodeByID = Dictionary(nodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let lanes = readLanes(top, nodes: nodeByID)
        let demand = readDemand(top, nodes: nodeByID, categories: categoryIDs)
        let postcodes = readPostcodes(top, nodes: nodeByID)
        let policy = readPolicy(top, categories: categoryIDs)

        let scenario = Scenario(
            name: name, description: description, merchantCountry: merchantCountry ?? "",
            exchangeRates: rates, policy: policy, settings: settings, categories: categories,
            nodes: nodes, lanes: lanes, territories: territories, demand: demand, postcodes: postcodes,
            sourceFile: file
        )
        ScenarioChecks(scenario: scenario, reader: reader, file: file, gaps: gaps, places: places).run()
        return scenario
    }

    // MARK: Header

    private func readCurrency(_ top: DocumentReader.Fields) -> String? {
        guard let code = reader.string(top, "currency", required: true) else { return nil }
        guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            reader.report(reader.location(top, "currency"), "currency", "'\(code)' is not a currency code", hint: "use an ISO 4217 code such as EUR, GBP or USD")
            return nil
        }
        return code
    }

    private func readRates(_ top: DocumentReader.Fields, currency: String) -> ExchangeRates {
        var rates = ExchangeRates(planningCurrency: currency)
        guard let value = top.values["exchangeRates"], !reader.isNull(value) else { return rates }
        guard case let .map(entries, _) = value else {
            reader.report(value.location, "exchangeRates", "expected a mapping such as {EUR: 0.86}, found \(value.kindName)", hint: "give, per currency, how many \(currency) one unit buys")
            return rates
        }
        let codes = entries.map(\.key)
        guard let fields = reader.fields(value, path: "exchangeRates", allowed: codes) else { return rates }
        for code in codes {
            guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                reader.report(reader.location(fields, code), "exchangeRates.\(code)", "'\(code)' is not a currency code", hint: "use an ISO 4217 code such as EUR")
                continue
            }
            guard let rate = reader.number(fields, code, required: true) else { continue }
            if rate <= 0 {
                reader.report(reader.location(fields, code), "exchangeRates.\(code)", "an exchange rate must be above 0", hint: "give how many \(currency) one \(code) buys")
                continue
            }
            rates.rates[code] = rate
        }
        return rates
    }

    private func readMerchant(_ top: DocumentReader.Fields) -> String? {
        guard let value = top.values["merchant"] else {
            reader.report(top.location, "merchant", "required field 'merchant' is missing", hint: "add merchant: {country: GB}")
            return nil
        }
        guard let fields = reader.fields(value, path: "merchant", allowed: ["name", "country"]) else { return nil }
        return country(fields, "country", required: true)
    }

    private func readSettings(_ top: DocumentReader.Fields) -> PlanningSettings {
        var settings = PlanningSettings()
        guard let value = top.values["settings"], !reader.isNull(value),
              let fields = reader.fields(value, path: "settings", allowed: ["maxLegs", "maxTransitDays", "pathsPerCommodity", "singleSourcing", "periodDays", "parcelMaxKg", "parcelMaxValue", "consolidatedMaxKg", "consolidatedMaxValue", "keptShareWarning", "earliestYear", "latestYear"])
        else { return settings }
        places["settings"] = fields.location
        if fields.values["maxTransitDays"] != nil { places["settings.maxTransitDays"] = reader.location(fields, "maxTransitDays") }
        if let legs = reader.integer(fields, "maxLegs", min: 1) { settings.maxLegs = legs }
        if let days = reader.number(fields, "maxTransitDays") { settings.maxTransitDays = days }
        if let paths = reader.integer(fields, "pathsPerCommodity", min: 1) { settings.pathsPerCommodity = paths }
        if let single = reader.bool(fields, "singleSourcing") { settings.singleSourcing = single }
        if let days = reader.number(fields, "periodDays", min: 1) { settings.periodDays = days }
        if let kg = reader.number(fields, "parcelMaxKg", min: 0.001) { settings.parcelLimits.maxKg = kg }
        if let kg = reader.number(fields, "consolidatedMaxKg", min: 0.001) { settings.consolidatedLimits.maxKg = kg }
        if let value = reader.money(fields, "parcelMaxValue") { settings.parcelLimits.maxValue = value }
        if let value = reader.money(fields, "consolidatedMaxValue") { settings.consolidatedLimits.maxValue = value }
        if let share = reader.number(fields, "keptShareWarning", min: 0, max: 1) { settings.keptShareWarning = share }
        let limits = PlanningSettings.yearLimits
        func year(_ key: String) -> Int? {
            guard let year = reader.integer(fields, key, min: limits.lowerBound) else { return nil }
            guard year <= limits.upperBound else {
                reader.report(reader.location(fields, key), "settings.\(key)", "\(year) is after \(limits.upperBound)", hint: "give a year from \(limits.lowerBound) to \(limits.upperBound)")
                return nil
            }
            return year
        }
        let earliest = year("earliestYear") ?? settings.plausibleYears.lowerBound
        let latest = year("latestYear") ?? settings.plausibleYears.upperBound
        if earliest <= latest {
            settings.plausibleYears = earliest...latest
        } else {
            reader.report(reader.location(fields, fields.values["latestYear"] != nil ? "latestYear" : "earliestYear"), "settings.latestYear", "the years parcels' dates may fall in run from \(earliest) to \(latest), backwards", hint: "give earliestYear no later than latestYear")
        }
        return settings
    }

    private func readPolicy(_ top: DocumentReader.Fields, categories: Set<String>) -> ReturnsPolicy {
        var policy = ReturnsPolicy()
        guard let value = top.values["policy"], !reader.isNull(value),
              let fields = reader.fields(value, path: "policy", allowed: ["windowDays", "finalSale", "acceptedConditions", "freeReturns", "customerFee", "returnlessRefundBelow", "allowReturnlessRefunds", "returnlessRefundMaxValue"])
        else { return policy }
        places["policy"] = fields.location
        if let days = reader.integer(fields, "windowDays") { policy.windowDays = days }
        // An unknown category in finalSale changes nothing the whole-network checks read; an unreadable list does.
        if let finalSale = reader.stringList(fields, "finalSale") {
            for category in finalSale where !categories.contains(category) {
                reader.report(reader.location(fields, "finalSale"), "policy.finalSale", "unknown category '\(category)'", hint: hintFor(category, among: categories, what: "categories"))
            }
            policy.finalSaleCategories = finalSale
        } else if reader.isGiven(fields, "finalSale") {
            gaps.policyIncomplete = true
        }
        let before = reader.issues.count
        if let conditions = reader.stringList(fields, "acceptedConditions") {
            policy.acceptedConditions = conditions.compactMap { name in
                if let condition = ItemCondition(rawValue: name) { return condition }
                reader.report(reader.location(fields, "acceptedConditions"), "policy.acceptedConditions", "'\(name)' is not a condition", hint: "use new, opened or damaged")
                return nil
            }
        }
        if let allow = reader.bool(fields, "allowReturnlessRefunds") { policy.allowReturnlessRefunds = allow }
        // What the whole-network checks read of the policy ends here; problems after this do not change them.
        if reader.issues.count > before { gaps.policyIncomplete = true }
        if let free = reader.bool(fields, "freeReturns") { policy.freeReturns = free }
        policy.customerFee = reader.money(fields, "customerFee")
        policy.returnlessRefundBelow = reader.money(fields, "returnlessRefundBelow")
        policy.returnlessRefundMaxValue = reader.money(fields, "returnlessRefundMaxValue")
        if let cap = policy.returnlessRefundMaxValue, let below = policy.returnlessRefundBelow, let rates = reader.rates,
           rates.knows(cap.currency), rates.knows(below.currency), rates.convert(below) > rates.convert(cap) {
            reader.report(reader.location(fields, "returnlessRefundMaxValue"), "policy.returnlessRefundMaxValue", "is below returnlessRefundBelow (\(below))", hint: "items under returnlessRefundBelow are refunded without a return; the cap must be at least that")
        }
        if !policy.freeReturns, policy.customerFee == nil {
            reader.report(fields.location, "policy.customerFee", "returns are not free but no customer fee is given", hint: "add customerFee (e.g. 3.95 GBP) or set freeReturns: true")
        }
        return policy
    }

    // MARK: Tables

    /// A table given inline as a list of mappings, or as `{csv: FILE}` relative to the scenario.
    ///
    /// A CSV column not in `allowed` is reported once, at the header, and left out of the rows.
    func table(_ top: DocumentReader.Fields, _ key: String, required: Bool, allowed: [String]) -> [DocumentValue] {
        guard let value = top.values[key], !reader.isNull(value) else {
            if required { reader.report(top.location, key, "required table '\(key)' is missing", hint: "add a list under '\(key)' or {csv: \(key).csv}") }
            return []
        }
        switch value {
        case let .list(items, _):
            return items
        case .map:
            guard let fields = reader.fields(value, path: key, allowed: ["csv"]), let path = reader.string(fields, "csv", required: true) else { return [] }
            return csvRows(path, referencedAt: reader.location(fields, "csv"), table: key, allowed: allowed)
        case .scalar:
            reader.report(value.location, key, "expected a list or {csv: FILE}, found \(value.kindName)", hint: "write one '- {…}' entry per line under '\(key)', or {csv: \(key).csv}")
            return []
        }
    }

    private func csvRows(_ path: String, referencedAt location: SourceLocation, table: String, allowed: [String]) -> [DocumentValue] {
        let fullPath = path.hasPrefix("/") ? path : (baseDirectory as NSString).appendingPathComponent(path)
        guard let text = try? String(contentsOfFile: fullPath, encoding: .utf8) else {
            reader.report(location, "\(table).csv", "cannot read CSV file '\(path)' (\(ScenarioLoader.readFailure(fullPath)))", hint: "paths are relative to the scenario file")
            return []
        }
        let displayPath = path.hasPrefix("/") || (file as NSString).deletingLastPathComponent.isEmpty ? path : ((file as NSString).deletingLastPathComponent as NSString).appendingPathComponent(path)
        switch CSVTable.parse(text) {
        case let .failure(error):
            reader.report(SourceLocation(file: displayPath, line: error.line), table, error.message, hint: "fix the CSV syntax")
            return []
        case let .success(csv):
            let unknown = Set(csv.header.filter { !allowed.contains($0) })
            for (name, column) in zip(csv.header, csv.headerColumns) where unknown.contains(name) {
                let hint = reader.suggestion(name, among: allowed).map { "did you mean '\($0)'?" } ?? "allowed columns: \(allowed.joined(separator: ", "))"
                reader.report(SourceLocation(file: displayPath, line: csv.headerLine, column: column), "\(table).csv", "unknown column '\(name)'", hint: hint)
            }
            return csv.rows.compactMap { row in
                if row.cells.count != csv.header.count {
                    reader.report(SourceLocation(file: displayPath, line: row.line), table, "row has \(row.cells.count) columns but the header has \(csv.header.count)", hint: "quote cells that contain commas")
                    return nil
                }
                let entries = zip(csv.header, zip(row.cells, row.columns)).map { name, cell in
                    let place = SourceLocation(file: displayPath, line: row.line, column: cell.1)
                    let text = cell.0.trimmedOfBlanks()
                    return (key: name, keyLocation: place, value: DocumentValue.scalar(text, isNull: text.isEmpty, place))
                }.filter { !unknown.contains($0.key) }
                return .map(entries, SourceLocation(file: displayPath, line: row.line, column: 1))
            }
        }
    }

    private func readCategories(_ top: DocumentReader.Fields) -> [ProductCategory] {
        var result: [ProductCategory] = []
        var seen = Set<String>()
        let allowed = ["id", "name", "recovery", "refurbishCost"]
        for (index, item) in table(top, "categories", required: true, allowed: allowed).enumerated() {
            let path = "categories[\(index)]"
            guard let fields = reader.fields(item, path: path, allowed: allowed) else { continue }
            guard let id = reader.string(fields, "id", required: true) else { continue }
            if !seen.insert(id).inserted {
                reader.report(reader.location(fields, "id"), "\(path).id", "duplicate category id '\(id)'", hint: "give every category its own id")
                continue
            }
            var category = ProductCategory(id: id, name: reader.string(fields, "name"), location: fields.location)
            if let recovery = fields.values["recovery"], let rates = reader.fields(recovery, path: "\(path).recovery", allowed: ["restock", "refurbish", "liquidate"]) {
                for kind in [DispositionKind.restock, .refurbish, .liquidate] {
                    if let rate = reader.number(rates, kind.rawValue, min: 0, max: 1) { category.recoveryRates[kind] = rate }
                }
            }
            category.refurbishCost = reader.money(fields, "refurbishCost")
            result.append(category)
        }
        return result
    }

    private func readCustoms(_ top: DocumentReader.Fields, categories: Set<String>) -> [CustomsTerritory] {
        var result: [CustomsTerritory] = []
        var owner: [String: String] = [:]
        let allowed = ["id", "countries", "brokeragePerEntry", "deMinimis", "duty", "returnedGoodsRelief", "reliefWindowDays"]
        let issuesBefore = reader.issues.count
        let rows = table(top, "customs", required: false, allowed: allowed)
        if reader.issues.count > issuesBefore { gaps.customsIncomplete = true }
        for (index, item) in rows.enumerated() {
            let path = "customs[\(index)]"
            let rowIssues = reader.issues.count
            guard let fields = reader.fields(item, path: path, allowed: allowed),
                  let id = reader.string(fields, "id", required: true) else { gaps.customsIncomplete = true; continue }
            defer { if reader.issues.count > rowIssues { gaps.territoriesWithProblems.insert(id) } }
            if result.contains(where: { $0.id == id }) {
                reader.report(reader.location(fields, "id"), "\(path).id", "duplicate customs territory '\(id)'", hint: "merge the two entries")
                continue
            }
            var countries: [String] = []
            for code in reader.stringList(fields, "countries") ?? [id] {
                let members = code == "EU" ? Countries.all.filter { $0.value.eu }.map(\.key).sorted() : [code]
                for member in members {
                    guard Countries.isKnown(member) else {
                        reader.report(reader.location(fields, "countries"), "\(path).countries", "unknown country code '\(member)'", hint: "use ISO 3166-1 alpha-2 codes such as DE, GB, US (or EU for the 27 members)")
                        continue
                    }
                    if let other = owner[member], other != id {
                        reader.report(reader.location(fields, "countries"), "\(path).countries", "\(member) is already in customs territory '\(other)'", hint: "a country belongs to one customs territory")
                        continue
                    }
                    owner[member] = id
                    countries.append(member)
                }
            }
            var territory = CustomsTerritory(id: id, countries: countries, brokeragePerEntry: reader.money(fields, "brokeragePerEntry", required: true) ?? Money(0, "XXX"), location: fields.location)
            territory.deMinimis = reader.money(fields, "deMinimis")
            territory.returnedGoodsRelief = reader.bool(fields, "returnedGoodsRelief") ?? false
            territory.reliefWindowDays = reader.integer(fields, "reliefWindowDays")
            if let duty = fields.values["duty"], case let .map(entries, _) = duty,
               let rates = reader.fields(duty, path: "\(path).duty", allowed: entries.map(\.key)) {
                for entry in entries {
                    guard categories.contains(entry.key) else {
                        reader.report(entry.keyLocation, "\(path).duty.\(entry.key)", "unknown category '\(entry.key)'", hint: hintFor(entry.key, among: categories, what: "categories"))
                        continue
                    }
                    if let rate = reader.number(rates, entry.key, min: 0, max: 1) { territory.dutyRates[entry.key] = rate }
                }
            } else if let duty = fields.values["duty"], !reader.isNull(duty) {
                reader.report(duty.location, "\(path).duty", "expected a mapping of category to duty rate, found \(duty.kindName)", hint: "write duty: {apparel: 0.12}")
            }
            result.append(territory)
        }
        return result
    }

    private func readNodes(_ top: DocumentReader.Fields, categories: Set<String>) -> [Node] {
        var result: [Node] = []
        var seen = Set<String>()
        let allowed = ["id", "kind", "name", "country", "lat", "lon", "handling", "capacity", "fixedCost", "candidate", "dispositions", "categories"]
        let issuesBefore = reader.issues.count
        let rows = table(top, "nodes", required: true, allowed: allowed)
        nodesUnreadable = rows.isEmpty && reader.issues.count > issuesBefore
        for (index, item) in rows.enumerated() {
            let path = "nodes[\(index)]"
            guard let fields = reader.fields(item, path: path, allowed: allowed) else { continue }
            let id = reader.string(fields, "id", required: true)
            let kind = reader.choice(fields, "kind", as: NodeKind.self, required: true)
            let country = country(fields, "country", required: true)
            let latitude = reader.number(fields, "lat", required: true, min: -90, max: 90)
            let longitude = reader.number(fields, "lon", required: true, min: -180, max: 180)
            let handling = reader.money(fields, "handling")
            let capacity = reader.number(fields, "capacity")
            let fixedCost = reader.money(fields, "fixedCost")
            let candidate = reader.bool(fields, "candidate")
            let nodeCategories = reader.stringList(fields, "categories")
            for category in nodeCategories ?? [] where !categories.contains(category) {
                reader.report(reader.location(fields, "categories"), "\(path).categories", "unknown category '\(category)'", hint: hintFor(category, among: categories, what: "categories"))
            }
            var dispositions: [DispositionKind] = []
            for name in reader.stringList(fields, "dispositions") ?? [] {
                guard let disposition = DispositionKind(rawValue: name), disposition != .keep else {
                    reader.report(reader.location(fields, "dispositions"), "\(path).dispositions", "'\(name)' is not a disposition a node performs", hint: "use restock, refurbish or liquidate (keep needs no node)")
                    continue
                }
                dispositions.append(disposition)
            }
            if let id, !seen.insert(id).inserted {
                reader.report(reader.location(fields, "id"), "\(path).id", "duplicate node id '\(id)'", hint: "give every node its own id")
                continue
            }
            guard let id, let kind, let country, let latitude, let longitude else {
                if let id { brokenNodes.insert(id) }
                continue
            }
            if !reader.isGiven(fields, "dispositions") {
                switch kind {
                case .warehouse, .origin: dispositions = [.restock]
                case .refurbisher: dispositions = [.refurbish]
                case .liquidator: dispositions = [.liquidate]
                case .zone, .dropoff, .hub: break
                }
            } else if [.zone, .dropoff, .hub].contains(kind), !dispositions.isEmpty {
                reader.report(reader.location(fields, "dispositions"), "\(path).dispositions", "a \(kind.rawValue) cannot perform dispositions", hint: "only warehouse, refurbisher, liquidator and origin nodes do; remove 'dispositions'")
                dispositions = []
            }
            if (fixedCost != nil || candidate == true), kind != .hub {
                reader.report(reader.location(fields, fixedCost != nil ? "fixedCost" : "candidate"), "\(path)", "only hubs can be candidates with a fixed cost", hint: "make it kind: hub, or remove fixedCost/candidate")
            }
            result.append(Node(
                id: id, kind: kind, name: reader.string(fields, "name"), country: country, latitude: latitude, longitude: longitude,
                handlingPerParcel: handling, capacityParcels: capacity, fixedCost: fixedCost,
                isCandidate: kind == .hub && (candidate ?? (fixedCost != nil)), dispositions: dispositions,
                categories: nodeCategories, location: fields.location
            ))
        }
        return result
    }

    private func readLanes(_ top: DocumentReader.Fields, nodes: [String: Node]) -> [Lane] {
        var result: [Lane] = []
        var seen = Set<String>()
        let allowed = ["id", "from", "to", "mode", "carrier", "perParcel", "perKg", "perDispatch", "capacityKg", "capacityParcels", "maxDispatches", "maxParcels", "maxKg", "transitDays"]
        let issuesBefore = reader.issues.count
        let rows = table(top, "lanes", required: true, allowed: allowed)
        if reader.issues.count > issuesBefore { gaps.lanesIncomplete = true }
        for (index, item) in rows.enumerated() {
            let path = "lanes[\(index)]"
            guard let fields = reader.fields(item, path: path, allowed: allowed) else { gaps.lanesIncomplete = true; continue }
            let laneCount = result.count
            defer {
                // A lane left out may have led anywhere from where it starts.
                if result.count == laneCount {
                    if case let .scalar(start, false, _)? = fields.values["from"] { gaps.laneStartsLeftOut.insert(start.trimmedOfBlanks()) } else { gaps.lanesIncomplete = true }
                }
            }
            let from = endpoint(fields, "from", nodes: nodes, path: path)
            let to = endpoint(fields, "to", nodes: nodes, path: path)
            let mode = reader.choice(fields, "mode", as: LaneMode.self, required: true)
            let transit = reader.number(fields, "transitDays", required: true, unit: "days")
            var lane = Lane(id: "", from: from ?? "", to: to ?? "", mode: mode ?? .parcel, carrier: reader.string(fields, "carrier"), transitDays: transit ?? 0, location: fields.location)
            lane.perParcel = reader.money(fields, "perParcel")
            lane.perKg = reader.money(fields, "perKg")
            lane.perDispatch = reader.money(fields, "perDispatch")
            lane.capacityKg = reader.number(fields, "capacityKg")
            lane.capacityParcels = reader.number(fields, "capacityParcels")
            lane.maxDispatches = reader.integer(fields, "maxDispatches")
            lane.maxParcels = reader.number(fields, "maxParcels")
            lane.maxKg = reader.number(fields, "maxKg", unit: "kg")
            let givenID = reader.string(fields, "id")
            if let givenID, !seen.insert(givenID).inserted {
                reader.report(reader.location(fields, "id"), "\(path).id", "duplicate lane id '\(givenID)'", hint: "give each lane between the same two nodes its own 'id'")
                continue
            }
            guard let from, let to, let mode, transit != nil else { continue }
            lane.id = givenID ?? "\(from)>\(to)\(mode == .consolidated ? "*" : "")"
            if givenID == nil, !seen.insert(lane.id).inserted {
                reader.report(reader.location(fields, "from"), "\(path).id", "duplicate lane id '\(lane.id)'", hint: "give each lane between the same two nodes its own 'id'")
                continue
            }
            if from == to {
                reader.report(reader.location(fields, "to"), "\(path).to", "the lane starts and ends at '\(from)'", hint: "a lane joins two different nodes")
                continue
            }
            if nodes[to]?.kind == .zone {
                reader.report(reader.location(fields, "to"), "\(path).to", "the lane ends at zone '\(to)'; returns flow away from customers", hint: "reverse the lane or point it at a drop-off, hub or warehouse")
            }
            if nodes[from].map({ [.refurbisher, .liquidator].contains($0.kind) }) == true {
                reader.report(reader.location(fields, "from"), "\(path).from", "the lane leaves '\(from)', a \(nodes[from]!.kind.rawValue) where returns end", hint: "remove the lane")
            }
            for key in ["maxParcels", "maxKg"] where fields.values[key] != nil && (key == "maxParcels" ? lane.maxParcels : lane.maxKg) == 0 {
                reader.report(reader.location(fields, key), "\(path).\(key)", "a per-period capacity of 0 carries nothing", hint: "give a positive capacity, or remove '\(key)' for no limit")
            }
            switch mode {
            case .parcel:
                if !reader.isGiven(fields, "perParcel"), !reader.isGiven(fields, "perKg") {
                    reader.report(fields.location, path, "a parcel lane needs a price", hint: "add perParcel and/or perKg")
                }
                for key in ["perDispatch", "capacityKg", "capacityParcels", "maxDispatches"] where reader.isGiven(fields, key) {
                    reader.report(reader.location(fields, key), "\(path).\(key)", "'\(key)' applies only to consolidated lanes", hint: "remove it or set mode: consolidated")
                }
            case .consolidated:
                if !reader.isGiven(fields, "perDispatch") {
                    reader.report(fields.location, "\(path).perDispatch", "a consolidated lane needs 'perDispatch' (the cost of one truck, pallet or container)", hint: "add perDispatch, e.g. 900 EUR")
                }
                if !reader.isGiven(fields, "capacityKg"), !reader.isGiven(fields, "capacityParcels") {
                    reader.report(fields.location, path, "a consolidated lane needs a capacity per dispatch", hint: "add capacityKg and/or capacityParcels")
                }
                for key in ["capacityKg", "capacityParcels"] where fields.values[key] != nil && (key == "capacityKg" ? lane.capacityKg : lane.capacityParcels) == 0 {
                    reader.report(reader.location(fields, key), "\(path).\(key)", "a capacity of 0 carries nothing", hint: "give a positive capacity or remove the lane")
                }
            }
            result.append(lane)
        }
        return result
    }

    private func endpoint(_ fields: DocumentReader.Fields, _ key: String, nodes: [String: Node], path: String) -> String? {
        guard let id = reader.string(fields, key, required: true) else { return nil }
        if nodes[id] == nil {
            if !isReported(node: id) {
                reader.report(reader.location(fields, key), "\(path).\(key)", "unknown node '\(id)'", hint: hintFor(id, among: Set(nodes.keys), what: "nodes"))
            }
            return nil
        }
        return id
    }

    private func readDemand(_ top: DocumentReader.Fields, nodes: [String: Node], categories: Set<String>) -> [DemandEntry] {
        var result: [DemandEntry] = []
        var seen = Set<String>()
        let allowed = ["zone", "category", "parcels", "meanWeightKg", "meanValue", "resellableShare", "newShare", "openedShare", "damagedShare"]
        for (index, item) in table(top, "demand", required: true, allowed: allowed).enumerated() {
            let path = "demand[\(index)]"
            guard let fields = reader.fields(item, path: path, allowed: allowed) else { continue }
            var zone = reader.string(fields, "zone", required: true)
            if let id = zone {
                if let node = nodes[id] {
                    if node.kind != .zone {
                        reader.report(reader.location(fields, "zone"), "\(path).zone", "'\(id)' is a \(node.kind.rawValue), not a zone", hint: "returns start at nodes of kind zone")
                        zone = nil
                    }
                } else {
                    if !isReported(node: id) {
                        reader.report(reader.location(fields, "zone"), "\(path).zone", "unknown zone '\(id)'", hint: hintFor(id, among: Set(nodes.values.filter { $0.kind == .zone }.map(\.id)), what: "zones"))
                    }
                    zone = nil
                }
            }
            var category = reader.string(fields, "category", required: true)
            if let id = category, !categories.contains(id) {
                reader.report(reader.location(fields, "category"), "\(path).category", "unknown category '\(id)'", hint: hintFor(id, among: categories, what: "categories"))
                category = nil
            }
            let parcels = reader.number(fields, "parcels", required: true)
            let weight = reader.number(fields, "meanWeightKg", required: true, unit: "kg")
            if let weight, weight == 0 {
                reader.report(reader.location(fields, "meanWeightKg"), "\(path).meanWeightKg", "a parcel weighs more than 0 kg", hint: "give the mean weight in kg")
            }
            let value = reader.money(fields, "meanValue", required: true)
            let conditions = conditionShares(fields, path: path)
            guard let zone, let category, let parcels, let weight, weight > 0, let value, let conditions else { continue }
            if !seen.insert("\(zone)\u{1}\(category)").inserted {
                reader.report(fields.location, path, "a second forecast for zone '\(zone)' and category '\(category)'", hint: "merge the two rows")
                continue
            }
            result.append(DemandEntry(zone: zone, category: category, parcels: parcels, meanWeightKg: weight, meanValue: value, conditions: conditions, location: fields.location))
        }
        return result
    }

    /// A forecast row's condition shares: `newShare`, `openedShare`, `damagedShare` (missing ones are 0; they sum
    /// to 1 within 0.005 and are scaled to exactly 1), or the shorthand `resellableShare` (default 1), never both.
    private func conditionShares(_ fields: DocumentReader.Fields, path: String) -> ConditionShares? {
        let keys = ["newShare", "openedShare", "damagedShare"]
        let given = keys.filter { reader.isGiven(fields, $0) }
        let shorthand = reader.number(fields, "resellableShare", min: 0, max: 1)
        guard !given.isEmpty else { return ConditionShares(resellable: shorthand ?? 1) }
        if reader.isGiven(fields, "resellableShare") {
            reader.report(reader.location(fields, "resellableShare"), "\(path).resellableShare", "give either resellableShare or the condition shares (\(given.joined(separator: ", "))), not both", hint: "resellableShare is newShare + openedShare; remove one of the two forms")
            return nil
        }
        var shares: [Double] = []
        for key in keys {
            guard reader.isGiven(fields, key) else { shares.append(0); continue }
            guard let share = reader.number(fields, key, min: 0, max: 1) else { return nil }
            shares.append(share)
        }
        // Tables rounded to a few decimals (as `GET /v1/demand` writes them) may miss 1 by a rounding step.
        let total = shares.reduce(0, +)
        guard abs(total - 1) <= 0.005 else {
            reader.report(reader.location(fields, given[0]), "\(path).\(given[0])", "the condition shares sum to \(formatAmount(total)), not 1", hint: "newShare + openedShare + damagedShare must be 1")
            return nil
        }
        return ConditionShares(new: shares[0] / total, opened: shares[1] / total, damaged: shares[2] / total)
    }

    private func readPostcodes(_ top: DocumentReader.Fields, nodes: [String: Node]) -> [PostcodeZone] {
        var result: [PostcodeZone] = []
        let allowed = ["country", "prefix", "zone", "lat", "lon"]
        for (index, item) in table(top, "postcodes", required: false, allowed: allowed).enumerated() {
            let path = "postcodes[\(index)]"
            guard let fields = reader.fields(item, path: path, allowed: allowed) else { continue }
            let country = country(fields, "country", required: true)
            let prefix = reader.string(fields, "prefix", required: true)
            let zone = reader.string(fields, "zone", required: true)
            let latitude = reader.number(fields, "lat", min: -90, max: 90)
            let longitude = reader.number(fields, "lon", min: -180, max: 180)
            if (latitude == nil) != (longitude == nil), fields.values[latitude == nil ? "lat" : "lon"] == nil {
                let given = latitude == nil ? "lon" : "lat", missing = latitude == nil ? "lat" : "lon"
                reader.report(reader.location(fields, given), "\(path).\(given)", "\(given) without \(missing)", hint: "give both lat and lon of the postcode area, or neither (the zone's position stands in)")
            }
            if let zone, nodes[zone]?.kind != .zone {
                if nodes[zone] != nil || !isReported(node: zone) {
                    reader.report(reader.location(fields, "zone"), "\(path).zone", "unknown zone '\(zone)'", hint: hintFor(zone, among: Set(nodes.values.filter { $0.kind == .zone }.map(\.id)), what: "zones"))
                }
                continue
            }
            guard let country, let prefix, let zone else { continue }
            result.append(PostcodeZone(country: country, prefix: prefix, zone: zone, latitude: longitude == nil ? nil : latitude, longitude: latitude == nil ? nil : longitude))
        }
        return result
    }

    // MARK: Checks

    private func country(_ fields: DocumentReader.Fields, _ key: String, required: Bool) -> String? {
        guard let code = reader.string(fields, key, required: required) else { return nil }
        guard Countries.isKnown(code) else {
            let hint = Countries.isKnown(code.uppercased()) ? "country codes are upper case: \(code.uppercased())"
                : code.uppercased() == "UK" ? "the United Kingdom's code is GB"
                : "use an ISO 3166-1 alpha-2 code such as DE, GB or US"
            reader.report(reader.location(fields, key), fields.describe(key), "unknown country code '\(code)'", hint: hint)
            return nil
        }
        return code
    }

    /// Whether a reference to node `id` was already accounted for: the node has problems of its own, or there is no nodes table.
    private func isReported(node id: String) -> Bool {
        nodesUnreadable || brokenNodes.contains(id)
    }

    private func hintFor(_ word: String, among names: Set<String>, what: String) -> String {
        if let near = reader.suggestion(word, among: names.sorted()) { return "did you mean '\(near)'?" }
        if names.isEmpty { return "no \(what) are defined" }
        let sample = names.sorted().prefix(6).joined(separator: ", ")
        return "known \(what): \(sample)\(names.count > 6 ? ", …" : "")"
    }
}
