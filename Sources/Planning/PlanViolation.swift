/// One way a plan breaks `PlanRules`, naming the lane, hub, node or zone and the amounts.
public enum PlanViolation: Error, Equatable, Sendable, CustomStringConvertible {
    /// A commodity's paths do not carry exactly its volume (or a flow is negative).
    case unrouted(zone: String, category: String, routed: Double, volume: Double)
    /// A lane or node carries more than one of its limits allows.
    case overCapacity(place: String, limit: PlanRules.Limit, load: Double, capacity: Double)
    /// A closed candidate hub carries parcels.
    case closedHubUsed(hub: String, parcels: Double)
    /// A consolidated lane carries parcels without a dispatch.
    case noDispatch(lane: String, parcels: Double)
    /// A consolidated lane runs a negative number of dispatches, or more than its `maxDispatches`.
    case dispatchesOutOfRange(lane: String, dispatches: Int, most: Int?)
    /// A lane runs dispatches while a candidate hub at one of its ends is closed.
    case dispatchAtClosedHub(lane: String, hub: String, dispatches: Int)
    /// The plan opens another number of candidate hubs than `hubCount` asks.
    case hubCount(open: Int, required: Int)
    /// A hub is open that `openHubs` closes, or closed that it opens.
    case hubNotAsRequired(hub: String, required: Bool)
    /// Under single-sourcing, a zone's returns go through more than one hub.
    case splitSourcing(zone: String, hubs: [String])
    /// The plan names something the scenario does not have.
    case notInScenario(String)

    public var description: String {
        switch self {
        case let .unrouted(zone, category, routed, volume):
            return "\(zone)/\(category): the paths carry \(Self.amount(routed)) of \(Self.amount(volume)) parcels"
        case let .overCapacity(place, limit, load, capacity):
            let unit = limit.measure == .kg ? "kg" : "parcels"
            let isLane = if case .lane = limit.place { true } else { false }
            let what = switch limit.scale {
            case .perDispatch: "the capacity of its dispatches"
            case .whileOpen: "the hub's capacity"
            case .perPeriod: isLane ? (limit.measure == .kg ? "its maxKg" : "its maxParcels") : "its capacity"
            }
            return "\(isLane ? "lane" : "node") \(place): \(Self.amount(load)) \(unit) per period, over \(what) of \(Self.amount(capacity))"
        case let .closedHubUsed(hub, parcels):
            return "hub \(hub) is closed but carries \(Self.amount(parcels)) parcels"
        case let .noDispatch(lane, parcels):
            return "lane \(lane) carries \(Self.amount(parcels)) parcels with no dispatch"
        case let .dispatchesOutOfRange(lane, dispatches, most):
            return "lane \(lane) runs \(dispatches) dispatches" + (most.map { ", more than its maxDispatches \($0)" } ?? "")
        case let .dispatchAtClosedHub(lane, hub, dispatches):
            return "lane \(lane) runs \(dispatches) dispatches while hub \(hub) is closed"
        case let .hubCount(open, required):
            return "\(open) candidate hubs open, \(required) required"
        case let .hubNotAsRequired(hub, required):
            return "hub \(hub) is \(required ? "closed" : "open"), but must be \(required ? "open" : "closed")"
        case let .splitSourcing(zone, hubs):
            return "zone \(zone) sends its returns to \(hubs.count) hubs (\(hubs.joined(separator: ", "))) under single-sourcing"
        case let .notInScenario(what):
            return "not in the scenario: \(what)"
        }
    }

    static func amount(_ value: Double) -> String {
        abs(value - value.rounded()) < 1e-9 ? String(Int(value.rounded())) : String((value * 1e6).rounded() / 1e6)
    }
}
