import ArgumentParser
import Foundation
import ReturnsService

/// `boomerang serve`: the returns service over HTTP.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the returns API: route, record and batch returns over HTTP.",
        discussion: """
        Plans the scenario at start-up unless --plan gives a plan. Returns are recorded durably in --db: a SQLite \
        file (the default, boomerang.db) or postgres://user:password@host:port/database for several replicas \
        sharing one database. SIGHUP, or POST /v1/plan with no body, re-reads the files while serving. \
        Requests need bearer API keys (--api-keys FILE or BOOMERANG_API_KEYS; make them with `boomerang apikey`) \
        unless --no-auth is given on a loopback address. The API is described in /openapi.yaml.
        """
    )

    @Option(help: "The scenario file.") var scenario: String
    @Option(help: "A plan JSON from `boomerang plan --format json` (else the scenario is planned at start-up).") var plan: String?
    @Option(help: "A SQLite file, or postgres://user:password@host:port/database.") var db: String = "boomerang.db"
    @Option(help: "Address to listen on.") var host: String = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free one).") var port: Int = 8080
    @Flag(help: "No API keys (only on a loopback address).") var noAuth = false
    @Option(help: "API key file: lines 'NAME SCOPE sha256:HEX' (else BOOMERANG_API_KEYS).") var apiKeys: String?
    @Option(help: "Time limit for planning, in seconds.") var timeLimit: Double = 60
    @Option(help: "Seconds a request's head may take from its first byte (or the connection opening).") var headerTimeout: Double = 10
    @Option(help: "Seconds a request's body may take after its head.") var bodyTimeout: Double = 30
    @Option(help: "Seconds a kept-alive connection may wait between requests.") var idleTimeout: Double = 60
    @Option(help: "Connections served at once; more wait until one closes.") var maxConnections: Int = 1024
    @Option(help: "SQLite only: full (every acknowledged return is synced to disk) or normal (it survives the process dying, not the machine).") var sqliteSync: String = "full"

    func run() async throws {
        guard let synchronous = SQLiteStore.Synchronous(rawValue: sqliteSync) else {
            printError("error: --sqlite-sync: '\(sqliteSync)' is not full or normal")
            throw ExitCode(2)
        }
        for (name, seconds) in [("--header-timeout", headerTimeout), ("--body-timeout", bodyTimeout), ("--idle-timeout", idleTimeout)] where !(seconds.isFinite && seconds > 0 && seconds <= 86_400) {
            printError("error: \(name): '\(seconds)' is not a number of seconds from 0 to 86400")
            throw ExitCode(2)
        }
        guard maxConnections >= 1 else {
            printError("error: --max-connections: '\(maxConnections)' is not a number of connections, at least 1")
            throw ExitCode(2)
        }
        var configuration = ReturnsServer.Configuration(scenarioPath: scenario, planPath: plan, database: db)
        configuration.limits = ConnectionLimits(headerTimeout: .seconds(headerTimeout), bodyTimeout: .seconds(bodyTimeout), idleTimeout: .seconds(idleTimeout), maxConnections: maxConnections)
        configuration.host = host
        configuration.port = port
        configuration.noAuth = noAuth
        configuration.keysPath = apiKeys
        configuration.planTimeLimit = timeLimit
        configuration.sqliteSynchronous = synchronous
        do {
            try await ReturnsServer.run(configuration) { line in
                FileHandle.standardOutput.write(Data(("boomerang serve: " + line + "\n").utf8))
            }
        } catch let error as ServiceError {
            printError("error: \(error)")
            throw ExitCode(2)
        } catch let error as StoreError {
            printError("error: --db: \(error)")
            throw ExitCode(2)
        } catch {
            printError("error: the service stopped: \(error)")
            throw ExitCode(1)
        }
    }
}
