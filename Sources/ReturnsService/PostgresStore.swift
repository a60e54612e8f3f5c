import Foundation
import Logging
import PostgresNIO
import Routing

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
    let target: String

    /// postgres-nio logs every failed connection attempt; the service reports what matters itself.
    public static var quietLogger: Logger {
        var logger = Logger(label: "boomerang.postgres")
        logger.logLevel = .error
        return logger
    }

    /// Connects to `postgres://user:password@host:port/database`.
    public init(url: String, logger: Logger = PostgresStore.quietLogger) throws {
        let configuration = try Self.configuration(url)
        target = "\(configuration.host ?? "?"):\(configuration.port ?? 5432)"
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
        // Fail fast when the server cannot be reached, instead of retrying for ever. The wait is long enough for a
        // loaded machine (the test suite, on two cores, has taken over 15 s to answer a first query).
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    _ = try await self.client.query("SELECT 1", logger: self.logger).collect()
                } catch {
                    throw StoreError.unreachable("cannot reach PostgreSQL at \(self.target): \(String(describing: error).prefix(200))")
                }
            }
            group.addTask {
                try await Task.sleep(for: .seconds(Self.reachWithinSeconds))
                throw StoreError.unreachable("cannot reach PostgreSQL at \(self.target) within \(Self.reachWithinSeconds) s")
            }
            try await group.next()
            group.cancelAll()
        }
        try await client.withTransaction(logger: logger) { connection in
            // One replica migrates at a time; the others wait here and find the work done.
            _ = try await connection.query("SELECT pg_advisory_xact_lock(4242)", logger: logger)
            _ = try await connection.query("CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY)", logger: logger)
            let done = try await connection.query("SELECT version FROM schema_migrations WHERE version = 'v1'", logger: logger).collect()
            if done.isEmpty {
                for statement in StoreSchema.version1(dialect: .postgres) {
                    _ = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                _ = try await connection.query("INSERT INTO schema_migrations (version) VALUES ('v1')", logger: logger)
            }
            // The group commit as one server-side function (replaced on every start, so it always matches
            // this binary's batching rule).
            _ = try await connection.query(PostgresQuery(unsafeSQL: Self.recordFunction), logger: logger)
        }
    }

    /// How long `migrate` waits for a first answer.
    static let reachWithinSeconds = 60

    static let retryable: Set<String> = ["23505", "40001", "40P01"]

    public func record(_ entries: [NewReturn], now: Double) async throws -> [RecordOutcome] {
        let payload = Self.payload(entries)
        var attempt = 0
        while true {
            do {
                let rows = try await client.query("SELECT outcome, id, body_hash, request, decision, kind, batch_id, batch_status, recorded_at FROM boomerang_record(\(payload)::jsonb, \(now)) ORDER BY pos", logger: logger).collect()
                guard rows.count == entries.count else { throw StoreError.corrupt("boomerang_record answered \(rows.count) rows for \(entries.count) returns") }
                return try rows.map { row in
                    let (outcome, id, hash, request, decision, kind, batch, status, recorded) = try row.decode((String, String, String, String, String, String, String?, String?, Double).self)
                    let stored = StoredReturn(id: id, bodyHash: hash, request: request, decision: decision, kind: kind, batch: batch, batchStatus: status, recordedAt: recorded)
                    switch outcome {
                    case "created": return .created(stored)
                    case "replayed": return .replayed(stored)
                    default: return .conflict(existing: stored)
                    }
                }
            } catch let error as PSQLError {
                attempt += 1
                guard attempt < 8, let state = error.serverInfo?[.sqlState], Self.retryable.contains(state) else { throw error }
            }
        }
    }

    /// The group as a JSON array for `boomerang_record`.
    static func payload(_ entries: [NewReturn]) -> String {
        var w = JSONWriter(capacity: entries.count * 1600)
        w.beginArray()
        for e in entries {
            w.beginObject()
            w.field("id", e.id); w.field("key", e.headerKey); w.field("hash", e.bodyHash)
            w.field("request", e.request); w.field("decision", e.decision); w.field("kind", e.kind); w.field("reason", e.reason)
            w.field("zone", e.zone); w.field("country", e.country); w.field("category", e.category); w.field("condition", e.condition)
            w.field("weight", e.weightKg); w.field("value", e.value); w.field("requested", Int(e.requestedDay)); w.field("delivered", Int(e.deliveredDay))
            if let lane = e.batchLane, BatchRule.fitsEmpty(weight: e.weightKg, lane: lane) {
                w.field("lane", lane.lane); w.field("from", lane.from); w.field("to", lane.to)
                w.key("capKg"); if let kg = lane.capacityKg { w.number(kg) } else { w.null() }
                w.key("capParcels"); if let parcels = lane.capacityParcels { w.number(parcels) } else { w.null() }
                w.field("cutoffSeconds", lane.cutoffSeconds)
            } else if let lane = e.batchLane {
                w.field("unbatchedLane", lane.lane)
            }
            w.endObject()
        }
        w.endArray()
        return w.text
    }

    /// One group commit on the server: for each return in order, the idempotency check, the batch (closing
    /// the lane's open batch when the return would overfill it or its cut-off has passed — `BatchRule`,
    /// written again in SQL), and the insert. The lanes are locked first, in order, so replicas never
    /// deadlock and never share an open batch.
    static let recordFunction = """
        CREATE OR REPLACE FUNCTION boomerang_record(entries jsonb, now_ts double precision)
        RETURNS TABLE (pos integer, outcome text, id text, body_hash text, request text, decision text, kind text, batch_id text, batch_status text, recorded_at double precision)
        LANGUAGE plpgsql AS $$
        #variable_conflict use_column
        DECLARE
            e jsonb;
            i integer := 0;
            found_row record;
            lane_id text;
            seq bigint;
            open_id text;
            b record;
            reason text;
            new_batch text;
        BEGIN
            INSERT INTO lane_state (lane, next_sequence, open_batch)
                SELECT DISTINCT x->>'lane', 1, NULL FROM jsonb_array_elements(entries) x WHERE x ? 'lane' ORDER BY 1
                ON CONFLICT (lane) DO NOTHING;
            PERFORM 1 FROM lane_state s WHERE s.lane IN (SELECT DISTINCT x->>'lane' FROM jsonb_array_elements(entries) x WHERE x ? 'lane') ORDER BY s.lane FOR UPDATE;
            FOR e IN SELECT value FROM jsonb_array_elements(entries) LOOP
                i := i + 1;
                -- By Idempotency-Key among keys (when the request has one), then by parcel id among ids: each an
                -- index lookup, and no key can shadow an id (NewReturn.headerKey).
                IF e->>'key' IS NOT NULL THEN
                    SELECT r.id, r.body_hash, r.request, r.decision, r.kind, r.batch_id, bb.status, r.recorded_at INTO found_row
                        FROM returns r LEFT JOIN batches bb ON bb.id = r.batch_id WHERE r.idempotency_key = e->>'key';
                END IF;
                IF e->>'key' IS NULL OR NOT FOUND THEN
                    SELECT r.id, r.body_hash, r.request, r.decision, r.kind, r.batch_id, bb.status, r.recorded_at INTO found_row
                        FROM returns r LEFT JOIN batches bb ON bb.id = r.batch_id WHERE r.id = e->>'id';
                END IF;
                IF FOUND THEN
                    pos := i;
                    outcome := CASE WHEN found_row.body_hash = e->>'hash' AND found_row.id = e->>'id' THEN 'replayed' ELSE 'conflict' END;
                    id := found_row.id; body_hash := found_row.body_hash; request := found_row.request; decision := found_row.decision;
                    kind := found_row.kind; batch_id := found_row.batch_id; batch_status := found_row.status; recorded_at := found_row.recorded_at;
                    RETURN NEXT;
                    CONTINUE;
                END IF;
                new_batch := NULL;
                lane_id := e->>'lane';
                IF lane_id IS NOT NULL THEN
                    SELECT s.next_sequence, s.open_batch INTO seq, open_id FROM lane_state s WHERE s.lane = lane_id;
                    IF open_id IS NOT NULL THEN
                        SELECT bt.parcels, bt.weight_kg, bt.cutoff_at, bt.capacity_kg, bt.capacity_parcels INTO b FROM batches bt WHERE bt.id = open_id AND bt.status = 'open';
                        IF NOT FOUND THEN
                            open_id := NULL;
                        ELSE
                            reason := CASE
                                WHEN now_ts >= b.cutoff_at THEN 'cutoff'
                                WHEN b.capacity_kg IS NOT NULL AND b.weight_kg + (e->>'weight')::double precision > b.capacity_kg + 1e-9 THEN 'capacity_kg'
                                WHEN b.capacity_parcels IS NOT NULL AND b.parcels + 1 > b.capacity_parcels THEN 'capacity_parcels'
                                ELSE NULL END;
                            IF reason IS NOT NULL THEN
                                UPDATE batches SET status = 'closed', closed_at = now_ts, close_reason = reason WHERE batches.id = open_id AND status = 'open';
                                open_id := NULL;
                            END IF;
                        END IF;
                    END IF;
                    IF open_id IS NULL THEN
                        open_id := lane_id || '-' || seq;
                        INSERT INTO batches (id, lane, from_node, to_node, status, parcels, weight_kg, value, capacity_kg, capacity_parcels, opened_at, cutoff_at)
                            VALUES (open_id, lane_id, e->>'from', e->>'to', 'open', 0, 0, 0, (e->>'capKg')::double precision, (e->>'capParcels')::bigint, now_ts, now_ts + (e->>'cutoffSeconds')::double precision);
                        UPDATE lane_state SET next_sequence = seq + 1, open_batch = open_id WHERE lane = lane_id;
                    END IF;
                    UPDATE batches SET parcels = parcels + 1, weight_kg = weight_kg + (e->>'weight')::double precision, value = value + (e->>'value')::double precision WHERE batches.id = open_id;
                    new_batch := open_id;
                END IF;
                INSERT INTO returns (id, idempotency_key, body_hash, request, decision, kind, reason, zone, country, category, item_condition, weight_kg, value, requested_day, delivered_day, lane, batch_id, recorded_at)
                    VALUES (e->>'id', e->>'key', e->>'hash', e->>'request', e->>'decision', e->>'kind', e->>'reason', e->>'zone', e->>'country', e->>'category', e->>'condition',
                            (e->>'weight')::double precision, (e->>'value')::double precision, (e->>'requested')::bigint, (e->>'delivered')::bigint,
                            coalesce(lane_id, e->>'unbatchedLane'), new_batch, now_ts);
                pos := i; outcome := 'created'; id := e->>'id'; body_hash := e->>'hash'; request := e->>'request'; decision := e->>'decision';
                kind := e->>'kind'; batch_id := new_batch; batch_status := CASE WHEN new_batch IS NULL THEN NULL ELSE 'open' END; recorded_at := now_ts;
                RETURN NEXT;
            END LOOP;
        END;
        $$
        """

    static let returnColumns = "r.id, r.body_hash, r.request, r.decision, r.kind, r.batch_id, b.status, r.recorded_at"

    static func storedReturn(_ row: PostgresRow) throws -> StoredReturn {
        let (id, hash, request, decision, kind, batch, status, recorded) = try row.decode((String, String, String, String, String, String?, String?, Double).self)
        return StoredReturn(id: id, bodyHash: hash, request: request, decision: decision, kind: kind, batch: batch, batchStatus: status, recordedAt: recorded)
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
