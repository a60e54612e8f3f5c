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

/// The lane a routed parcel consolidates on and its batching rules (from the plan).
public struct BatchLane: Sendable, Equatable, Codable {
    public var lane: String
    public var from: String
    public var to: String
    /// Capacity of one dispatch, when the lane has one.
    public var capacityKg: Double?
    public var capacityParcels: Int?
    /// Seconds from a batch's opening to its cut-off: the planning period over the plan's dispatches.
    public var cutoffSeconds: Double

    public init(lane: String, from: String, to: String, capacityKg: Double?, capacityParcels: Int?, cutoffSeconds: Double) {
        self.lane = lane
        self.from = from
        self.to = to
        self.capacityKg = capacityKg
        self.capacityParcels = capacityParcels
        self.cutoffSeconds = cutoffSeconds
    }
}

/// A decided return, ready to record.
public struct NewReturn: Sendable {
    public var id: String
    /// The idempotency key: the `Idempotency-Key` header, or the parcel id.
    public var key: String
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

public enum RecordOutcome: Sendable, Equatable {
    /// Recorded now.
    case created(StoredReturn)
    /// Recorded before with the same body: nothing recorded again.
    case replayed(StoredReturn)
    /// Recorded before with another body.
    case conflict(existing: StoredReturn)
}

public enum BatchStatus: String, Sendable, Codable, CaseIterable {
    case open, closed, dispatched
}

public struct BatchRecord: Sendable, Equatable, Codable {
    public var id: String
    public var lane: String
    public var from: String
    public var to: String
    public var status: BatchStatus
    public var parcels: Int
    public var weightKg: Double
    /// Declared value of its parcels in the planning currency.
    public var value: Double
    public var capacityKg: Double?
    public var capacityParcels: Int?
    public var openedAt: Double
    public var cutoffAt: Double
    public var closedAt: Double?
    /// `capacity_kg`, `capacity_parcels`, `cutoff` or `dispatched`.
    public var closeReason: String?
    public var dispatchedAt: Double?

    public init(id: String, lane: String, from: String, to: String, status: BatchStatus, parcels: Int, weightKg: Double, value: Double, capacityKg: Double?, capacityParcels: Int?, openedAt: Double, cutoffAt: Double, closedAt: Double?, closeReason: String?, dispatchedAt: Double?) {
        self.id = id
        self.lane = lane
        self.from = from
        self.to = to
        self.status = status
        self.parcels = parcels
        self.weightKg = weightKg
        self.value = value
        self.capacityKg = capacityKg
        self.capacityParcels = capacityParcels
        self.openedAt = openedAt
        self.cutoffAt = cutoffAt
        self.closedAt = closedAt
        self.closeReason = closeReason
        self.dispatchedAt = dispatchedAt
    }
}

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

public enum DispatchOutcome: Sendable, Equatable {
    /// Dispatched now, with the frozen manifest.
    case dispatched(BatchRecord, manifest: String)
    /// Dispatched before: the batch and manifest as they were frozen.
    case alreadyDispatched(BatchRecord, manifest: String)
    case notFound
}

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

/// Why a store could not do what was asked.
public enum StoreError: Error, CustomStringConvertible {
    case badURL(String)
    case unreachable(String)
    case corrupt(String)

    public var description: String {
        switch self {
        case let .badURL(text): "not a database: \(text)"
        case let .unreachable(text): text
        case let .corrupt(text): "the database holds something unexpected: \(text)"
        }
    }
}

/// The batching rule both stores apply: whether a parcel still fits the lane's open batch.
public enum BatchRule {
    /// Why the open batch must close before this parcel joins, or nil when it fits.
    public static func closeReason(parcels: Int, weightKg: Double, cutoffAt: Double, adding weight: Double, lane: BatchLane, now: Double) -> String? {
        if now >= cutoffAt { return "cutoff" }
        if let capacity = lane.capacityKg, weightKg + weight > capacity + 1e-9 { return "capacity_kg" }
        if let capacity = lane.capacityParcels, parcels + 1 > capacity { return "capacity_parcels" }
        return nil
    }

    /// Whether a parcel can travel consolidated at all: alone, it must fit an empty batch.
    public static func fitsEmpty(weight: Double, lane: BatchLane) -> Bool {
        if let capacity = lane.capacityKg, weight > capacity + 1e-9 { return false }
        if let capacity = lane.capacityParcels, capacity < 1 { return false }
        return true
    }

    public static func batchID(lane: String, sequence: Int) -> String { "\(lane)-\(sequence)" }
}
