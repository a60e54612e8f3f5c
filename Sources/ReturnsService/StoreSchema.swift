/// The schema both stores share, written once for both SQL dialects.
enum StoreSchema {
    enum Dialect { case sqlite, postgres }

    static func version1(dialect: Dialect) -> [String] {
        let real = dialect == .sqlite ? "REAL" : "DOUBLE PRECISION"
        let sequence = dialect == .sqlite ? "seq INTEGER PRIMARY KEY" : "seq BIGSERIAL PRIMARY KEY"
        let integer = dialect == .sqlite ? "INTEGER" : "BIGINT"
        return [
            """
            CREATE TABLE returns (
                \(sequence),
                id TEXT NOT NULL UNIQUE,
                idempotency_key TEXT,
                body_hash TEXT NOT NULL,
                request TEXT NOT NULL,
                decision TEXT NOT NULL,
                kind TEXT NOT NULL,
                reason TEXT NOT NULL,
                zone TEXT NOT NULL,
                country TEXT NOT NULL,
                category TEXT NOT NULL,
                item_condition TEXT NOT NULL,
                weight_kg \(real) NOT NULL,
                value \(real) NOT NULL,
                requested_day \(integer) NOT NULL,
                delivered_day \(integer) NOT NULL,
                lane TEXT,
                batch_id TEXT,
                recorded_at \(real) NOT NULL
            )
            """,
            // Only returns sent with an Idempotency-Key header have one (else the parcel id is the key).
            "CREATE UNIQUE INDEX returns_idempotency_key ON returns (idempotency_key) WHERE idempotency_key IS NOT NULL",
            "CREATE INDEX returns_batch ON returns (batch_id)",
            "CREATE INDEX returns_requested ON returns (requested_day)",
            """
            CREATE TABLE batches (
                id TEXT PRIMARY KEY,
                lane TEXT NOT NULL,
                from_node TEXT NOT NULL,
                to_node TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('open', 'closed', 'dispatched')),
                parcels \(integer) NOT NULL,
                weight_kg \(real) NOT NULL,
                value \(real) NOT NULL,
                capacity_kg \(real),
                capacity_parcels \(integer),
                opened_at \(real) NOT NULL,
                cutoff_at \(real) NOT NULL,
                closed_at \(real),
                close_reason TEXT,
                dispatched_at \(real),
                manifest TEXT,
                CHECK (capacity_kg IS NULL OR weight_kg <= capacity_kg + 1e-6),
                CHECK (capacity_parcels IS NULL OR parcels <= capacity_parcels)
            )
            """,
            "CREATE INDEX batches_lane ON batches (lane, status)",
            "CREATE UNIQUE INDEX batches_one_open_per_lane ON batches (lane) WHERE status = 'open'",
            """
            CREATE TABLE lane_state (
                lane TEXT PRIMARY KEY,
                next_sequence \(integer) NOT NULL,
                open_batch TEXT
            )
            """,
        ]
    }
}
