import Foundation
import Planning
import ReturnsNetwork

/// Every route the returns service may choose, compiled once from a plan into flat arrays.
///
/// For each (zone, category, condition class) a short list of candidates — the routes allowed by the plan
/// (open hubs, consolidated lanes that are dispatched), with dominated ones removed — each priced as
/// `fixed + perKg·weight + Σ duty(value) − recoveryRate·value`. Consolidated legs are charged at the plan's
/// cost per kg at planned fill. String ids are resolved once, at the edge (`resolve`), never in `decide`.
///
/// ```swift
/// let table = try RouteTable(scenario: scenario, plan: plan)
/// let decision = table.decide(try table.resolve(request))
/// ```
public struct RouteTable: Sendable {
    /// One way to send a parcel, priced for any weight and value.
    public struct Candidate: Sendable, Equatable {
        /// Per-parcel cost independent of weight and value: lane prices per parcel, handling, brokerage per parcel, refurbishment.
        public var fixed: Double
        /// Cost per kg: lane prices per kg and consolidated legs at planned fill.
        public var perKg: Double
        /// Share of declared value recovered at the destination.
        public var recoveryRate: Double
        public var transitDays: Double
        /// Duty terms: `dutyTerms[dutyStart ..< dutyStart + dutyCount]` are always charged; the `reliefCount`
        /// after them are waived by returned-goods relief and charged only when the parcel's relief window has
        /// lapsed. A parcel inside the window never reads them.
        public var dutyStart: Int32
        public var dutyCount: Int16
        public var reliefCount: Int16
        /// Index of the route (its lanes) in `routeLanes`.
        public var route: Int32
        public var disposition: DispositionKind
    }

    /// Duty at one border, in `RouteCosting`'s linear form.
    public typealias DutyTerm = Planning.DutyTerm

    public let graph: ReturnsGraph
    public let costing: RouteCosting
    /// Zone node indices, by zone number.
    public let zoneNodes: [Int]
    public let zoneNumber: [String: Int32]
    public let categoryNumber: [String: Int32]
    let categoryCount: Int
    /// Candidate range per slot `(zone · categories + category) · 2 + (resellable ? 0 : 1)`.
    let slotStart: [Int32]
    /// Where the plan sends each slot's commodity: `planCandidate[planStart[slot] ..< planStart[slot + 1]]` with
    /// `planShare` (candidate -1 is keep). Empty for a slot the plan has no flow for.
    let planStart: [Int32]
    public let planCandidate: [Int32]
    public let planShare: [Double]
    public let candidates: [Candidate]
    public let dutyTerms: [DutyTerm]
    /// The heaviest and the most valuable item each candidate's lanes all carry (`Scenario.carries`), and the least
    /// of these over the table: `decide` reads the per-candidate limits only for a parcel above the least.
    let candidateMaxKg: [Double]
    let candidateMaxValue: [Double]
    let leastMaxKg: Double
    let leastMaxValue: Double
    /// The heaviest and the most valuable item any lane carries: a parcel above either cannot be sent at all.
    public let mostKg: Double
    public let mostValue: Double
    /// Lanes of each route: `routeLanes[routeStart[r] ..< routeStart[r + 1]]`.
    let routeStart: [Int32]
    let routeLanes: [Int32]
    /// Planned cost per kg of each consolidated lane at its planned fill (0 for parcel lanes).
    public let plannedPerKg: [Double]
    /// Which lanes the plan lets parcels use.
    public let allowedLanes: [Bool]
    /// Where customers are: postcode rows, and the drop-off points nearest each place.
    public let places: CustomerPlaces

    // Policy, resolved.
    let windowDays: Int32
    let finalSale: [Bool]
    let accepted: [Bool]
    let returnlessBelow: Double
    /// Refunds without a return (no route, or dearer than it recovers) only at or under this value
    /// (`Scenario.returnlessRefundCeiling`).
    let keepCeiling: Double
    /// The customer's fee under the policy (`RouteCosting.fee`).
    let fee: Double

    /// Why a table cannot be compiled from a plan.
    public enum CompileError: Error, CustomStringConvertible {
        case planDoesNotMatch(String)

        public var description: String {
            switch self {
            case let .planDoesNotMatch(detail): "the plan does not belong to this scenario: \(detail)"
            }
        }
    }

    /// Compiles the table for `scenario` under `plan`.
    public init(scenario: Scenario, plan: Plan, dropoffsPerPlace: Int = 3) throws(CompileError) {
        let graph = ReturnsGraph(scenario)
        let costing = RouteCosting(graph)
        self.graph = graph
        plausibleYears = scenario.settings.plausibleYears
        self.costing = costing

        // What the plan allows: lanes of closed hubs are out; consolidated lanes need dispatches.
        let laneIndex = Dictionary(graph.lanes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var closed = Array(repeating: false, count: graph.nodes.count)
        for hub in plan.hubs where !hub.open {
            guard let node = graph.nodeIndex[hub.id] else { throw .planDoesNotMatch("hub '\(hub.id)' is not in the scenario") }
            closed[node] = true
        }
        var plannedPerKg = Array(repeating: 0.0, count: graph.lanes.count)
        var dispatched = Array(repeating: false, count: graph.lanes.count)
        for lane in plan.lanes {
            guard let index = laneIndex[lane.id] else { throw .planDoesNotMatch("lane '\(lane.id)' is not in the scenario") }
            if lane.mode == .consolidated, let count = lane.dispatches, count > 0, lane.weightKg > 0 {
                dispatched[index] = true
                plannedPerKg[index] = lane.dispatchCostWithEntries / lane.weightKg
            }
        }
        var allowed = Array(repeating: true, count: graph.lanes.count)
        for lane in graph.lanes.indices {
            if closed[graph.from(lane)] || closed[graph.to(lane)] { allowed[lane] = false }
            if graph.lanes[lane].mode == .consolidated, !dispatched[lane] { allowed[lane] = false }
        }
        self.plannedPerKg = plannedPerKg
        self.allowedLanes = allowed

        let zoneNodes = graph.nodes.indices.filter { graph.nodes[$0].kind == .zone }
        self.zoneNodes = zoneNodes
        zoneNumber = Dictionary(zoneNodes.enumerated().map { (graph.nodes[$1].id, Int32($0)) }, uniquingKeysWith: { a, _ in a })
        let categories = scenario.categories
        categoryCount = categories.count
        categoryNumber = Dictionary(categories.enumerated().map { ($1.id, Int32($0)) }, uniquingKeysWith: { a, _ in a })

        var slotStart: [Int32] = [0]
        var planStart: [Int32] = [0]
        var planCandidate: [Int32] = []
        var planShare: [Double] = []
        // The plan's paths per commodity: zone, category and condition class as `CommodityFlow` names them.
        var plannedPaths: [String: [PathFlow]] = [:]
        for flow in plan.flows { plannedPaths[flow.zone + "\u{1}" + flow.category + "\u{1}" + flow.condition] = flow.paths }
        var candidates: [Candidate] = []
        var dutyTerms: [DutyTerm] = []
        var routeStart: [Int32] = [0]
        var routeLanes: [Int32] = []
        slotStart.reserveCapacity(zoneNodes.count * categories.count * 2 + 1)

        for zone in zoneNodes {
            let routes = graph.routes(from: zone, allowed: allowed)
            // Per route, what does not depend on category or condition.
            var routeNumbers: [Int32] = []
            var baseFixed: [Double] = []
            var baseKg: [Double] = []
            for route in routes {
                routeNumbers.append(Int32(routeStart.count - 1))
                routeLanes.append(contentsOf: route.lanes.map(Int32.init))
                routeStart.append(Int32(routeLanes.count))
                var fixed = 0.0, kg = 0.0
                for lane in route.lanes {
                    let leg = costing.legTerms(lane: lane, extraPerKg: plannedPerKg[lane])
                    fixed += leg.fixed
                    kg += leg.perKg
                }
                baseFixed.append(fixed)
                baseKg.append(kg)
            }
            for category in categories {
                for resellable in [true, false] {
                    var slot: [(Candidate, [DutyTerm])] = []
                    for (r, route) in routes.enumerated() {
                        guard let last = route.nodes.last else { continue }
                        let node = graph.nodes[last]
                        let terms = costing.dutyTerms(lanes: route.lanes, category: category.id, resellable: resellable)
                        for disposition in node.dispositions where node.performs(disposition, for: category.id) {
                            if disposition == .restock, !resellable { continue }
                            let extra = costing.dispositionTerms(disposition, category: category.id)
                            let candidate = Candidate(
                                fixed: baseFixed[r] + extra.refurbishment, perKg: baseKg[r],
                                recoveryRate: extra.recoveryRate, transitDays: route.transitDays,
                                dutyStart: 0, dutyCount: 0, reliefCount: 0, route: routeNumbers[r], disposition: disposition
                            )
                            slot.append((candidate, terms))
                        }
                    }
                    let first = candidates.count
                    func store(_ entry: (Candidate, [DutyTerm])) {
                        var stored = entry.0
                        let charged = entry.1.filter { !$0.relievable }, relievable = entry.1.filter(\.relievable)
                        stored.dutyStart = Int32(dutyTerms.count)
                        stored.dutyCount = Int16(charged.count)
                        stored.reliefCount = Int16(relievable.count)
                        dutyTerms.append(contentsOf: charged + relievable)
                        candidates.append(stored)
                    }
                    for entry in Self.undominated(slot) { store(entry) }
                    // The plan's own paths stay, even where dominated for a single parcel: where a hub, 3PL or lane
                    // is at capacity the plan sends part of a commodity a dearer way, and the router follows it.
                    let key = graph.nodes[zone].id + "\u{1}" + category.id + "\u{1}" + (resellable ? "resellable" : "other")
                    for path in plannedPaths[key] ?? [] where path.share > 1e-9 {
                        if path.disposition == .keep {
                            planCandidate.append(-1)
                            planShare.append(path.share)
                            continue
                        }
                        let lanes = path.lanes.compactMap { laneIndex[$0] }
                        func matches(_ c: Candidate) -> Bool {
                            c.disposition == path.disposition && routeLanes[Int(routeStart[Int(c.route)])..<Int(routeStart[Int(c.route) + 1])].elementsEqual(lanes.lazy.map(Int32.init))
                        }
                        var found = (first..<candidates.count).first { matches(candidates[$0]) }
                        if found == nil, let entry = slot.first(where: { matches($0.0) }) {
                            store(entry)
                            found = candidates.count - 1
                        }
                        guard let index = found else { continue }
                        planCandidate.append(Int32(index))
                        planShare.append(path.share)
                    }
                    planStart.append(Int32(planCandidate.count))
                    slotStart.append(Int32(candidates.count))
                }
            }
        }
        self.slotStart = slotStart
        self.planStart = planStart
        self.planCandidate = planCandidate
        self.planShare = planShare
        self.candidates = candidates
        self.dutyTerms = dutyTerms
        let laneMaxKg = graph.lanes.map { scenario.limits($0.mode).maxKg }, laneMaxValue = graph.lanes.map { scenario.maxValue($0.mode) }
        func least(_ limits: [Double], _ c: Candidate) -> Double {
            routeLanes[Int(routeStart[Int(c.route)])..<Int(routeStart[Int(c.route) + 1])].reduce(Double.infinity) { min($0, limits[Int($1)]) }
        }
        candidateMaxKg = candidates.map { least(laneMaxKg, $0) }
        candidateMaxValue = candidates.map { least(laneMaxValue, $0) }
        leastMaxKg = candidateMaxKg.min() ?? .infinity
        leastMaxValue = candidateMaxValue.min() ?? .infinity
        mostKg = LaneMode.allCases.map { scenario.limits($0).maxKg }.max() ?? .infinity
        mostValue = LaneMode.allCases.map { scenario.maxValue($0) }.max() ?? .infinity
        self.routeStart = routeStart
        self.routeLanes = routeLanes

        places = CustomerPlaces(graph: graph, zoneNodes: zoneNodes, zoneNumber: zoneNumber, perPlace: dropoffsPerPlace)

        let policy = scenario.policy
        windowDays = Int32(clamping: policy.windowDays)
        let finalSaleSet = Set(policy.finalSaleCategories)
        finalSale = categories.map { finalSaleSet.contains($0.id) }
        accepted = ItemCondition.allCases.map { policy.accepts($0) }
        returnlessBelow = policy.returnlessRefundBelow.map { scenario.value($0) } ?? -.infinity
        keepCeiling = scenario.returnlessRefundCeiling
        fee = costing.fee
    }

    /// Number of candidates stored (all slots).
    public var candidateCount: Int { candidates.count }

    /// The candidates that are cheapest for some weight and value: one that costs at least as much as another
    /// for every parcel is dropped (of equals, the faster stays).
    static func undominated(_ slot: [(Candidate, [DutyTerm])]) -> [(Candidate, [DutyTerm])] {
        let ordered = slot.sorted { ($0.0.fixed, $0.0.perKg, $0.0.transitDays) < ($1.0.fixed, $1.0.perKg, $1.0.transitDays) }
        var kept: [(Candidate, [DutyTerm])] = []
        for entry in ordered where !kept.contains(where: { dominates($0, entry) }) {
            kept.append(entry)
        }
        return kept
    }

    /// Whether `a` costs no more than `b` for every weight ≥ 0 and value ≥ 0, inside the relief window and out of it.
    static func dominates(_ a: (Candidate, [DutyTerm]), _ b: (Candidate, [DutyTerm])) -> Bool {
        dominates(a, b, reliefLapsed: false) && dominates(a, b, reliefLapsed: true)
    }

    static func dominates(_ a: (Candidate, [DutyTerm]), _ b: (Candidate, [DutyTerm]), reliefLapsed: Bool) -> Bool {
        let epsilon = 1e-12
        guard a.0.fixed <= b.0.fixed + epsilon, a.0.perKg <= b.0.perKg + epsilon else { return false }
        if a.0.fixed == b.0.fixed, a.0.perKg == b.0.perKg, a.0.transitDays > b.0.transitDays {
            // Equal prices for weight: let value terms decide, but never drop a faster route for a slower equal one.
            if valueTermsEqual(a, b, reliefLapsed: reliefLapsed) { return false }
        }
        // g(v) = Σ duty(v) − R·v is piecewise linear with jumps at thresholds: compare both sides of every
        // breakpoint and the slope beyond the last one.
        let termsA = a.1.filter { reliefLapsed || !$0.relievable }, termsB = b.1.filter { reliefLapsed || !$0.relievable }
        let breakpoints = (termsA + termsB).map(\.threshold).filter { $0.isFinite && $0 >= 0 }
        for t in breakpoints {
            if valueTerm(a.0, termsA, t, above: false) > valueTerm(b.0, termsB, t, above: false) + epsilon * max(1, t) { return false }
            if valueTerm(a.0, termsA, t, above: true) > valueTerm(b.0, termsB, t, above: true) + epsilon * max(1, t) { return false }
        }
        let slopeA = termsA.reduce(0) { $0 + $1.rate } - a.0.recoveryRate
        let slopeB = termsB.reduce(0) { $0 + $1.rate } - b.0.recoveryRate
        return slopeA <= slopeB + epsilon
    }

    static func valueTermsEqual(_ a: (Candidate, [DutyTerm]), _ b: (Candidate, [DutyTerm]), reliefLapsed: Bool) -> Bool {
        func charged(_ terms: [DutyTerm]) -> [[Double]] { terms.filter { reliefLapsed || !$0.relievable }.map { [$0.rate, $0.threshold] } }
        return a.0.recoveryRate == b.0.recoveryRate && charged(a.1) == charged(b.1)
    }

    /// g at value `v` over the charged `terms`; `above` takes the limit from the right (duty charged on thresholds equal to `v`).
    static func valueTerm(_ candidate: Candidate, _ terms: [DutyTerm], _ v: Double, above: Bool) -> Double {
        var total = -candidate.recoveryRate * v
        for term in terms where above ? term.threshold <= v : term.threshold < v { total += term.rate * v }
        return total
    }

    // MARK: The hot path

    /// Decides one parcel: policy checks, then the cheapest candidate for its weight and value, or `keep`
    /// when returning it costs more than it recovers. No allocation, no string hashing, no solver.
    @inlinable
    public func decide(_ parcel: Parcel) -> RouteDecision {
        decideResolved(parcel)
    }

    @usableFromInline
    func decideResolved(_ parcel: Parcel) -> RouteDecision {
        let slot: Int
        switch gate(parcel) {
        case let .decided(decision): return decision
        case let .open(open): slot = open
        }
        let weight = parcel.weightKg, value = parcel.value, lapsed = parcel.reliefLapsed
        // Above the least limit of any candidate (rare), only the candidates whose lanes carry the parcel count; the
        // usual parcel takes the loop without the check (each call is inlined with its constant).
        let (best, bestIndex) = weight > leastMaxKg || value > leastMaxValue
            ? cheapest(slot: slot, weight: weight, value: value, lapsed: lapsed, checkLimits: true)
            : cheapest(slot: slot, weight: weight, value: value, lapsed: lapsed, checkLimits: false)
        let fee = parcel.feeWaived ? 0 : self.fee
        guard bestIndex >= 0 else {
            return parcel.value <= keepCeiling ? RouteDecision(kind: .keep, reason: .noRoute) : .refused(.noRoute)
        }
        let net = best - fee
        if net > 0, parcel.value <= keepCeiling { return RouteDecision(kind: .keep, reason: .costExceedsRecovery) }
        return RouteDecision(kind: .route, reason: .none, candidate: Int32(bestIndex), cost: net, fee: fee, transitDays: candidates[bestIndex].transitDays)
    }

    /// The cheapest candidate of `slot` for a parcel of `weight` and `value`, and its cost (−1 and +∞ when none).
    @inline(__always)
    func cheapest(slot: Int, weight: Double, value: Double, lapsed: Bool, checkLimits: Bool) -> (Double, Int) {
        var best = Double.infinity
        var bestIndex = -1
        candidates.withUnsafeBufferPointer { candidates in
            dutyTerms.withUnsafeBufferPointer { duties in
                let start = Int(slotStart[slot]), end = Int(slotStart[slot &+ 1])
                var i = start
                while i < end {
                    if checkLimits, weight > candidateMaxKg[i] || value > candidateMaxValue[i] {
                        i &+= 1
                        continue
                    }
                    let c = candidates[i]
                    let cost = c.fixed + c.perKg * weight - c.recoveryRate * value + Self.duty(c, duties, value: value, reliefLapsed: lapsed)
                    if cost < best {
                        best = cost
                        bestIndex = i
                    }
                    i &+= 1
                }
            }
        }
        return (best, bestIndex)
    }

    /// The policy's checks, before any route is priced: a decision already, or the parcel's slot.
    enum Gate {
        case decided(RouteDecision)
        case open(slot: Int)
    }

    @inline(__always)
    func gate(_ parcel: Parcel) -> Gate {
        let zone = Int(parcel.zone), category = Int(parcel.category)
        guard zone >= 0, zone < zoneNodes.count else { return .decided(.refused(.unknownZone)) }
        guard category >= 0, category < categoryCount else { return .decided(.refused(.unknownCategory)) }
        if parcel.requestedDay &- parcel.deliveredDay > windowDays { return .decided(.refused(.windowExpired)) }
        if finalSale[category] { return .decided(.refused(.finalSale)) }
        let condition: Int
        switch parcel.condition {
        case .new: condition = 0
        case .opened: condition = 1
        case .damaged: condition = 2
        }
        if !accepted[condition] { return .decided(.refused(.conditionNotAccepted)) }
        if parcel.value < returnlessBelow { return .decided(RouteDecision(kind: .keep, reason: .belowReturnlessThreshold)) }
        return .open(slot: ((zone &* categoryCount &+ category) &* 2) &+ (parcel.condition.isUnchanged ? 0 : 1))
    }

    // MARK: Following the plan

    /// How many parcels of each commodity went each of the plan's ways this period (see `decide(_:following:)`).
    public struct PlanCounts: Sendable {
        /// Per plan entry (`planCandidate` index).
        var taken: [Int32]
        /// Per slot.
        var total: [Int32]
    }

    /// Empty counts for a new period.
    public func newCounts() -> PlanCounts {
        PlanCounts(taken: Array(repeating: 0, count: planCandidate.count), total: Array(repeating: 0, count: planStart.count - 1))
    }

    /// Decides one parcel the way the plan sends its commodity. The policy's checks come first, as in `decide`;
    /// then, where the plan has flow for the commodity, the parcel takes the plan's way that is furthest behind its
    /// share this period (`counts` remembers: after n parcels each way has had its share of n, within one), so a
    /// commodity the plan splits — because a hub, 3PL or lane is at capacity — is split the same way, and a hub the
    /// plan fills is not overfilled. A commodity the plan has no flow for is decided as `decide` would.
    public func decide(_ parcel: Parcel, following counts: inout PlanCounts) -> RouteDecision {
        let slot: Int
        switch gate(parcel) {
        case let .decided(decision): return decision
        case let .open(open): slot = open
        }
        let start = Int(planStart[slot]), end = Int(planStart[slot + 1])
        guard start < end else { return decideResolved(parcel) }
        let next = Double(counts.total[slot]) + 1
        var pick = start
        var deficit = -Double.infinity
        for entry in start..<end {
            let behind = planShare[entry] * next - Double(counts.taken[entry])
            if behind > deficit + 1e-12 { deficit = behind; pick = entry }
        }
        let index = Int(planCandidate[pick])
        // A parcel the plan's way does not fit — a lane cannot carry it (too heavy or too valuable), or the plan keeps
        // the commodity but this item is worth more than the returnless-refund cap — is decided alone, uncounted.
        if index >= 0 ? parcel.weightKg > candidateMaxKg[index] || parcel.value > candidateMaxValue[index] : parcel.value > keepCeiling {
            return decideResolved(parcel)
        }
        counts.taken[pick] += 1
        counts.total[slot] += 1
        guard index >= 0 else { return RouteDecision(kind: .keep, reason: .costExceedsRecovery) }
        let c = candidates[index]
        let cost = c.fixed + c.perKg * parcel.weightKg - c.recoveryRate * parcel.value + duty(candidate: index, value: parcel.value, reliefLapsed: parcel.reliefLapsed)
        let fee = parcel.feeWaived ? 0 : self.fee
        return RouteDecision(kind: .route, reason: .none, candidate: Int32(index), cost: cost - fee, fee: fee, transitDays: c.transitDays)
    }

    /// The duty a parcel of `value` pays along candidate `c`: its duty terms, each charged by `DutyTerm.charge`.
    @inline(__always)
    static func duty(_ c: Candidate, _ duties: UnsafeBufferPointer<DutyTerm>, value: Double, reliefLapsed: Bool) -> Double {
        var total = 0.0
        var d = Int(c.dutyStart)
        let end = d &+ Int(c.dutyCount) &+ (reliefLapsed ? Int(c.reliefCount) : 0)
        while d < end {
            // Every term in range is charged (the relievable ones are in range only when relief has lapsed).
            total += duties[d].charge(value: value, reliefLapsed: true)
            d &+= 1
        }
        return total
    }

    /// The duty a parcel of `value` pays along candidate `candidate`.
    public func duty(candidate: Int, value: Double, reliefLapsed: Bool) -> Double {
        dutyTerms.withUnsafeBufferPointer { Self.duty(candidates[candidate], $0, value: value, reliefLapsed: reliefLapsed) }
    }

    // MARK: The edge

    /// Why a parcel request cannot be decided at all (as opposed to being refused under the policy).
    public enum ParcelError: Error, Equatable, CustomStringConvertible {
        case invalidField(field: String, message: String)

        public var description: String {
            switch self {
            case let .invalidField(field, message): "\(field): \(message)"
            }
        }

        public var field: String {
            switch self {
            case let .invalidField(field, _): field
            }
        }

        public var message: String {
            switch self {
            case let .invalidField(_, message): message
            }
        }
    }

    /// Resolves a request's ids, currency and dates once; unknown zones and categories are kept as -1 so the
    /// decision can refuse them with a reason.
    public func resolve(_ request: ParcelRequest) throws(ParcelError) -> Parcel {
        guard request.weightKg.isFinite, request.weightKg > 0 else { throw .invalidField(field: "weightKg", message: "must be a positive number of kg") }
        guard request.value.isFinite, request.value >= 0 else { throw .invalidField(field: "value", message: "must be a number ≥ 0") }
        let rates = graph.scenario.exchangeRates
        guard rates.knows(request.currency) else { throw .invalidField(field: "currency", message: "no exchange rate for '\(request.currency)'") }
        // Nothing in the network could carry it: an implausible parcel, not one to refund without a return.
        let scenario = graph.scenario
        guard request.weightKg <= mostKg else {
            throw .invalidField(field: "weightKg", message: "\(request.weightKg) kg is more than any lane carries (parcel lanes \(scenario.limits(.parcel).maxKg) kg, consolidated \(scenario.limits(.consolidated).maxKg) kg: settings.parcelMaxKg, consolidatedMaxKg)")
        }
        let value = rates.convert(Money(request.value, request.currency))
        guard value <= mostValue else {
            throw .invalidField(field: "value", message: "\(Money(request.value, request.currency)) is more than any lane carries (settings.parcelMaxValue, consolidatedMaxValue)")
        }
        let delivered = try plausibleDay(request.deliveredOn, field: "deliveredOn")
        let requested = try plausibleDay(request.requestedOn, field: "requestedOn")
        guard requested >= delivered else { throw .invalidField(field: "requestedOn", message: "is before deliveredOn") }
        var exported = delivered
        if let text = request.exportedOn {
            exported = try plausibleDay(text, field: "exportedOn")
            guard exported <= requested else { throw .invalidField(field: "exportedOn", message: "is after requestedOn: goods leave before they come back") }
        }
        var zone: Int32 = -1, place: Int32 = -1
        if let id = request.zone {
            zone = zoneNumber[id] ?? -1
            place = zone
        } else if let country = request.country, let postcode = request.postcode {
            if let entry = places.entry(country: country, postcode: postcode) { (zone, place) = places.zoneAndPlace(entry: entry) }
        } else {
            throw .invalidField(field: "zone", message: "give zone, or country and postcode")
        }
        return Parcel(
            zone: zone, category: categoryNumber[request.category] ?? -1, weightKg: request.weightKg,
            value: value, condition: request.condition,
            deliveredDay: delivered, requestedDay: requested, feeWaived: request.freeReturns == true,
            reliefLapsed: costing.reliefLapsed(exportedDay: exported, on: requested), place: place
        )
    }

    /// The years a parcel's dates may fall in (`PlanningSettings.plausibleYears`, from the scenario's settings).
    public let plausibleYears: ClosedRange<Int>

    /// A parcel date as a day number, refused unless it is a real `YYYY-MM-DD` in `plausibleYears`.
    func plausibleDay(_ text: String, field: String) throws(ParcelError) -> Int32 {
        guard let day = CivilDate.day(text) else { throw .invalidField(field: field, message: "'\(text)' is not a date YYYY-MM-DD") }
        guard let year = Int(text.prefix(4)), plausibleYears.contains(year) else {
            throw .invalidField(field: field, message: "'\(text)' is outside the years \(plausibleYears.lowerBound) to \(plausibleYears.upperBound)")
        }
        return day
    }

    /// The lanes of a candidate's route.
    public func lanes(of candidate: Int) -> [Int] {
        let route = Int(candidates[candidate].route)
        return routeLanes[Int(routeStart[route])..<Int(routeStart[route + 1])].map(Int.init)
    }

    /// Whether a candidate's route starts at a drop-off network: then its decision lists drop-off points.
    public func startsAtDropoff(candidate: Int) -> Bool {
        let route = Int(candidates[candidate].route)
        guard routeStart[route] < routeStart[route + 1] else { return false }
        return graph.nodes[graph.to(Int(routeLanes[Int(routeStart[route])]))].kind == .dropoff
    }

    /// The drop-off points a routed parcel is offered (`CustomerPlaces`): its place's, when the route starts at a
    /// drop-off network; none otherwise.
    public func dropoffs(_ parcel: Parcel, candidate: Int) -> [CustomerPlaces.Dropoff] {
        startsAtDropoff(candidate: candidate) ? places.dropoffs(place: Int(parcel.place)) : []
    }

}
