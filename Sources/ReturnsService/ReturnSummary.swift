/// The columns of a recorded return that demand tables and metrics read.
public struct ReturnSummary: Sendable, Equatable {
    public var kind: String
    public var reason: String
    public var zone: String
    public var category: String
    public var condition: String
    public var weightKg: Double
    public var value: Double
    public var requestedDay: Int32

    public init(kind: String, reason: String, zone: String, category: String, condition: String, weightKg: Double, value: Double, requestedDay: Int32) {
        self.kind = kind
        self.reason = reason
        self.zone = zone
        self.category = category
        self.condition = condition
        self.weightKg = weightKg
        self.value = value
        self.requestedDay = requestedDay
    }
}
