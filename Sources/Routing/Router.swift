import Planning
import ReturnsNetwork

/// The returns service's router: decides a route for every parcel from a compiled `RouteTable`.
///
/// ```swift
/// let router = try Router(scenario: scenario, plan: plan)
/// let record = router.route(request)          // full answer, for APIs and files
/// let fast = router.decide(resolvedParcel)    // compact answer, for the hot path
/// ```
public struct Router: Sendable {
    public let table: RouteTable

    public init(table: RouteTable) {
        self.table = table
    }

    public init(scenario: Scenario, plan: Plan) throws(RouteTable.CompileError) {
        table = try RouteTable(scenario: scenario, plan: plan)
    }

    /// The compact decision for a resolved parcel: no allocation.
    @inlinable
    public func decide(_ parcel: Parcel) -> RouteDecision { table.decide(parcel) }

    /// Resolves and decides a request, and describes the decision in full.
    public func route(_ request: ParcelRequest) throws(RouteTable.ParcelError) -> DecisionRecord {
        let parcel = try table.resolve(request)
        return describe(table.decide(parcel), parcel: parcel, request: request)
    }

    /// The full answer for a decision: legs with costs, drop-off points, customs at each border, fee, ETA.
    public func describe(_ decision: RouteDecision, parcel: Parcel, request: ParcelRequest) -> DecisionRecord {
        let graph = table.graph
        let costing = table.costing
        var record = DecisionRecord(
            id: request.id, decision: "\(decision.kind)", reason: decision.reason.code,
            message: DecisionRecord.message(decision, scenario: graph.scenario),
            zone: parcel.zone >= 0 ? graph.nodes[table.zoneNodes[Int(parcel.zone)]].id : request.zone,
            category: request.category, cost: decision.cost, fee: decision.fee
        )
        if parcel.feeWaived, costing.fee > 0 { record.feeWaived = true }
        guard decision.kind == .route, decision.candidate >= 0 else { return record }
        let candidate = table.candidates[Int(decision.candidate)]
        let resellable = parcel.condition.isUnchanged
        for lane in table.lanes(of: Int(decision.candidate)) {
            let spec = graph.lanes[lane]
            let leg = costing.legTerms(lane: lane, extraPerKg: table.plannedPerKg[lane])
            var cost = leg.fixed + leg.perKg * parcel.weightKg
            if let customs = costing.customs(lane: lane, category: request.category, resellable: resellable, value: parcel.value, reliefLapsed: parcel.reliefLapsed) {
                record.customs.append(.init(lane: spec.id, territory: graph.territory[graph.to(lane)], treatment: customs.treatment, duty: customs.duty, brokerage: customs.brokerage, entry: spec.mode == .parcel ? "parcel" : "consolidated"))
                cost += customs.duty
            }
            record.legs.append(.init(from: spec.from, to: spec.to, lane: spec.id, mode: spec.mode.rawValue, carrier: spec.carrier, transitDays: spec.transitDays, cost: cost))
        }
        record.refurbishment = costing.dispositionTerms(candidate.disposition, category: request.category).refurbishment
        record.disposition = candidate.disposition.rawValue
        record.destination = record.legs.last?.to
        record.recoveredValue = candidate.recoveryRate * parcel.value
        record.transitDays = candidate.transitDays
        record.eta = CivilDate.string(parcel.requestedDay + Int32(candidate.transitDays.rounded(.up)))
        record.dropoffs = table.dropoffs(parcel, candidate: Int(decision.candidate)).map { DecisionRecord.Dropoff($0, graph: graph) }
        return record
    }
}

/// The full answer for one parcel, as `boomerang route` writes it and the service returns it.
public struct DecisionRecord: Codable, Sendable, Equatable {
    public struct Leg: Codable, Sendable, Equatable {
        public var from: String
        public var to: String
        public var lane: String
        public var mode: String
        public var carrier: String?
        public var transitDays: Double
        /// This parcel's cost on the leg: freight, planned share of consolidated dispatches, handling at `to`, customs.
        public var cost: Double
    }

    /// A drop-off point the customer can take the parcel to (`CustomerPlaces`).
    public struct Dropoff: Codable, Sendable, Equatable {
        public var id: String
        public var name: String?
        /// Great-circle distance from the customer, km, to one decimal.
        public var km: Double

        public init(id: String, name: String? = nil, km: Double) {
            self.id = id
            self.name = name
            self.km = km
        }

        init(_ dropoff: CustomerPlaces.Dropoff, graph: ReturnsGraph) {
            let node = graph.nodes[dropoff.node]
            self.init(id: node.id, name: node.name, km: (dropoff.kilometres * 10).rounded() / 10)
        }

        /// The `dropoffs` column of a decisions CSV: `id:km` pairs separated by `;`, nearest first.
        public static func csv(_ dropoffs: [Dropoff]) -> String {
            dropoffs.map { "\($0.id):\(BulkRouter.kilometres($0.km))" }.joined(separator: ";")
        }
    }

    public struct Customs: Codable, Sendable, Equatable {
        public var lane: String
        public var territory: String
        /// `relief` (returned goods), `duty`, `de_minimis` (value under the threshold) or `duty_free` (0 % rate).
        public var treatment: CustomsTreatment
        public var duty: Double
        /// Brokerage paid for this parcel (0 on consolidated lanes, where the dispatch pays one entry).
        public var brokerage: Double
        /// `parcel` (its own entry) or `consolidated` (in the dispatch's entry).
        public var entry: String
    }

    public var id: String
    /// `route`, `keep` or `refused`.
    public var decision: String
    public var reason: String
    public var message: String
    public var zone: String?
    public var category: String
    public var disposition: String?
    public var destination: String?
    public var legs: [Leg] = []
    /// Drop-off points in the customer's country, nearest first, when the route starts at a drop-off network.
    public var dropoffs: [Dropoff] = []
    public var customs: [Customs] = []
    public var refurbishment: Double = 0
    public var recoveredValue: Double = 0
    /// What the customer pays.
    public var fee: Double
    /// True when the merchant waived the fee the policy charges (the request's `freeReturns: true`); absent otherwise.
    public var feeWaived: Bool?
    /// The merchant's net cost: legs + refurbishment − recovered value − fee.
    public var cost: Double
    public var transitDays: Double = 0
    public var eta: String?

    init(id: String, decision: String, reason: String, message: String, zone: String?, category: String, cost: Double, fee: Double) {
        self.id = id
        self.decision = decision
        self.reason = reason
        self.message = message
        self.zone = zone
        self.category = category
        self.cost = cost
        self.fee = fee
    }

    static func message(_ decision: RouteDecision, scenario: Scenario) -> String {
        switch decision.reason {
        case .none: "route to the planned destination"
        case .windowExpired: "the return window of \(scenario.policy.windowDays) days has passed"
        case .finalSale: "this category is final sale and cannot be returned"
        case .conditionNotAccepted: "items in this condition are not accepted for return"
        case .unknownZone: "the customer's zone is not in the network"
        case .unknownCategory: "the category is not known"
        case .belowReturnlessThreshold: "refund without return: the item is worth less than the returnless-refund threshold"
        case .costExceedsRecovery: "refund without return: sending it back costs more than it recovers"
        case .noRoute: "no route from this zone is allowed by the plan"
        }
    }
}
