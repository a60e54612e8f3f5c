import Foundation
import Logging
import PostgresNIO

/// The shared store for several `boomerang serve` replicas: PostgreSQL through postgres-nio.
///
/// A group commit locks the rows of the lanes it touches (`SELECT … FOR UPDATE`, in lane order, so two
/// replicas never deadlock), so two replicas never fill one batch past its capacity or open two batches on
/// one lane. A replica that loses a race on a parcel id (unique violation) retries the group and then finds
/// the other's row: the parcel is recorded exactly once.
public final class PostgresStore: ReturnsStore {
    let client: PostgresClient
    let logger: Logger
    let runner: Task<Void, Never>

    /// Connects to `postgres://user:password@host:port/database`.
    public init(url: String, logger: Logger = Logger(label: "boomerang.postgres")) throws {
        let configuration = try Self.configuration(url)
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
        let client = client
        runner = Task { await client.run() }
    }

    static func configuration(_ text: String) throws -> PostgresClient.Configuration {
        guard let url = URL(string: text), ["postgres", "postgresql"].contains(url.scheme ?? ""), let host = url.host, !host.isEmpty else {
            throw StoreError.badURL("'\(text)' is not postgres://user:password@host:port/database")
        }
        let database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        var configuration = PostgresClient.Configuration(
            host: host, port: url.port ?? 5432, username: url.user ?? "postgres",
            password: url.password?.removingPercentEncoding, database: database.isEmpty ? nil : database, tls: .disable
        )
        configuration.options.maximumConnections = 8
        return configuration
    }

    public func shutdown() async {
        runner.cancel()
    }

    public func migrate() async throws {
        try await client.withTransaction(logger: logger) { connection in
            // One replica migrates at a time; the others wait here and find the work done.
            _ = try await connection.query("SELECT pg_advisory_xact_lock(4242)", logger: logger)
            _ = try await connection.query("CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY)", logger: logger)
            let done = try await connection.query("SELECT version FROM schema_migrations WHERE version = 'v1'", logger: logger).collect()
            guard done.isEmpty else { return }
            for statement in StoreSchema.version1(dialect: .postgres) {
                _ = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
            _ = try await connection.query("INSERT INTO schema_migrations (version) VALUES ('v1')", logger: logger)
        }
    }

    static let retryable: Set<String> = ["23505", "40001", "40P01"]

    public func record(_ entries: [NewReturn], now: Double) async throws -> [RecordOutcome] {
        var attempt = 0
        while true {
            do {
                return try await client.withTransaction(logger: logger) { connection in
                    try await self.record(entries, now: now, connection: connection)
                }
            } catch let error as PSQLError {
                attempt += 1
                guard attempt < 8, let state = error.serverInfo?[.sqlState], Self.retryable.contains(state) else { throw error }
            }
        }
    }

    func record(_ entries: [NewReturn], now: Double, connection: PostgresConnection) async throws -> [RecordOutcome] {
        // Lock every lane this group touches, in one order.
        let lanes = Set(entries.compactMap { $0.batchLane?.lane }).sorted()
        for lane in lanes {
            _ = try await connection.query("INSERT INTO lane_state (lane, next_sequence, open_batch) VALUES (\(lane), 1, NULL) ON CONFLICT (lane) DO NOTHING", logger: logger)
            _ = try await connection.query("SELECT lane FROM lane_state WHERE lane = \(lane) FOR UPDATE", logger: logger).collect()
        }
        var outcomes: [RecordOutcome] = []
        outcomes.reserveCapacity(entries.count)
        for entry in entries {
            if let existing = try await fetchReturn(key: entry.key, connection: connection) {
                outcomes.append(existing.bodyHash == entry.bodyHash && existing.id == entry.id ? .replayed(existing) : .conflict(existing: existing))
                continue
            }
            if let existing = try await fetchReturn(id: entry.id, connection: connection) {
                outcomes.append(.conflict(existing: existing))
                continue
            }
            var batchID: String?
            var batchStatus: String?
            if let lane = entry.batchLane, BatchRule.fitsEmpty(weight: entry.weightKg, lane: lane) {
                batchID = try await join(lane: lane, weight: entry.weightKg, value: entry.value, now: now, connection: connection)
                batchStatus = BatchStatus.open.rawValue
            }
            let requested = Int(entry.requestedDay), delivered = Int(entry.deliveredDay)
            _ = try await connection.query("""
                INSERT INTO returns (id, idempotency_key, body_hash, request, decision, kind, reason, zone, country, category, item_condition, weight_kg, value, requested_day, delivered_day, lane, batch_id, recorded_at)
                VALUES (\(entry.id), \(entry.key == entry.id ? nil : entry.key), \(entry.bodyHash), \(entry.request), \(entry.decision), \(entry.kind), \(entry.reason), \(entry.zone), \(entry.country), \(entry.category), \(entry.condition), \(entry.weightKg), \(entry.value), \(requested), \(delivered), \(entry.batchLane?.lane), \(batchID), \(now))
                """, logger: logger)
            outcomes.append(.created(StoredReturn(id: entry.id, bodyHash: entry.bodyHash, request: entry.request, decision: entry.decision, kind: entry.kind, batch: batchID, batchStatus: batchStatus, recordedAt: now)))
        }
        return outcomes
    }

    /// Joins the lane's open batch; the caller holds the lane's row lock.
    func join(lane: BatchLane, weight: Double, value: Double, now: Double, connection: PostgresConnection) async throws -> String {
        let stateRows = try await connection.query("SELECT next_sequence, open_batch FROM lane_state WHERE lane = \(lane.lane)", logger: logger).collect()
        guard let stateRow = stateRows.first else { throw StoreError.corrupt("no lane_state row for \(lane.lane)") }
        var (sequence, open) = try stateRow.decode((Int, String?).self)
        if let id = open {
            let rows = try await connection.query("SELECT parcels, weight_kg, cutoff_at FROM batches WHERE id = \(id) AND status = 'open'", logger: logger).collect()
            if let row = rows.first {
                let (parcels, kg, cutoff) = try row.decode((Int, Double, Double).self)
                if let reason = BatchRule.closeReason(parcels: parcels, weightKg: kg, cutoffAt: cutoff, adding: weight, lane: lane, now: now) {
                    _ = try await connection.query("UPDATE batches SET status = 'closed', closed_at = \(now), close_reason = \(reason) WHERE id = \(id) AND status = 'open'", logger: logger)
                    open = nil
                }
            } else {
                open = nil
            }
        }
        if open == nil {
            let id = BatchRule.batchID(lane: lane.lane, sequence: sequence)
            sequence += 1
            let cutoff = now + lane.cutoffSeconds
            _ = try await connection.query("""
                INSERT INTO batches (id, lane, from_node, to_node, status, parcels, weight_kg, value, capacity_kg, capacity_parcels, opened_at, cutoff_at)
                VALUES (\(id), \(lane.lane), \(lane.from), \(lane.to), 'open', 0, 0, 0, \(lane.capacityKg), \(lane.capacityParcels), \(now), \(cutoff))
                """, logger: logger)
            _ = try await connection.query("UPDATE lane_state SET next_sequence = \(sequence), open_batch = \(id) WHERE lane = \(lane.lane)", logger: logger)
            open = id
        }
        _ = try await connection.query("UPDATE batches SET parcels = parcels + 1, weight_kg = weight_kg + \(weight), value = value + \(value) WHERE id = \(open!)", logger: logger)
        return open!
    }

    static let returnColumns = "r.id, r.body_hash, r.request, r.decision, r.kind, r.batch_id, b.status, r.recorded_at"

    static func storedReturn(_ row: PostgresRow) throws -> StoredReturn {
        let (id, hash, request, decision, kind, batch, status, recorded) = try row.decode((String, String, String, String, String, String?, String?, Double).self)
        return StoredReturn(id: id, bodyHash: hash, request: request, decision: decision, kind: kind, batch: batch, batchStatus: status, recordedAt: recorded)
    }

    func fetchReturn(key: String, connection: PostgresConnection) async throws -> StoredReturn? {
        let rows = try await connection.query("SELECT r.id, r.body_hash, r.request, r.decision, r.kind, r.batch_id, b.status, r.recorded_at FROM returns r LEFT JOIN batches b ON b.id = r.batch_id WHERE r.idempotency_key = \(key) OR (r.idempotency_key IS NULL AND r.id = \(key))", logger: logger).collect()
        return try rows.first.map(Self.storedReturn)
    }

    func fetchReturn(id: String, connection: PostgresConnection) async throws -> StoredReturn? {
        let rows = try await connection.query("SELECT r.id, r.body_hash, r.request, r.decision, r.kind, r.batch_id, b.status, r.recorded_at FROM returns r LEFT JOIN batches b ON b.id = r.batch_id WHERE r.id = \(id)", logger: logger).collect()
        return try rows.first.map(Self.storedReturn)
    }

    public func fetchReturn(id: String) async throws -> StoredReturn? {
        try await client.withConnection { connection in try await self.fetchReturn(id: id, connection: connection) }
    }

    public func closeExpiredBatches(now: Double) async throws -> Int {
        try await client.withTransaction(logger: logger) { connection in
            let rows = try await connection.query("""
                WITH closed AS (
                    UPDATE batches SET status = 'closed', closed_at = \(now), close_reason = 'cutoff'
                    WHERE id IN (SELECT b.id FROM batches b JOIN lane_state s ON s.open_batch = b.id WHERE b.status = 'open' AND b.cutoff_at <= \(now) FOR UPDATE OF s SKIP LOCKED)
                    RETURNING id
                )
                UPDATE lane_state SET open_batch = NULL WHERE open_batch IN (SELECT id FROM closed) RETURNING lane
                """, logger: logger).collect()
            return rows.count
        }
    }

    static let batchColumns = "id, lane, from_node, to_node, status, parcels, weight_kg, value, capacity_kg, capacity_parcels, opened_at, cutoff_at, closed_at, close_reason, dispatched_at"

    static func batchRecord(_ row: PostgresRow) throws -> BatchRecord {
        let (id, lane, from, to, statusText, parcels, kg, value, capacityKg, capacityParcels) = try row.decode((String, String, String, String, String, Int, Double, Double, Double?, Int?).self)
        let columns = row.makeRandomAccess()
        let openedAt = try columns[10].decode(Double.self)
        let cutoffAt = try columns[11].decode(Double.self)
        let closedAt = try columns[12].decode(Double?.self)
        let closeReason = try columns[13].decode(String?.self)
        let dispatchedAt = try columns[14].decode(Double?.self)
        guard let status = BatchStatus(rawValue: statusText) else { throw StoreError.corrupt("batch status '\(statusText)'") }
        return BatchRecord(id: id, lane: lane, from: from, to: to, status: status, parcels: parcels, weightKg: kg, value: value, capacityKg: capacityKg, capacityParcels: capacityParcels, openedAt: openedAt, cutoffAt: cutoffAt, closedAt: closedAt, closeReason: closeReason, dispatchedAt: dispatchedAt)
    }

    public func batches(_ filter: BatchFilter) async throws -> [BatchRecord] {
        var query = PostgresQuery(unsafeSQL: "SELECT \(Self.batchColumns) FROM batches WHERE ($1::text IS NULL OR from_node = $1) AND ($2::text IS NULL OR lane = $2) AND ($3::text IS NULL OR status = $3) ORDER BY opened_at, id LIMIT $4")
        query.binds.append(filter.hub, context: .default)
        query.binds.append(filter.lane, context: .default)
        query.binds.append(filter.status?.rawValue, context: .default)
        query.binds.append(filter.limit, context: .default)
        let rows = try await client.query(query, logger: logger).collect()
        return try rows.map(Self.batchRecord)
    }

    func batch(id: String, connection: PostgresConnection, lock: Bool) async throws -> (BatchRecord, String?)? {
        let sql = "SELECT \(Self.batchColumns), manifest FROM batches WHERE id = $1" + (lock ? " FOR UPDATE" : "")
        var query = PostgresQuery(unsafeSQL: sql)
        query.binds.append(id, context: .default)
        let rows = try await connection.query(query, logger: logger).collect()
        guard let row = rows.first else { return nil }
        return (try Self.batchRecord(row), try row.makeRandomAccess()[15].decode(String?.self))
    }

    public func batch(id: String) async throws -> BatchRecord? {
        try await client.withConnection { connection in try await self.batch(id: id, connection: connection, lock: false)?.0 }
    }

    func parcels(inBatch id: String, connection: PostgresConnection) async throws -> [StoredReturn] {
        let rows = try await connection.query("SELECT r.id, r.body_hash, r.request, r.decision, r.kind, r.batch_id, b.status, r.recorded_at FROM returns r JOIN batches b ON b.id = r.batch_id WHERE r.batch_id = \(id) ORDER BY r.seq", logger: logger).collect()
        return try rows.map(Self.storedReturn)
    }

    public func parcels(inBatch id: String) async throws -> [StoredReturn] {
        try await client.withConnection { connection in try await self.parcels(inBatch: id, connection: connection) }
    }

    public func dispatch(batch id: String, now: Double, manifest: @Sendable (BatchRecord, [StoredReturn]) throws -> String) async throws -> DispatchOutcome {
        try await client.withTransaction(logger: logger) { connection in
            // Lock the lane first (the order record() uses), then the batch.
            let lanes = try await connection.query("SELECT lane FROM batches WHERE id = \(id)", logger: logger).collect()
            guard let laneRow = lanes.first else { return .notFound }
            let lane = try laneRow.decode(String.self)
            _ = try await connection.query("SELECT lane FROM lane_state WHERE lane = \(lane) FOR UPDATE", logger: logger).collect()
            guard let (found, frozen) = try await self.batch(id: id, connection: connection, lock: true) else { return .notFound }
            var batch = found
            if batch.status == .dispatched { return .alreadyDispatched(batch, manifest: frozen ?? "{}") }
            if batch.status == .open { batch.closedAt = now; batch.closeReason = "dispatched" }
            batch.status = .dispatched
            batch.dispatchedAt = now
            let parcels = try await self.parcels(inBatch: id, connection: connection).map { parcel -> StoredReturn in
                var parcel = parcel
                parcel.batchStatus = BatchStatus.dispatched.rawValue
                return parcel
            }
            let document = try manifest(batch, parcels)
            _ = try await connection.query("UPDATE lane_state SET open_batch = NULL WHERE open_batch = \(id)", logger: logger)
            _ = try await connection.query("UPDATE batches SET status = 'dispatched', closed_at = \(batch.closedAt), close_reason = \(batch.closeReason), dispatched_at = \(now), manifest = \(document) WHERE id = \(id)", logger: logger)
            return .dispatched(batch, manifest: document)
        }
    }

    public func frozenManifest(batch id: String) async throws -> String? {
        let rows = try await client.query("SELECT manifest FROM batches WHERE id = \(id) AND status = 'dispatched'", logger: logger).collect()
        return try rows.first?.decode(String?.self) ?? nil
    }

    public func returns(requestedFrom from: Int32?, to: Int32?) async throws -> [ReturnSummary] {
        let low = Int(from ?? Int32.min), high = Int(to ?? Int32.max)
        let rows = try await client.query("SELECT kind, reason, zone, category, item_condition, weight_kg, value, requested_day FROM returns WHERE requested_day >= \(low) AND requested_day <= \(high) ORDER BY seq", logger: logger).collect()
        return try rows.map {
            let (kind, reason, zone, category, condition, kg, value, day) = try $0.decode((String, String, String, String, String, Double, Double, Int).self)
            return ReturnSummary(kind: kind, reason: reason, zone: zone, category: category, condition: condition, weightKg: kg, value: value, requestedDay: Int32(day))
        }
    }
}
