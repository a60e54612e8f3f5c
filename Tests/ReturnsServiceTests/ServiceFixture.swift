import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Planning
import PostgresNIO
import ReturnsNetwork
import ReturnsService
import Routing
import Testing

/// A network small enough to check by hand, like the planner's break-even network, with a UK-bound truck
/// that batches the returns of one German zone.
///
/// Zone Z (DE) returns 150 parcels a week of apparel worth £100; H is a German hub; O the UK origin. The
/// plan opens H and sends everything Z→H (parcel) then H→O by truck (consolidated, 100 parcels or 80 kg a
/// dispatch): two dispatches a week, so a batch's cut-off is 3.5 days after it opens. The truck's planned
/// cost is about £7.6 a kg, so light parcels (under about 1.6 kg) take it and heavy ones go direct. The UK
/// gives returned-goods relief for 365 days after export; apparel pays 12 % duty otherwise. Damaged apparel
/// is liquidated at O (40 % of its value).
enum ServiceNetwork {
    static let yaml = """
        name: service-test
        merchant: {country: GB}
        currency: GBP
        exchangeRates: {EUR: 0.85}
        policy: {windowDays: 30}
        categories:
          - {id: apparel, recovery: {restock: 0.5, liquidate: 0.4}}
          - {id: shoes, recovery: {restock: 0.5}}
        customs:
          - {id: GB, brokeragePerEntry: 5, duty: {apparel: 0.12, shoes: 0.08}, returnedGoodsRelief: true, reliefWindowDays: 365}
          - {id: EU, countries: [EU], brokeragePerEntry: 5, duty: {apparel: 0.12, shoes: 0.08}}
        postcodes:
          - {country: DE, prefix: "10", zone: Z}
        nodes:
          - {id: Z, kind: zone, country: DE, lat: 52.52, lon: 13.40}
          - {id: H, kind: hub, country: DE, lat: 51.34, lon: 12.37, handling: 1, fixedCost: 200}
          - {id: O, kind: origin, country: GB, lat: 52.48, lon: -1.89, dispositions: [restock, liquidate]}
        lanes:
          - {id: direct, from: Z, to: O, mode: parcel, perParcel: 10, transitDays: 4}
          - {id: to-hub, from: Z, to: H, mode: parcel, perParcel: 2, transitDays: 1}
          - {id: truck, from: H, to: O, mode: consolidated, perDispatch: 300, capacityParcels: 100, capacityKg: 80, transitDays: 2}
        demand:
          - {zone: Z, category: apparel, parcels: 150, meanWeightKg: 0.5, meanValue: 100, resellableShare: 1}
          - {zone: Z, category: shoes, parcels: 10, meanWeightKg: 0.5, meanValue: 100, resellableShare: 1}
        """

    static func scenario() throws -> Scenario {
        try ScenarioLoader.parse(yaml, file: "service-test.yaml")
    }

    static let model: ServiceModel = {
        let scenario = try! Self.scenario()
        let plan = try! Planner.plan(scenario)
        return try! ServiceModel(scenario: scenario, plan: plan, source: "test")
    }()

    static let start = 1_795_000_000.0 // 2026-11-18T11:06:40Z

    /// A parcel body as `generate parcels` writes it.
    static func parcel(_ id: String, weight: Double = 0.5, value: Double = 100, currency: String = "GBP", condition: String = "new", category: String = "apparel", requested: String = "2026-11-18", delivered: String = "2026-11-10", extra: String = "") -> String {
        "{\"id\":\"\(id)\",\"zone\":\"Z\",\"category\":\"\(category)\",\"weightKg\":\(weight),\"value\":\(value),\"currency\":\"\(currency)\",\"condition\":\"\(condition)\",\"deliveredOn\":\"\(delivered)\",\"requestedOn\":\"\(requested)\",\"freeReturns\":true\(extra)}"
    }
}

/// A clock the tests move.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Double

    init(_ start: Double) { value = start }

    var now: Double {
        lock.lock(); defer { lock.unlock() }
        return value
    }

    func advance(days: Double) {
        lock.lock(); value += days * 86_400; lock.unlock()
    }
}

enum Keys {
    static let write = "bk_write_test_key"
    static let read = "bk_read_test_key"
    static let file = """
        # test keys
        portal write \(APIKeys.hash(write))
        analyst read \(APIKeys.hash(read))
        """
    static var all: APIKeys { try! APIKeys.parse(file, source: "keys") }
}

/// Which store a test runs on.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres
    var testDescription: String { rawValue }

    static var postgresURL: String? { ProcessInfo.processInfo.environment["BOOMERANG_TEST_POSTGRES"] }

    /// The kinds to run: PostgreSQL only when BOOMERANG_TEST_POSTGRES is set.
    static var available: [StoreKind] {
        if postgresURL == nil {
            FileHandle.standardError.write(Data("note: PostgreSQL tests skipped: set BOOMERANG_TEST_POSTGRES=postgres://user:password@127.0.0.1:5432/postgres (Scripts/start-postgres.sh prints one)\n".utf8))
            return [.sqlite]
        }
        return [.sqlite, .postgres]
    }
}

enum TestDatabase {
    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("boomerang-service-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// A new empty database: a SQLite file, or a new PostgreSQL database made through the admin URL.
    static func make(_ kind: StoreKind) async throws -> String {
        switch kind {
        case .sqlite:
            return try temporaryDirectory().appendingPathComponent("returns.db").path
        case .postgres:
            let admin = try #require(StoreKind.postgresURL)
            let name = "boomerang_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            guard let url = URL(string: admin), let host = url.host else { throw StoreError.badURL(admin) }
            let configuration = PostgresClient.Configuration(host: host, port: url.port ?? 5432, username: url.user ?? "postgres", password: url.password, database: String(url.path.dropFirst()), tls: .disable)
            let client = PostgresClient(configuration: configuration, backgroundLogger: Logger(label: "test"))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await client.run() }
                _ = try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: Logger(label: "test"))
                group.cancelAll()
            }
            var components = URLComponents(string: admin)!
            components.path = "/\(name)"
            return components.string!
        }
    }

    static func store(_ kind: StoreKind) async throws -> any ReturnsStore {
        let store = try ReturnsServer.openStore(try await make(kind))
        try await store.migrate()
        return store
    }
}

/// A service on a fresh store with a manual clock and the test keys.
struct ServiceHarness {
    let service: ReturnsService
    let api: ReturnsAPI
    let clock: ManualClock

    static func make(_ kind: StoreKind = .sqlite, keys: APIKeys? = Keys.all, logger: Logger = Logger(label: "boomerang.service")) async throws -> ServiceHarness {
        let store = try await TestDatabase.store(kind)
        let clock = ManualClock(ServiceNetwork.start)
        let service = ReturnsService(model: ServiceNetwork.model, store: store, concurrentGroups: kind == .postgres ? 4 : 1, clock: { clock.now }, reload: { ServiceNetwork.model }, logger: logger)
        return ServiceHarness(service: service, api: ReturnsAPI(service: service, keys: keys), clock: clock)
    }

    /// Closes the store's connections: the tests run in parallel, each on its own database.
    func close() async {
        await service.store.shutdown()
    }

    func application() -> some ApplicationProtocol {
        Application(router: api.router())
    }
}

/// A response read into text and JSON.
struct Reply {
    var status: Int
    var headers: HTTPFields
    var text: String
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
}

extension TestClientProtocol {
    @discardableResult
    func send(_ method: HTTPRequest.Method, _ uri: String, body: String? = nil, key: String? = Keys.write, headers: HTTPFields = [:], validate: Bool = true) async throws -> Reply {
        var fields = headers
        if let key { fields[.authorization] = "Bearer \(key)" }
        if body != nil, fields[.contentType] == nil { fields[.contentType] = "application/json" }
        let reply = try await execute(uri: uri, method: method, headers: fields, body: body.map { ByteBuffer(string: $0) }) { response in
            Reply(status: Int(response.status.code), headers: response.headers, text: response.body.getString(at: response.body.readerIndex, length: response.body.readableBytes) ?? "")
        }
        if validate { OpenAPICheck.expectValid(method: method, uri: uri, reply: reply) }
        return reply
    }
}

/// Checks responses against the committed OpenAPI document.
enum OpenAPICheck {
    static let validator: OpenAPIValidator = try! OpenAPIValidator(yaml: ReturnsAPI.openAPIDocument)

    static func expectValid(method: HTTPRequest.Method, uri: String, reply: Reply, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let path = String(uri.split(separator: "?", maxSplits: 1).first ?? "")
        guard let template = validator.template(for: path) else {
            if reply.status != 404 { Issue.record("\(path) is not in the OpenAPI document", sourceLocation: sourceLocation) }
            return
        }
        let type = reply.headers[.contentType]?.split(separator: ";").first.map(String.init) ?? ""
        let body: Any = type.hasSuffix("json") ? (reply.json ?? NSNull()) : reply.text
        let problems = validator.validate(path: template, method: method.rawValue.lowercased(), status: reply.status, contentType: type, body: body)
        #expect(problems.isEmpty, "\(method.rawValue) \(uri) → \(reply.status): \(problems.joined(separator: "; "))", sourceLocation: sourceLocation)
    }
}

/// The batching invariants, read back from a store.
enum Invariants {
    static func check(_ store: any ReturnsStore, sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
        let batches = try await store.batches(BatchFilter(limit: 100_000))
        var openPerLane: [String: Int] = [:]
        var seen = Set<String>()
        for batch in batches {
            let parcels = try await store.parcels(inBatch: batch.id)
            #expect(parcels.count == batch.parcels, "batch \(batch.id) counts \(batch.parcels) but holds \(parcels.count)", sourceLocation: sourceLocation)
            if let capacity = batch.capacityParcels { #expect(batch.parcels <= capacity, "batch \(batch.id) over its parcel capacity", sourceLocation: sourceLocation) }
            if let capacity = batch.capacityKg { #expect(batch.weightKg <= capacity + 1e-6, "batch \(batch.id) over its kg capacity", sourceLocation: sourceLocation) }
            if batch.status == .open { openPerLane[batch.lane, default: 0] += 1 }
            for parcel in parcels {
                #expect(seen.insert(parcel.id).inserted, "parcel \(parcel.id) in two batches", sourceLocation: sourceLocation)
                #expect(parcel.batch == batch.id, sourceLocation: sourceLocation)
            }
        }
        for (lane, count) in openPerLane { #expect(count <= 1, "lane \(lane) has \(count) open batches", sourceLocation: sourceLocation) }
    }
}
