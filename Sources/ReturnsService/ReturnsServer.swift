import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import Prometheus

/// `boomerang serve`: opens the store, loads the model, and serves the API until SIGTERM or SIGINT.
/// SIGHUP re-reads the scenario and plan files while requests keep being answered.
public struct ReturnsServer {
    public struct Configuration: Sendable {
        public var scenarioPath: String
        public var planPath: String?
        /// A SQLite file path, or `postgres://user:password@host:port/database`.
        public var database: String
        public var host: String = "127.0.0.1"
        public var port: Int = 8080
        public var noAuth = false
        /// A key file (`NAME SCOPE sha256:HEX` lines); else `BOOMERANG_API_KEYS`.
        public var keysPath: String?
        public var planTimeLimit: Double = 60
        /// SQLite only: `full` syncs every group commit to disk; `normal` leaves it to the OS (safe when the
        /// process dies, not when the machine does).
        public var sqliteSynchronous: SQLiteStore.Synchronous = .full
        /// How often open batches are checked against their cut-off.
        public var sweepSeconds: Double = 5
        /// Header, body and idle timeouts and the connection cap.
        public var limits = ConnectionLimits()

        public init(scenarioPath: String, planPath: String? = nil, database: String = "boomerang.db") {
            self.scenarioPath = scenarioPath
            self.planPath = planPath
            self.database = database
        }
    }

    public static func openStore(_ database: String, synchronous: SQLiteStore.Synchronous = .full) throws -> any ReturnsStore {
        if database.hasPrefix("postgres://") || database.hasPrefix("postgresql://") {
            return try PostgresStore(url: database)
        }
        return try SQLiteStore(path: database, synchronous: synchronous)
    }

    static func isLoopback(_ host: String) -> Bool {
        ["127.0.0.1", "::1", "localhost"].contains(host) || host.hasPrefix("127.")
    }

    public static func keys(_ configuration: Configuration) throws -> APIKeys? {
        if configuration.noAuth {
            guard isLoopback(configuration.host) else {
                throw ServiceError.configuration("--no-auth is only allowed on a loopback address, not \(configuration.host)")
            }
            return nil
        }
        if let path = configuration.keysPath {
            let text: String
            do { text = try String(contentsOfFile: path, encoding: .utf8) } catch { throw ServiceError.configuration("\(path): error: cannot read the key file (\(error.localizedDescription))") }
            return try APIKeys.parse(text, source: path)
        }
        if let text = ProcessInfo.processInfo.environment["BOOMERANG_API_KEYS"] {
            return try APIKeys.parse(text, source: "BOOMERANG_API_KEYS")
        }
        throw ServiceError.configuration("no API keys: give --api-keys FILE or set BOOMERANG_API_KEYS (make one with `boomerang apikey`), or --no-auth on loopback")
    }

    /// The HTTP/1.1 server of an API, with the connection limits: what `run` serves, and what tests serve on port 0.
    public static func application(_ api: ReturnsAPI, host: String, port: Int, limits: ConnectionLimits, logger: Logger, onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(
            router: api.router(),
            server: .http1(configuration: .init(additionalChannelHandlers: [ConnectionDeadlines(limits: limits)])),
            configuration: .init(address: .hostname(host, port: port), serverName: "boomerang", availableConnectionsDelegate: MaximumAvailableConnections(limits.maxConnections, logger: logger)),
            onServerRunning: onServerRunning,
            logger: logger
        )
    }

    /// Runs until a shutdown signal. `onListening` gets the bound port (useful with port 0).
    public static func run(_ configuration: Configuration, log: @escaping @Sendable (String) -> Void) async throws {
        var logger = Logger(label: "boomerang.serve")
        logger.logLevel = .warning
        let keys = try keys(configuration)
        let store = try openStore(configuration.database, synchronous: configuration.sqliteSynchronous)
        try await store.migrate()
        log("loading \(configuration.scenarioPath)\(configuration.planPath.map { " and \($0)" } ?? " and planning it")…")
        let load: @Sendable () async throws -> ServiceModel = {
            try await ServiceModel.load(scenarioPath: configuration.scenarioPath, planPath: configuration.planPath, timeLimit: configuration.planTimeLimit)
        }
        let model = try await load()
        let isPostgres = store is PostgresStore
        let service = ReturnsService(model: model, store: store, concurrentGroups: isPostgres ? 2 : 1, reload: load, logger: logger)
        let api = ReturnsAPI(service: service, keys: keys)
        let app = application(api, host: configuration.host, port: configuration.port, limits: configuration.limits, logger: logger) { channel in
            let port = channel.localAddress?.port ?? configuration.port
            log("listening on http://\(configuration.host):\(port) (\(isPostgres ? "PostgreSQL" : "SQLite \(configuration.database), synchronous \(configuration.sqliteSynchronous.rawValue)"), plan: \(model.source), \(keys == nil ? "no auth" : "\(keys!.count) API keys"))")
        }
        signal(SIGHUP, SIG_IGN)
        let hangup = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        hangup.setEventHandler {
            Task {
                do {
                    _ = try await service.reload(planJSON: nil)
                    log("SIGHUP: reloaded \(service.model.source)")
                } catch {
                    log("SIGHUP: reload failed, the previous plan stays in service: \(error)")
                }
            }
        }
        hangup.resume()
        let sweep = configuration.sweepSeconds
        let sweeper = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(sweep))
                _ = try? await service.closeExpiredBatches()
            }
        }
        defer {
            sweeper.cancel()
            hangup.cancel()
        }
        try await app.runService()
        await store.shutdown()
    }
}
