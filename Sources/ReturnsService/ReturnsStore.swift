import Foundation

/// Where the service records returns and consolidation batches: SQLite for one process, PostgreSQL for
/// several replicas sharing one database.
///
/// Every method is one transaction. `record` takes a group of returns at once (a group commit): each is
/// recorded exactly once, idempotently, and joins its lane's open batch under the batching rules, so a
/// parcel is in at most one batch, no batch exceeds its capacity and a dispatched batch never changes.
public protocol ReturnsStore: Sendable {
    /// Creates or upgrades the schema.
    func migrate() async throws
    /// Records a group of returns in one transaction, in order; one outcome per entry.
    func record(_ entries: [NewReturn], now: Double) async throws -> [RecordOutcome]
    /// A recorded return, by parcel id.
    func fetchReturn(id: String) async throws -> StoredReturn?
    /// Closes open batches whose cut-off has passed; returns how many were closed.
    func closeExpiredBatches(now: Double) async throws -> Int
    func batches(_ filter: BatchFilter) async throws -> [BatchRecord]
    func batch(id: String) async throws -> BatchRecord?
    /// The parcels in a batch, in the order they joined it.
    func parcels(inBatch id: String) async throws -> [StoredReturn]
    /// Closes a batch and freezes its manifest: `manifest` is called once, inside the transaction, with the
    /// batch as closed and its parcels, and its result is stored with the batch.
    func dispatch(batch id: String, now: Double, manifest: @Sendable (BatchRecord, [StoredReturn]) throws -> String) async throws -> DispatchOutcome
    /// The manifest frozen when the batch was dispatched, or nil.
    func frozenManifest(batch id: String) async throws -> String?
    /// Recorded returns requested between two days (inclusive, days since 1970-01-01), for demand and metrics.
    func returns(requestedFrom from: Int32?, to: Int32?) async throws -> [ReturnSummary]
    /// Releases connections.
    func shutdown() async
}

/// A store that can record a group on the calling thread, blocking it: the group committer then gives it
/// a writer thread of its own.
public protocol SynchronousReturnsStore: ReturnsStore {
    func recordNow(_ entries: [NewReturn], now: Double) throws -> [RecordOutcome]
}
