import Foundation
import GRDB

/// The embedded store: one SQLite file in WAL mode. With `synchronous = FULL` (the default) a return is
/// on disk before its group commit returns and survives a crash of the process or of the machine; with
/// `NORMAL` the commit is in the operating system's hands when it returns (it survives the process being
/// killed, not a power cut) and the WAL is synced at checkpoints.
public final class SQLiteStore: SynchronousReturnsStore {
    public enum Synchronous: String, Sendable, CaseIterable {
        case full, normal
    }

    let pool: DatabasePool
    /// A connection of its own that copies the WAL into the database file in the background, so group
    /// commits seldom wait for a checkpoint.
    let checkpointer: DatabaseQueue
    private let checkpoints: Task<Void, Never>

    public init(path: String, synchronous: Synchronous = .full) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        let pragma = "PRAGMA synchronous = \(synchronous.rawValue.uppercased())"
        configuration.prepareDatabase { db in
            try db.execute(sql: pragma)
            // 64 MiB of page cache: the indexes of a busy day stay in memory.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            // The background checkpointer copies most of the WAL; the writer's own checkpoint at 2,000 pages
            // then finds little left to copy and lets the WAL start over, so it stays small.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 2000")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        var checkpointing = Configuration()
        checkpointing.busyMode = .timeout(10)
        checkpointing.prepareDatabase { db in try db.execute(sql: pragma) }
        checkpointer = try DatabaseQueue(path: path, configuration: checkpointing)
        let checkpointer = checkpointer
        checkpoints = Task.detached(priority: .background) {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(100))
                _ = try? await checkpointer.writeWithoutTransaction { try $0.checkpoint(.passive) }
            }
        }
    }

    deinit {
        checkpoints.cancel()
    }

    public func migrate() async throws {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            for statement in StoreSchema.version1(dialect: .sqlite) {
                try db.execute(sql: statement)
            }
        }
        try migrator.migrate(pool)
    }

    public func shutdown() async {
        checkpoints.cancel()
        _ = try? await checkpointer.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        try? checkpointer.close()
        try? pool.close()
    }

    public func record(_ entries: [NewReturn], now: Double) async throws -> [RecordOutcome] {
        try await pool.write { db in try Self.record(entries, now: now, db: db) }
    }

    public func recordNow(_ entries: [NewReturn], now: Double) throws -> [RecordOutcome] {
        try pool.write { db in try Self.record(entries, now: now, db: db) }
    }

    static func record(_ entries: [NewReturn], now: Double, db: Database) throws -> [RecordOutcome] {
        var lanes = LaneCursors()
        let outcomes = try entries.map { try record($0, now: now, lanes: &lanes, db: db) }
        try lanes.save(db: db)
        return outcomes
    }

    static let returnColumns = "r.id, r.body_hash, r.request, r.decision, r.kind, r.batch_id, b.status, r.recorded_at"

    static func storedReturn(_ row: Row) -> StoredReturn {
        StoredReturn(id: row[0], bodyHash: row[1], request: row[2], decision: row[3], kind: row[4], batch: row[5], batchStatus: row[6], recordedAt: row[7])
    }

    /// The return recorded under this `Idempotency-Key` (`NewReturn.headerKey`), else the one with this parcel
    /// id: one query. Keys are looked up among keys only and ids among ids, so no key can shadow an id.
    static func fetchReturn(key: String?, orID id: String, db: Database) throws -> StoredReturn? {
        let statement = try db.cachedStatement(sql: "SELECT \(returnColumns), r.idempotency_key FROM returns r LEFT JOIN batches b ON b.id = r.batch_id WHERE r.idempotency_key = ?1 OR r.id = ?2")
        let rows = try Row.fetchAll(statement, arguments: [key, id])
        let byKey = rows.first { key != nil && ($0[8] as String?) == key } ?? rows.first
        return byKey.map(storedReturn)
    }

    static func fetchReturn(id: String, db: Database) throws -> StoredReturn? {
        let statement = try db.cachedStatement(sql: "SELECT \(returnColumns) FROM returns r LEFT JOIN batches b ON b.id = r.batch_id WHERE r.id = ?")
        return try Row.fetchOne(statement, arguments: [id]).map(storedReturn)
    }

    static func record(_ entry: NewReturn, now: Double, lanes: inout LaneCursors, db: Database) throws -> RecordOutcome {
        let batchLane = entry.batchLane.flatMap { BatchRule.fitsEmpty(weight: entry.weightKg, lane: $0) ? $0 : nil }
        // The usual case — no Idempotency-Key header, and the parcel fits its lane's open batch — is one
        // insert that does nothing on a conflict: only then is the existing return looked up.
        if entry.headerKey == nil {
            let fitting = try batchLane.map { try lanes.openBatch(fitting: entry.weightKg, lane: $0, now: now, db: db) }
            if batchLane == nil || fitting! != nil {
                let batchID = fitting ?? nil
                if try insert(entry, batchID: batchID, now: now, db: db) {
                    if let batchLane { lanes.add(weight: entry.weightKg, value: entry.value, lane: batchLane) }
                    return .created(StoredReturn(id: entry.id, bodyHash: entry.bodyHash, request: entry.request, decision: entry.decision, kind: entry.kind, batch: batchID, batchStatus: batchID == nil ? nil : BatchStatus.open.rawValue, recordedAt: now))
                }
                guard let existing = try fetchReturn(key: entry.headerKey, orID: entry.id, db: db) else { throw StoreError.corrupt("return \(entry.id) conflicted but is not there") }
                return existing.bodyHash == entry.bodyHash && existing.id == entry.id ? .replayed(existing) : .conflict(existing: existing)
            }
        }
        if let existing = try fetchReturn(key: entry.headerKey, orID: entry.id, db: db) {
            return existing.bodyHash == entry.bodyHash && existing.id == entry.id ? .replayed(existing) : .conflict(existing: existing)
        }
        var batchID: String?
        if let lane = batchLane {
            batchID = try lanes.join(lane: lane, weight: entry.weightKg, value: entry.value, now: now, db: db)
        }
        guard try insert(entry, batchID: batchID, now: now, db: db) else { throw StoreError.corrupt("return \(entry.id) was checked absent but conflicts") }
        return .created(StoredReturn(id: entry.id, bodyHash: entry.bodyHash, request: entry.request, decision: entry.decision, kind: entry.kind, batch: batchID, batchStatus: batchID == nil ? nil : BatchStatus.open.rawValue, recordedAt: now))
    }

    /// Inserts a return unless its id (or idempotency key) is taken; whether it was inserted.
    static func insert(_ entry: NewReturn, batchID: String?, now: Double, db: Database) throws -> Bool {
        let insert = try db.cachedStatement(sql: """
            INSERT INTO returns (id, idempotency_key, body_hash, request, decision, kind, reason, zone, country, category, item_condition, weight_kg, value, requested_day, delivered_day, lane, batch_id, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """)
        try insert.execute(arguments: [
            entry.id, entry.headerKey, entry.bodyHash, entry.request, entry.decision, entry.kind, entry.reason, entry.zone, entry.country,
            entry.category, entry.condition, entry.weightKg, entry.value, Int(entry.requestedDay), Int(entry.deliveredDay),
            entry.batchLane?.lane, batchID, now,
        ])
        return db.changesCount > 0
    }

    /// The lanes one group commit touches, read once and written back once: their open batch's running
    /// totals live here while the group is recorded.
    struct LaneCursors {
        struct Cursor {
            var lane: BatchLane
            var sequence: Int
            var open: String?
            var parcels = 0
            var weightKg = 0.0
            var value = 0.0
            var cutoffAt = 0.0
            /// The open batch's capacity as it was opened (a later plan may give the lane another).
            var capacityKg: Double?
            var capacityParcels: Int?

            /// The rule checks the open batch against its own capacity.
            var batchRules: BatchLane {
                var rules = lane
                rules.capacityKg = capacityKg
                rules.capacityParcels = capacityParcels
                return rules
            }
        }

        var cursors: [String: Cursor] = [:]

        /// The lane's open batch when a parcel of this weight fits it now (nil when it must close first).
        mutating func openBatch(fitting weight: Double, lane: BatchLane, now: Double, db: Database) throws -> String? {
            let cursor = try cursors[lane.lane] ?? Self.load(lane, db: db)
            cursors[lane.lane] = cursor
            guard let id = cursor.open, BatchRule.closeReason(parcels: cursor.parcels, weightKg: cursor.weightKg, cutoffAt: cursor.cutoffAt, adding: weight, lane: cursor.batchRules, now: now) == nil else { return nil }
            return id
        }

        /// Counts a parcel into the open batch `openBatch(fitting:)` gave.
        mutating func add(weight: Double, value: Double, lane: BatchLane) {
            cursors[lane.lane]!.parcels += 1
            cursors[lane.lane]!.weightKg += weight
            cursors[lane.lane]!.value += value
        }

        mutating func join(lane: BatchLane, weight: Double, value: Double, now: Double, db: Database) throws -> String {
            var cursor = try cursors[lane.lane] ?? Self.load(lane, db: db)
            if let id = cursor.open, let reason = BatchRule.closeReason(parcels: cursor.parcels, weightKg: cursor.weightKg, cutoffAt: cursor.cutoffAt, adding: weight, lane: cursor.batchRules, now: now) {
                try Self.saveTotals(cursor, db: db)
                try db.cachedStatement(sql: "UPDATE batches SET status = 'closed', closed_at = ?, close_reason = ? WHERE id = ? AND status = 'open'").execute(arguments: [now, reason, id])
                cursor.open = nil
            }
            if cursor.open == nil {
                let id = BatchRule.batchID(lane: lane.lane, sequence: cursor.sequence)
                cursor.sequence += 1
                cursor.open = id
                (cursor.parcels, cursor.weightKg, cursor.value, cursor.cutoffAt) = (0, 0, 0, now + lane.cutoffSeconds)
                (cursor.capacityKg, cursor.capacityParcels) = (lane.capacityKg, lane.capacityParcels)
                try db.cachedStatement(sql: """
                    INSERT INTO batches (id, lane, from_node, to_node, status, parcels, weight_kg, value, capacity_kg, capacity_parcels, opened_at, cutoff_at)
                    VALUES (?, ?, ?, ?, 'open', 0, 0, 0, ?, ?, ?, ?)
                    """).execute(arguments: [id, lane.lane, lane.from, lane.to, lane.capacityKg, lane.capacityParcels, now, cursor.cutoffAt])
            }
            cursor.parcels += 1
            cursor.weightKg += weight
            cursor.value += value
            cursors[lane.lane] = cursor
            return cursor.open!
        }

        static func load(_ lane: BatchLane, db: Database) throws -> Cursor {
            guard let state = try Row.fetchOne(db.cachedStatement(sql: "SELECT next_sequence, open_batch FROM lane_state WHERE lane = ?"), arguments: [lane.lane]) else {
                try db.cachedStatement(sql: "INSERT INTO lane_state (lane, next_sequence, open_batch) VALUES (?, 1, NULL)").execute(arguments: [lane.lane])
                return Cursor(lane: lane, sequence: 1)
            }
            var cursor = Cursor(lane: lane, sequence: state[0])
            if let id: String = state[1], let batch = try Row.fetchOne(db.cachedStatement(sql: "SELECT parcels, weight_kg, value, cutoff_at, capacity_kg, capacity_parcels FROM batches WHERE id = ? AND status = 'open'"), arguments: [id]) {
                cursor.open = id
                (cursor.parcels, cursor.weightKg, cursor.value, cursor.cutoffAt) = (batch[0], batch[1], batch[2], batch[3])
                (cursor.capacityKg, cursor.capacityParcels) = (batch[4], batch[5])
            }
            return cursor
        }

        static func saveTotals(_ cursor: Cursor, db: Database) throws {
            guard let id = cursor.open else { return }
            try db.cachedStatement(sql: "UPDATE batches SET parcels = ?, weight_kg = ?, value = ? WHERE id = ?").execute(arguments: [cursor.parcels, cursor.weightKg, cursor.value, id])
        }

        /// Writes the open batches' totals and each lane's sequence and open batch.
        func save(db: Database) throws {
            for cursor in cursors.values {
                try Self.saveTotals(cursor, db: db)
                try db.cachedStatement(sql: "UPDATE lane_state SET next_sequence = ?, open_batch = ? WHERE lane = ?").execute(arguments: [cursor.sequence, cursor.open, cursor.lane.lane])
            }
        }
    }

    public func fetchReturn(id: String) async throws -> StoredReturn? {
        try await pool.read { db in try Self.fetchReturn(id: id, db: db) }
    }

    public func closeExpiredBatches(now: Double) async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: "UPDATE lane_state SET open_batch = NULL WHERE open_batch IN (SELECT id FROM batches WHERE status = 'open' AND cutoff_at <= ?)", arguments: [now])
            try db.execute(sql: "UPDATE batches SET status = 'closed', closed_at = ?, close_reason = 'cutoff' WHERE status = 'open' AND cutoff_at <= ?", arguments: [now, now])
            return db.changesCount
        }
    }

    static let batchColumns = "id, lane, from_node, to_node, status, parcels, weight_kg, value, capacity_kg, capacity_parcels, opened_at, cutoff_at, closed_at, close_reason, dispatched_at"

    static func batchRecord(_ row: Row) throws -> BatchRecord {
        let statusText: String = row[4]
        guard let status = BatchStatus(rawValue: statusText) else { throw StoreError.corrupt("batch status '\(statusText)'") }
        return BatchRecord(id: row[0], lane: row[1], from: row[2], to: row[3], status: status, parcels: row[5], weightKg: row[6], value: row[7], capacityKg: row[8], capacityParcels: row[9], openedAt: row[10], cutoffAt: row[11], closedAt: row[12], closeReason: row[13], dispatchedAt: row[14])
    }

    public func batches(_ filter: BatchFilter) async throws -> [BatchRecord] {
        try await pool.read { db in
            var clauses: [String] = []
            var arguments: StatementArguments = []
            if let hub = filter.hub { clauses.append("from_node = ?"); arguments += [hub] }
            if let lane = filter.lane { clauses.append("lane = ?"); arguments += [lane] }
            if let status = filter.status { clauses.append("status = ?"); arguments += [status.rawValue] }
            let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            arguments += [filter.limit]
            return try Row.fetchAll(db, sql: "SELECT \(Self.batchColumns) FROM batches \(whereClause) ORDER BY opened_at, id LIMIT ?", arguments: arguments).map(Self.batchRecord)
        }
    }

    public func batch(id: String) async throws -> BatchRecord? {
        try await pool.read { db in try Self.batch(id: id, db: db) }
    }

    static func batch(id: String, db: Database) throws -> BatchRecord? {
        try Row.fetchOne(db, sql: "SELECT \(batchColumns) FROM batches WHERE id = ?", arguments: [id]).map(batchRecord)
    }

    static func parcels(inBatch id: String, db: Database) throws -> [StoredReturn] {
        try Row.fetchAll(db, sql: "SELECT \(returnColumns) FROM returns r JOIN batches b ON b.id = r.batch_id WHERE r.batch_id = ? ORDER BY r.seq", arguments: [id]).map(storedReturn)
    }

    public func parcels(inBatch id: String) async throws -> [StoredReturn] {
        try await pool.read { db in try Self.parcels(inBatch: id, db: db) }
    }

    public func dispatch(batch id: String, now: Double, manifest: @Sendable (BatchRecord, [StoredReturn]) throws -> String) async throws -> DispatchOutcome {
        try await pool.write { db in
            guard var batch = try Self.batch(id: id, db: db) else { return .notFound }
            if batch.status == .dispatched {
                let frozen = try String.fetchOne(db, sql: "SELECT manifest FROM batches WHERE id = ?", arguments: [id]) ?? "{}"
                return .alreadyDispatched(batch, manifest: frozen)
            }
            if batch.status == .open { batch.closedAt = now; batch.closeReason = "dispatched" }
            batch.status = .dispatched
            batch.dispatchedAt = now
            let parcels = try Self.parcels(inBatch: id, db: db).map { parcel -> StoredReturn in
                var parcel = parcel
                parcel.batchStatus = BatchStatus.dispatched.rawValue
                return parcel
            }
            let document = try manifest(batch, parcels)
            try db.execute(sql: "UPDATE lane_state SET open_batch = NULL WHERE open_batch = ?", arguments: [id])
            try db.execute(sql: "UPDATE batches SET status = 'dispatched', closed_at = ?, close_reason = ?, dispatched_at = ?, manifest = ? WHERE id = ?", arguments: [batch.closedAt, batch.closeReason, now, document, id])
            return .dispatched(batch, manifest: document)
        }
    }

    public func frozenManifest(batch id: String) async throws -> String? {
        try await pool.read { db in try String.fetchOne(db, sql: "SELECT manifest FROM batches WHERE id = ? AND status = 'dispatched'", arguments: [id]) }
    }

    public func returns(requestedFrom from: Int32?, to: Int32?) async throws -> [ReturnSummary] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, reason, zone, category, item_condition, weight_kg, value, requested_day FROM returns WHERE requested_day >= ? AND requested_day <= ? ORDER BY seq", arguments: [Int(from ?? Int32.min), Int(to ?? Int32.max)]).map {
                ReturnSummary(kind: $0[0], reason: $0[1], zone: $0[2], category: $0[3], condition: $0[4], weightKg: $0[5], value: $0[6], requestedDay: Int32($0[7] as Int))
            }
        }
    }
}
