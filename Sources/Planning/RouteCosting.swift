import ReturnsNetwork

/// The one place a parcel is priced on a route: freight, handling, brokerage, duty with returned-goods relief (and its
/// window) and de minimis, refurbishment, recovery and the customer's fee.
///
/// The planner prices a commodity with its mean weight and value (`unitCosts`); the route table stores the same
/// price in its linear form (`legTerms`, `dutyTerms`, `dispositionTerms`) and evaluates it per parcel; the router's
/// description, the bulk router and the customs manifest read the same terms (`customs`). The plan and the router
/// assume returns arrive inside the relief window; a parcel that declares an export date outside it
/// (`reliefLapsed`) pays duty everywhere.
public struct RouteCosting: Sendable {
    public let graph: ReturnsGraph
    /// Handling per parcel at each node.
    public let handling: [Double]
    /// Per-parcel and per-kg price of each lane.
    public let laneParcel: [Double]
    public let laneKg: [Double]
    let laneDispatch: [Double]
    let brokerage: [String: Double]
    let deMinimis: [String: Double]
    let relief: Set<String>
    let home: String
    /// Days after export within which returned-goods relief holds coming home (nil: no limit).
    public let reliefWindowDays: Int?
    /// The customer's fee per return under the policy (0 with free returns).
    public let fee: Double

    public init(_ graph: ReturnsGraph) {
        self.graph = graph
        let scenario = graph.scenario
        handling = graph.nodes.map { scenario.value($0.handlingPerParcel) }
        laneParcel = graph.lanes.map { scenario.value($0.perParcel) }
        laneKg = graph.lanes.map { scenario.value($0.perKg) }
        laneDispatch = graph.lanes.map { scenario.value($0.perDispatch) }
        brokerage = Dictionary(scenario.territories.map { ($0.id, scenario.value($0.brokeragePerEntry)) }, uniquingKeysWith: { a, _ in a })
        deMinimis = Dictionary(scenario.territories.compactMap { t in t.deMinimis.map { (t.id, scenario.value($0)) } }, uniquingKeysWith: { a, _ in a })
        relief = Set(scenario.territories.filter(\.returnedGoodsRelief).map(\.id))
        home = scenario.homeTerritory
        reliefWindowDays = scenario.customs(scenario.homeTerritory)?.reliefWindowDays
        fee = scenario.value(scenario.policy.chargedFee)
    }

    // MARK: Customs

    /// Brokerage for one entry into the territory `lane` enters; 0 if it crosses no border.
    public func brokeragePerEntry(lane: Int) -> Double {
        guard graph.crossesBorder[lane] else { return 0 }
        return brokerage[graph.territory[graph.to(lane)]] ?? 0
    }

    /// Whether unchanged goods entering `territory` claim returned-goods relief (it is the merchant's own).
    public func reliefApplies(territory: String, resellable: Bool) -> Bool {
        resellable && territory == home && relief.contains(territory)
    }

    /// Whether a return exported on `exportedDay` is past the relief window on `day` (days since 1970).
    public func reliefLapsed(exportedDay: Int32, on day: Int32) -> Bool {
        guard let window = reliefWindowDays else { return false }
        return Int(day) - Int(exportedDay) > window
    }

    /// The de minimis threshold of `territory` in the planning currency, if it has one.
    public func deMinimis(territory: String) -> Double? { deMinimis[territory] }

    /// The duty owed entering through `lane`, in its linear form; nil when the lane crosses no border or the rate is 0.
    public func dutyTerm(lane: Int, category: String, resellable: Bool) -> DutyTerm? {
        guard graph.crossesBorder[lane] else { return nil }
        let territory = graph.territory[graph.to(lane)]
        let rate = graph.scenario.customs(territory)?.dutyRates[category] ?? 0
        guard rate > 0 else { return nil }
        let threshold = graph.lanes[lane].mode == .parcel ? (deMinimis[territory] ?? -.infinity) : -.infinity
        return DutyTerm(rate: rate, threshold: threshold, lane: Int32(lane), relievable: reliefApplies(territory: territory, resellable: resellable))
    }

    /// The duty terms of a route, border by border.
    public func dutyTerms(lanes: [Int], category: String, resellable: Bool) -> [DutyTerm] {
        lanes.compactMap { dutyTerm(lane: $0, category: category, resellable: resellable) }
    }

    /// Duty on one parcel entering through `lane`, after returned-goods relief and de minimis.
    public func duty(lane: Int, category: String, resellable: Bool, value: Double, reliefLapsed: Bool = false) -> Double {
        dutyTerm(lane: lane, category: category, resellable: resellable)?.charge(value: value, reliefLapsed: reliefLapsed) ?? 0
    }

    /// One parcel at the border `lane` crosses: its treatment, duty and the brokerage it pays itself (0 on a
    /// consolidated lane, whose dispatch pays one entry); nil when the lane crosses no border.
    public func customs(lane: Int, category: String, resellable: Bool, value: Double, reliefLapsed: Bool = false) -> (treatment: CustomsTreatment, duty: Double, brokerage: Double)? {
        guard graph.crossesBorder[lane] else { return nil }
        let territory = graph.territory[graph.to(lane)]
        let parcelLane = graph.lanes[lane].mode == .parcel
        let brokerage = parcelLane ? brokeragePerEntry(lane: lane) : 0
        if reliefApplies(territory: territory, resellable: resellable), !reliefLapsed { return (.relief, 0, brokerage) }
        let duty = self.duty(lane: lane, category: category, resellable: resellable, value: value, reliefLapsed: reliefLapsed)
        if duty > 0 { return (.duty, duty, brokerage) }
        if parcelLane, let threshold = deMinimis[territory], value <= threshold { return (.deMinimis, 0, brokerage) }
        return (.dutyFree, 0, brokerage)
    }

    // MARK: Linear form

    /// A lane's per-parcel cost that does not depend on value: `fixed + perKg · weight` — the lane's prices, handling at
    /// its end, brokerage for a parcel's own entry, and `extraPerKg` (the router's share of a dispatched truck).
    public func legTerms(lane: Int, extraPerKg: Double = 0) -> (fixed: Double, perKg: Double) {
        var fixed = laneParcel[lane] + handling[graph.to(lane)]
        if graph.lanes[lane].mode == .parcel { fixed += brokeragePerEntry(lane: lane) }
        return (fixed, laneKg[lane] + extraPerKg)
    }

    /// What a disposition adds per parcel of `category`: the refurbishment cost and the share of value recovered.
    public func dispositionTerms(_ disposition: DispositionKind, category: String) -> (refurbishment: Double, recoveryRate: Double) {
        guard disposition != .keep, let index = graph.categoryIndex[category] else { return (0, 0) }
        let info = graph.scenario.categories[index]
        return (disposition == .refurbish ? graph.scenario.value(info.refurbishCost) : 0, info.recoveryRate(disposition))
    }

    /// What one parcel costs on one lane: its freight (per parcel and per kg, whatever the mode), handling at the lane's
    /// end, brokerage for its own entry (parcel lanes) and duty. Dispatches and their entries are the lane's, not the
    /// parcel's (`dispatchCost`, `brokeragePerEntry`).
    public func laneCosts(lane: Int, category: String, resellable: Bool, weightKg: Double, value: Double, reliefLapsed: Bool = false) -> CostBreakdown {
        var costs = CostBreakdown()
        costs.freight = laneParcel[lane] + laneKg[lane] * weightKg
        costs.handling = handling[graph.to(lane)]
        if graph.lanes[lane].mode == .parcel { costs.brokerage = brokeragePerEntry(lane: lane) }
        costs.duty = duty(lane: lane, category: category, resellable: resellable, value: value, reliefLapsed: reliefLapsed)
        return costs
    }

    /// Per-parcel costs of sending one parcel along `lanes` to `disposition` at the last node: its lanes' costs
    /// (`laneCosts`) and the disposition's (`dispositionCosts`).
    public func unitCosts(lanes: [Int], disposition: DispositionKind, category: String, resellable: Bool, weightKg: Double, value: Double, reliefLapsed: Bool = false) -> CostBreakdown {
        guard disposition != .keep else { return CostBreakdown() }
        var costs = dispositionCosts(disposition, category: category, value: value)
        for lane in lanes {
            costs = costs + laneCosts(lane: lane, category: category, resellable: resellable, weightKg: weightKg, value: value, reliefLapsed: reliefLapsed)
        }
        return costs
    }

    /// What a returned parcel's disposition adds: refurbishment, the value recovered, and the customer's fee.
    public func dispositionCosts(_ disposition: DispositionKind, category: String, value: Double) -> CostBreakdown {
        var costs = CostBreakdown()
        guard disposition != .keep else { return costs }
        let terms = dispositionTerms(disposition, category: category)
        costs.recoveredValue = value * terms.recoveryRate
        costs.refurbishment = terms.refurbishment
        costs.customerFees = fee
        return costs
    }

    // MARK: Dispatches

    /// Per-parcel share of a consolidated lane's dispatch and entry cost when dispatches leave full.
    public func fullDispatchShare(lane: Int, weightKg: Double) -> Double {
        let spec = graph.lanes[lane]
        guard spec.mode == .consolidated else { return 0 }
        var perDispatch = Double.infinity
        if let kg = spec.capacityKg, kg > 0 { perDispatch = kg / max(weightKg, 1e-9) }
        if let parcels = spec.capacityParcels, parcels > 0 { perDispatch = min(perDispatch, parcels) }
        guard perDispatch.isFinite, perDispatch > 0 else { return 0 }
        return (laneDispatch[lane] + brokeragePerEntry(lane: lane)) / perDispatch
    }

    /// Cost of one dispatch on `lane`, without brokerage.
    public func dispatchCost(lane: Int) -> Double { laneDispatch[lane] }

    /// What one more dispatch on `lane` costs: the dispatch and its customs entry.
    public func dispatchPrice(lane: Int) -> Double { laneDispatch[lane] + brokeragePerEntry(lane: lane) }
}
