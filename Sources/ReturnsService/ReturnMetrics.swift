import Foundation
import ReturnsNetwork
import Routing

/// Return volumes and rates by decision, reason, category, zone and condition.
public struct ReturnMetrics: Codable, Sendable, Equatable {
    public struct Count: Codable, Sendable, Equatable {
        public var count: Int
        /// Share of all returns in the window.
        public var rate: Double
    }

    public struct Group: Codable, Sendable, Equatable {
        public var count: Int
        public var rate: Double
        public var routed: Int
        public var kept: Int
        public var refused: Int
        public var weightKg: Double
        public var value: Double
    }

    public var from: String?
    public var to: String?
    public var total: Int
    public var weightKg: Double
    /// Declared value in the planning currency.
    public var value: Double
    public var currency: String
    public var byDecision: [String: Count]
    public var byReason: [String: Count]
    public var byCondition: [String: Count]
    public var byCategory: [String: Group]
    public var byZone: [String: Group]

    public init(_ returns: [ReturnSummary], from: Int32?, to: Int32?, currency: String) {
        self.from = from.map(CivilDate.string)
        self.to = to.map(CivilDate.string)
        self.currency = currency
        total = returns.count
        weightKg = returns.reduce(0) { $0 + $1.weightKg }
        value = returns.reduce(0) { $0 + $1.value }
        let n = Double(max(1, returns.count))
        func counts(_ key: (ReturnSummary) -> String) -> [String: Count] {
            var map: [String: Int] = [:]
            for parcel in returns { map[key(parcel), default: 0] += 1 }
            return map.mapValues { Count(count: $0, rate: Double($0) / n) }
        }
        func groups(_ key: (ReturnSummary) -> String) -> [String: Group] {
            var map: [String: Group] = [:]
            for parcel in returns {
                var group = map[key(parcel), default: Group(count: 0, rate: 0, routed: 0, kept: 0, refused: 0, weightKg: 0, value: 0)]
                group.count += 1
                switch parcel.kind {
                case "route": group.routed += 1
                case "keep": group.kept += 1
                default: group.refused += 1
                }
                group.weightKg += parcel.weightKg
                group.value += parcel.value
                map[key(parcel)] = group
            }
            return map.mapValues { var group = $0; group.rate = Double(group.count) / n; return group }
        }
        byDecision = counts(\.kind)
        byReason = counts(\.reason)
        byCondition = counts(\.condition)
        byCategory = groups(\.category)
        byZone = groups(\.zone)
    }
}
