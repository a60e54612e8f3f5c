import ReturnsNetwork

/// One way a commodity can go: a chain of lanes from its zone to a node performing a disposition, or `keep`.
public struct CandidatePath: Hashable, Sendable {
    /// Lane indices in order; empty for `keep`.
    public var lanes: [Int]
    /// Node indices visited, starting at the zone.
    public var nodes: [Int]
    public var disposition: DispositionKind
    public var transitDays: Double
    /// Per-parcel costs of this path for the commodity (dispatch costs and per-dispatch brokerage excluded).
    public var unitCosts: CostBreakdown
    /// Estimated full cost per parcel, counting consolidated lanes at full dispatches; used only to rank paths.
    public var estimatedUnitCost: Double

    public var isKeep: Bool { disposition == .keep }
}

/// Prices a route for one parcel or commodity under the scenario's customs and recovery rules.
///
/// The planner uses it with a commodity's mean weight and value; the router with each parcel's own.
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
        fee = scenario.policy.freeReturns ? 0 : scenario.value(scenario.policy.customerFee)
    }

    /// Brokerage for one entry into the territory `lane` enters; 0 if it crosses no border.
    public func brokeragePerEntry(lane: Int) -> Double {
        guard graph.crossesBorder[lane] else { return 0 }
        return brokerage[graph.territory[graph.to(lane)]] ?? 0
    }

    /// Whether unchanged goods entering `territory` claim returned-goods relief (it is the merchant's own).
    public func reliefApplies(territory: String, resellable: Bool) -> Bool {
        resellable && territory == home && relief.contains(territory)
    }

    /// The de minimis threshold of `territory` in the planning currency, if it has one.
    public func deMinimis(territory: String) -> Double? { deMinimis[territory] }

    /// Duty on one parcel entering through `lane`, after returned-goods relief and de minimis.
    public func duty(lane: Int, category: String, resellable: Bool, value: Double) -> Double {
        guard graph.crossesBorder[lane] else { return 0 }
        let territory = graph.territory[graph.to(lane)]
        if reliefApplies(territory: territory, resellable: resellable) { return 0 }
        if graph.lanes[lane].mode == .parcel, let threshold = deMinimis[territory], value <= threshold { return 0 }
        let rate = graph.scenario.customs(territory)?.dutyRates[category] ?? 0
        return rate * value
    }

    /// Per-parcel costs of sending one parcel along `lanes` to `disposition` at the last node.
    public func unitCosts(lanes: [Int], disposition: DispositionKind, category: String, resellable: Bool, weightKg: Double, value: Double) -> CostBreakdown {
        var costs = CostBreakdown()
        guard disposition != .keep else { return costs }
        for lane in lanes {
            costs.parcelFreight += laneParcel[lane] + laneKg[lane] * weightKg
            costs.handling += handling[graph.to(lane)]
            if graph.lanes[lane].mode == .parcel { costs.brokerage += brokeragePerEntry(lane: lane) }
            costs.duty += duty(lane: lane, category: category, resellable: resellable, value: value)
        }
        let categoryInfo = graph.categoryIndex[category].map { graph.scenario.categories[$0] }
        costs.recoveredValue = value * (categoryInfo?.recoveryRate(disposition) ?? 0)
        if disposition == .refurbish { costs.refurbishment = graph.scenario.value(categoryInfo?.refurbishCost) }
        costs.customerFees = fee
        return costs
    }

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
