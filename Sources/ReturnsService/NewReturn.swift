/// A decided return, ready to record.
public struct NewReturn: Sendable {
    public var id: String
    /// The idempotency key: the `Idempotency-Key` header, or the parcel id.
    public var key: String
    /// The `Idempotency-Key` header, when it differs from the parcel id. Keys and ids are two namespaces: a
    /// request with a key replays what was recorded under that key, else what was recorded with its parcel
    /// id; a request without one only what was recorded with its parcel id. A key another parcel used never
    /// decides about a parcel whose id it happens to equal.
    public var headerKey: String? { key == id ? nil : key }
    /// SHA-256 of the canonical request: the same key with another hash is a conflict.
    public var bodyHash: String
    public var request: String
    public var decision: String
    public var kind: String
    public var reason: String
    public var zone: String
    public var country: String
    public var category: String
    public var condition: String
    public var weightKg: Double
    /// Declared value in the planning currency.
    public var value: Double
    public var requestedDay: Int32
    public var deliveredDay: Int32
    /// The batch lane, for a parcel routed over a consolidated lane.
    public var batchLane: BatchLane?

    public init(id: String, key: String, bodyHash: String, request: String, decision: String, kind: String, reason: String, zone: String, country: String, category: String, condition: String, weightKg: Double, value: Double, requestedDay: Int32, deliveredDay: Int32, batchLane: BatchLane?) {
        self.id = id
        self.key = key
        self.bodyHash = bodyHash
        self.request = request
        self.decision = decision
        self.kind = kind
        self.reason = reason
        self.zone = zone
        self.country = country
        self.category = category
        self.condition = condition
        self.weightKg = weightKg
        self.value = value
        self.requestedDay = requestedDay
        self.deliveredDay = deliveredDay
        self.batchLane = batchLane
    }
}
