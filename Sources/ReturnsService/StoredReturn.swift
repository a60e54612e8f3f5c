/// A recorded return as the store holds it.
public struct StoredReturn: Sendable, Equatable {
    public var id: String
    public var bodyHash: String
    public var request: String
    public var decision: String
    public var kind: String
    public var batch: String?
    public var batchStatus: String?
    public var recordedAt: Double

    public init(id: String, bodyHash: String, request: String, decision: String, kind: String, batch: String?, batchStatus: String?, recordedAt: Double) {
        self.id = id
        self.bodyHash = bodyHash
        self.request = request
        self.decision = decision
        self.kind = kind
        self.batch = batch
        self.batchStatus = batchStatus
        self.recordedAt = recordedAt
    }

    public var status: ReturnStatus {
        switch kind {
        case "keep": return .kept
        case "refused": return .refused
        default:
            guard batch != nil else { return .routed }
            return batchStatus == BatchStatus.dispatched.rawValue ? .dispatched : .inBatch
        }
    }
}
