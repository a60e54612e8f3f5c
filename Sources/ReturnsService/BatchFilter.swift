public struct BatchFilter: Sendable, Equatable {
    /// The batch's origin node (the hub it leaves from).
    public var hub: String?
    public var lane: String?
    public var status: BatchStatus?
    public var limit: Int

    public init(hub: String? = nil, lane: String? = nil, status: BatchStatus? = nil, limit: Int = 1000) {
        self.hub = hub
        self.lane = lane
        self.status = status
        self.limit = limit
    }
}
