import Planning
import ReturnsNetwork

/// A plain per-parcel search over the network with the same cost rules as `RouteTable`: the oracle the
/// table is tested and benchmarked against. Written independently of the table (string ids, dictionaries,
/// a depth-first search per parcel) on purpose.
public struct ReferenceRouter: Sendable {
    struct Edge: Sendable {
        var lane: Lane
        var perKgAtFill: Double
    }

    let scenario: Scenario
    let out: [String: [Edge]]
    let nodes: [String: Node]

    public init(scenario: Scenario, plan: Plan) {
        self.scenario = scenario
        nodes = Dictionary(scenario.nodes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let closed = Set(plan.hubs.filter { !$0.open }.map(\.id))
        let planned = Dictionary(plan.lanes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [String: [Edge]] = [:]
        for lane in scenario.lanes where !closed.contains(lane.from) && !closed.contains(lane.to) {
            var perKg = 0.0
            if lane.mode == .consolidated {
                guard let use = planned[lane.id], (use.dispatches ?? 0) > 0, use.weightKg > 0 else { continue }
                perKg = use.dispatchCostWithEntries / use.weightKg
            }
            out[lane.from, default: []].append(Edge(lane: lane, perKgAtFill: perKg))
        }
        self.out = out
    }

    /// The oracle's answer: the decision kind, reason and the merchant's net cost.
    public struct Answer: Sendable, Equatable {
        public var kind: RouteDecision.Kind
        public var reason: RouteDecision.Reason
        public var cost: Double
    }

    /// Decides `request` by searching every allowed simple path from its zone.
    public func decide(_ request: ParcelRequest) -> Answer {
        let policy = scenario.policy
        let zone: String? = request.zone ?? scenario.postcodes
            .filter { $0.country == request.country && (request.postcode ?? "").uppercased().replacingOccurrences(of: " ", with: "").hasPrefix($0.prefix.uppercased().replacingOccurrences(of: " ", with: "")) }
            .max { $0.prefix.count < $1.prefix.count }?.zone
        guard let zone, nodes[zone]?.kind == .zone else { return Answer(kind: .refused, reason: .unknownZone, cost: 0) }
        guard let category = scenario.categories.first(where: { $0.id == request.category }) else { return Answer(kind: .refused, reason: .unknownCategory, cost: 0) }
        let delivered = CivilDate.day(request.deliveredOn) ?? 0, requested = CivilDate.day(request.requestedOn) ?? 0
        if Int(requested) - Int(delivered) > policy.windowDays { return Answer(kind: .refused, reason: .windowExpired, cost: 0) }
        if policy.finalSaleCategories.contains(category.id) { return Answer(kind: .refused, reason: .finalSale, cost: 0) }
        if !policy.accepts(request.condition) { return Answer(kind: .refused, reason: .conditionNotAccepted, cost: 0) }
        let value = scenario.value(Money(request.value, request.currency))
        if let threshold = policy.returnlessRefundBelow, value < scenario.value(threshold) { return Answer(kind: .keep, reason: .belowReturnlessThreshold, cost: 0) }
        let resellable = request.condition.isUnchanged
        // Relief holds for goods exported within the home territory's window before the request.
        let exported = request.exportedOn.flatMap(CivilDate.day) ?? delivered
        let withinReliefWindow = scenario.customs(scenario.homeTerritory)?.reliefWindowDays.map { Int(requested) - Int(exported) <= $0 } ?? true

        var best = Double.infinity
        var visited: Set<String> = [zone]
        func search(_ node: String, legs: Int, days: Double, cost: Double) {
            guard legs < scenario.settings.maxLegs else { return }
            for edge in out[node] ?? [] {
                let lane = edge.lane
                let arrival = days + lane.transitDays
                guard !visited.contains(lane.to), arrival <= scenario.settings.maxTransitDays + 1e-9, let target = nodes[lane.to], let source = nodes[lane.from] else { continue }
                // The lane's mode must carry the parcel.
                let limits = lane.mode == .parcel ? scenario.settings.parcelLimits : scenario.settings.consolidatedLimits
                if request.weightKg > limits.maxKg { continue }
                if let most = limits.maxValue, value > scenario.value(most) { continue }
                var legCost = scenario.value(lane.perParcel) + scenario.value(lane.perKg) * request.weightKg + edge.perKgAtFill * request.weightKg
                legCost += scenario.value(target.handlingPerParcel)
                let fromTerritory = scenario.territory(ofCountry: source.country)
                let toTerritory = scenario.territory(ofCountry: target.country)
                if fromTerritory != toTerritory, let customs = scenario.customs(toTerritory) {
                    if lane.mode == .parcel { legCost += scenario.value(customs.brokeragePerEntry) }
                    let relief = resellable && withinReliefWindow && customs.returnedGoodsRelief && toTerritory == scenario.homeTerritory
                    let underDeMinimis = lane.mode == .parcel && customs.deMinimis.map { value <= scenario.value($0) } == true
                    if !relief, !underDeMinimis { legCost += (customs.dutyRates[category.id] ?? 0) * value }
                }
                let total = cost + legCost
                for disposition in target.dispositions where target.performs(disposition, for: category.id) {
                    if disposition == .restock, !resellable { continue }
                    var net = total - category.recoveryRate(disposition) * value
                    if disposition == .refurbish { net += scenario.value(category.refurbishCost) }
                    best = min(best, net)
                }
                visited.insert(lane.to)
                search(lane.to, legs: legs + 1, days: arrival, cost: total)
                visited.remove(lane.to)
            }
        }
        search(zone, legs: 0, days: 0, cost: 0)
        let fee = request.freeReturns == true ? 0 : scenario.value(policy.chargedFee)
        // Refunded without a return only where the policy allows it and the item is not worth more than its cap.
        let mayKeep = policy.allowReturnlessRefunds && policy.returnlessRefundMaxValue.map { value <= scenario.value($0) } != false
        guard best.isFinite else {
            return mayKeep ? Answer(kind: .keep, reason: .noRoute, cost: 0) : Answer(kind: .refused, reason: .noRoute, cost: 0)
        }
        let net = best - fee
        if mayKeep, net > 0 { return Answer(kind: .keep, reason: .costExceedsRecovery, cost: 0) }
        return Answer(kind: .route, reason: .none, cost: net)
    }
}
