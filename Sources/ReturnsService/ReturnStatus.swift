/// Where a recorded return stands.
public enum ReturnStatus: String, Sendable, Codable, CaseIterable {
    /// Routed on parcel lanes only: no batch.
    case routed
    /// Waiting in a consolidation batch.
    case inBatch = "in_batch"
    /// Its batch has been dispatched.
    case dispatched
    /// Returnless refund.
    case kept
    /// Not accepted under the policy.
    case refused
}
