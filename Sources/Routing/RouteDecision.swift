/// What the router decided for one parcel, in a compact form that costs no allocation.
///
/// `RouteTable.describe` turns it into the full answer (legs, drop-off points, customs, ETA).
public struct RouteDecision: Sendable, Equatable {
    public enum Kind: UInt8, Sendable {
        /// Send it: along the candidate path `candidate`.
        case route
        /// Returnless refund: the customer keeps it.
        case keep
        /// Not accepted under the policy, or not understood.
        case refused
    }

    /// Why a parcel was kept or refused.
    public enum Reason: UInt8, Sendable, CaseIterable {
        case none
        case windowExpired
        case finalSale
        case conditionNotAccepted
        case unknownZone
        case unknownCategory
        case belowReturnlessThreshold
        case costExceedsRecovery
        case noRoute

        /// A stable code for machines.
        public var code: String {
            switch self {
            case .none: "none"
            case .windowExpired: "window_expired"
            case .finalSale: "final_sale"
            case .conditionNotAccepted: "condition_not_accepted"
            case .unknownZone: "unknown_zone"
            case .unknownCategory: "unknown_category"
            case .belowReturnlessThreshold: "below_returnless_threshold"
            case .costExceedsRecovery: "cost_exceeds_recovery"
            case .noRoute: "no_route"
            }
        }
    }

    public var kind: Kind
    public var reason: Reason
    /// Index of the chosen candidate in the route table, or -1.
    public var candidate: Int32
    /// The merchant's net cost of this decision: transport, handling, customs, minus recovered value and the
    /// customer's fee (0 for keep and refused).
    public var cost: Double
    /// What the customer pays for the return.
    public var fee: Double
    public var transitDays: Double

    public init(kind: Kind, reason: Reason, candidate: Int32 = -1, cost: Double = 0, fee: Double = 0, transitDays: Double = 0) {
        self.kind = kind
        self.reason = reason
        self.candidate = candidate
        self.cost = cost
        self.fee = fee
        self.transitDays = transitDays
    }

    static func refused(_ reason: Reason) -> RouteDecision { RouteDecision(kind: .refused, reason: reason) }
}
