import Crypto
import Foundation
import Logging
import Planning
import ReturnsNetwork
import Routing

/// The returns service without HTTP: decides, records and batches returns, and answers about them.
/// `ReturnsAPI` puts it on HTTP; tests and other programs can call it in-process.
public final class ReturnsService: Sendable {
    let models: Swappable<ServiceModel>
    public let store: any ReturnsStore
    let committer: GroupCommitter
    /// Seconds since 1970; tests set it to move time past cut-offs.
    let clock: @Sendable () -> Double
    let reloadSource: (@Sendable () async throws -> ServiceModel)?
    let logger: Logger

    /// - Parameters:
    ///   - reload: how `POST /v1/plan` with no body and SIGHUP rebuild the model (re-reading the files).
    ///   - concurrentGroups: group commits in flight at once (1 for SQLite; more for PostgreSQL).
    public init(model: ServiceModel, store: any ReturnsStore, concurrentGroups: Int = 1, clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }, reload: (@Sendable () async throws -> ServiceModel)? = nil, logger: Logger = Logger(label: "boomerang.service")) {
        models = Swappable(model)
        self.store = store
        self.clock = clock
        reloadSource = reload
        self.logger = logger
        committer = GroupCommitter(store: store, clock: clock, concurrentGroups: concurrentGroups)
    }

    public var model: ServiceModel { models.current }

    /// Reports every group commit: how many returns it recorded and how long the store took.
    public func observeGroupCommits(_ observe: @escaping @Sendable (Int, Duration) -> Void) {
        committer.observe = observe
    }

    // MARK: Returns

    /// What `POST /v1/returns` answers: whether it was recorded now, and the resource.
    public struct Submission: Sendable {
        public var created: Bool
        public var stored: StoredReturn
        public var json: String
    }

    /// Decides and records one return from its JSON body. Throws `Problem` for every client mistake.
    public func submit(body: Data, idempotencyKey: String?) async throws -> Submission {
        let request = try Self.decode(body)
        if let key = idempotencyKey {
            guard !key.isEmpty, key.utf8.count <= 200, !key.contains(where: { $0.isNewline }) else { throw Problem.invalidField("Idempotency-Key", "must be 1 to 200 characters on one line") }
        }
        let model = self.model
        let table = model.router.table
        let parcel: Parcel
        do {
            parcel = try table.resolve(request)
        } catch {
            throw Problem.invalidField(error.field, Self.message(error))
        }
        if parcel.zone < 0 {
            if let zone = request.zone { throw Problem.invalidField("zone", "'\(zone)' is not a zone of the network") }
            throw Problem.invalidField("postcode", "no zone of the network matches \(request.country ?? "") \(request.postcode ?? "")")
        }
        if parcel.category < 0 { throw Problem.invalidField("category", "'\(request.category)' is not a category of the scenario") }
        guard request.weightKg <= Self.largestWeightKg else { throw Problem.invalidField("weightKg", "\(request.weightKg) kg is more than a parcel can weigh (at most \(Int(Self.largestWeightKg)) kg)") }
        guard parcel.value.isFinite, parcel.value <= Self.largestValue else { throw Problem.invalidField("value", "\(request.value) \(request.currency) is more than a returned parcel can be worth") }
        let decision = model.follower.decide(parcel)
        let record = model.router.describe(decision, parcel: parcel, request: request)
        let requestJSON = request.canonicalJSON()
        let decisionJSON = record.json()
        let hash = hexString(SHA256.hash(data: Array(requestJSON.utf8)))
        let zone = record.zone ?? request.zone ?? ""
        let graph = table.graph
        let entry = NewReturn(
            id: request.id, key: idempotencyKey ?? request.id, bodyHash: hash, request: requestJSON, decision: decisionJSON,
            kind: record.decision, reason: record.reason, zone: zone,
            country: graph.nodeIndex[zone].map { graph.nodes[$0].country } ?? request.country ?? "",
            category: request.category, condition: request.condition.rawValue, weightKg: request.weightKg, value: parcel.value,
            requestedDay: parcel.requestedDay, deliveredDay: parcel.deliveredDay,
            batchLane: decision.kind == .route ? model.batchLane(candidate: decision.candidate) : nil
        )
        switch try await committer.submit(entry) {
        case let .created(stored): return Submission(created: true, stored: stored, json: Self.resource(stored))
        case let .replayed(stored): return Submission(created: false, stored: stored, json: Self.resource(stored))
        case let .conflict(existing):
            if existing.id != request.id {
                throw Problem(.conflict, code: "idempotency-conflict", title: "The idempotency key was used for another parcel", detail: "Idempotency-Key '\(entry.key)' recorded parcel '\(existing.id)'", field: "Idempotency-Key")
            }
            throw Problem(.conflict, code: "id-conflict", title: "This parcel id was recorded with another body", detail: "parcel '\(request.id)' is recorded with different details; send the same body to replay it, or use a new id", field: "id")
        }
    }

    /// Bounds that keep batch totals finite: a return is not heavier than a truck or worth more than this.
    static let largestWeightKg = 100_000.0
    static let largestValue = 1e12

    static func message(_ error: RouteTable.ParcelError) -> String {
        switch error {
        case let .invalidField(_, message): message
        }
    }

    static func decode(_ body: Data) throws -> ParcelRequest {
        let request: ParcelRequest
        if let fast = body.withUnsafeBytes(ParcelJSON.parse) {
            request = fast
        } else {
            request = try decodeReportingFields(body)
        }
        guard !request.id.isEmpty, request.id.utf8.count <= 200, !request.id.contains(where: { $0.isNewline || $0 == "\u{0}" }) else {
            throw Problem.invalidField("id", "must be 1 to 200 characters on one line")
        }
        try refuseControlCharacters(request.id, field: "id")
        if let order = request.orderId { try refuseControlCharacters(order, field: "orderId") }
        guard !request.category.isEmpty else { throw Problem.invalidField("category", "must not be empty") }
        return request
    }

    /// Ids end up in manifests, spreadsheets and logs: control characters (C0, DEL, C1) and the bidi
    /// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) would hide or reorder what a
    /// broker reads there.
    static func refuseControlCharacters(_ text: String, field: String) throws {
        guard let bad = text.unicodeScalars.first(where: { scalar in
            scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
        }) else { return }
        throw Problem.invalidField(field, "holds the control character U+\(String(bad.value, radix: 16, uppercase: true).leftPadded(4)); send printable text")
    }

    /// `JSONDecoder`, its errors turned into problems naming the field.
    static func decodeReportingFields(_ body: Data) throws -> ParcelRequest {
        // Only here: the fast reader already refuses a parcel field given twice.
        let repeated: String?
        do {
            repeated = try DuplicateKeys.first(in: body)
        } catch {
            let top = error.topLevelKey
            throw Problem(.badRequest, code: "malformed-json", title: "The body is not valid JSON", detail: "\(top.map { "\($0): " } ?? "")arrays and objects are nested more than \(DuplicateKeys.deepestNesting) deep; a parcel is one flat object", field: top)
        }
        if let key = repeated {
            throw Problem(.badRequest, code: "duplicate-key", title: "A key is given twice", detail: "\(key): is given twice in one object; give it once", field: key)
        }
        do {
            return try JSONDecoder().decode(ParcelRequest.self, from: body)
        } catch let DecodingError.keyNotFound(key, context) {
            let field = (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
            throw Problem.invalidField(field, "is required")
        } catch let DecodingError.typeMismatch(type, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            if field.isEmpty { throw Problem.malformed("the body must be a JSON object (a parcel)") }
            throw Problem.invalidField(field, "must be \(Self.typeName(type))")
        } catch let DecodingError.valueNotFound(type, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            if field.isEmpty { throw Problem.malformed("the body must be a JSON object (a parcel), not null") }
            throw Problem.invalidField(field, "must be \(Self.typeName(type)), not null")
        } catch let DecodingError.dataCorrupted(context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            if field.isEmpty { throw Problem.malformed(body.isEmpty ? "the body is empty; send a parcel as JSON" : "the body is not valid JSON") }
            if field == "condition" { throw Problem.invalidField(field, "must be new, opened or damaged") }
            throw Problem.invalidField(field, "is not a valid value")
        } catch {
            throw Problem.malformed("the body is not a parcel: \(error)")
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type, is String?.Type: "a string"
        case is Double.Type, is Int.Type: "a number"
        case is Bool.Type: "true or false"
        default: "a value of its kind (see the OpenAPI document)"
        }
    }

    public func fetchReturn(id: String) async throws -> String {
        guard let stored = try await store.fetchReturn(id: id) else { throw Problem.notFound("no return with id '\(id)'") }
        return Self.resource(stored)
    }

    /// `{"id", "status", "batch", "recordedAt", "decision"}` with the decision as recorded.
    static func resource(_ stored: StoredReturn) -> String {
        var w = JSONWriter(capacity: stored.decision.utf8.count + 160)
        w.beginObject()
        w.field("id", stored.id)
        w.field("status", stored.status.rawValue)
        w.field("batch", stored.batch)
        w.field("recordedAt", JSONText.timestamp(stored.recordedAt))
        w.key("decision")
        w.raw(stored.decision)
        w.endObject()
        return w.text
    }

    // MARK: Batches

    public func batches(_ filter: BatchFilter) async throws -> String {
        _ = try await store.closeExpiredBatches(now: clock())
        let batches = try await store.batches(filter)
        return "{\"batches\":[" + batches.map(Self.batchJSON).joined(separator: ",") + "]}"
    }

    public func batch(id: String) async throws -> String {
        _ = try await store.closeExpiredBatches(now: clock())
        guard let batch = try await store.batch(id: id) else { throw Problem.notFound("no batch with id '\(id)'") }
        let parcels = try await store.parcels(inBatch: id)
        var json = Self.batchJSON(batch)
        json.removeLast()
        return json + ",\"returns\":[" + parcels.map { JSONText.string($0.id) }.joined(separator: ",") + "]}"
    }

    public func dispatch(batch id: String) async throws -> String {
        let model = self.model
        let now = clock()
        let outcome = try await store.dispatch(batch: id, now: now) { batch, parcels in
            try Manifest(batch: batch, parcels: parcels, model: model, now: now).json()
        }
        switch outcome {
        case .notFound: throw Problem.notFound("no batch with id '\(id)'")
        case let .dispatched(batch, manifest), let .alreadyDispatched(batch, manifest):
            return "{\"batch\":\(Self.batchJSON(batch)),\"manifest\":\(manifest)}"
        }
    }

    /// The manifest: frozen as dispatched, else as it stands now.
    public func manifest(batch id: String, csv: Bool) async throws -> String {
        guard let batch = try await store.batch(id: id) else { throw Problem.notFound("no batch with id '\(id)'") }
        let manifest: Manifest
        if batch.status == .dispatched, let frozen = try await store.frozenManifest(batch: id) {
            manifest = try JSONDecoder().decode(Manifest.self, from: Data(frozen.utf8))
        } else {
            manifest = try Manifest(batch: batch, parcels: try await store.parcels(inBatch: id), model: model, now: clock())
        }
        return csv ? manifest.csv() : try manifest.json()
    }

    static func batchJSON(_ batch: BatchRecord) -> String {
        func number(_ value: Double?) -> String { value.map { BulkRouter.fixed($0) } ?? "null" }
        return "{\"id\":\(JSONText.string(batch.id)),\"lane\":\(JSONText.string(batch.lane)),\"from\":\(JSONText.string(batch.from)),\"to\":\(JSONText.string(batch.to)),\"status\":\"\(batch.status.rawValue)\",\"parcels\":\(batch.parcels),\"weightKg\":\(number(batch.weightKg)),\"value\":\(number(batch.value)),\"capacityKg\":\(number(batch.capacityKg)),\"capacityParcels\":\(batch.capacityParcels.map(String.init) ?? "null"),\"openedAt\":\"\(JSONText.timestamp(batch.openedAt))\",\"cutoffAt\":\"\(JSONText.timestamp(batch.cutoffAt))\",\"closedAt\":\(JSONText.optional(batch.closedAt.map(JSONText.timestamp))),\"closeReason\":\(JSONText.optional(batch.closeReason)),\"dispatchedAt\":\(JSONText.optional(batch.dispatchedAt.map(JSONText.timestamp)))}"
    }

    // MARK: Demand and metrics

    static func day(_ text: String?, parameter: String) throws -> Int32? {
        guard let text else { return nil }
        guard let day = CivilDate.day(text) else { throw Problem.badQuery(parameter, "'\(text)' is not a date YYYY-MM-DD") }
        return day
    }

    public static func window(from: String?, to: String?) throws -> (Int32?, Int32?) {
        let low = try day(from, parameter: "from"), high = try day(to, parameter: "to")
        if let low, let high, high < low { throw Problem.badQuery("to", "is before from") }
        return (low, high)
    }

    public func demand(from: String?, to: String?) async throws -> String {
        let (low, high) = try Self.window(from: from, to: to)
        let model = self.model
        let rows = DemandTable.rows(try await store.returns(requestedFrom: low, to: high), from: low, to: high, periodDays: model.scenario.settings.periodDays)
        return DemandTable.csv(rows, currency: model.scenario.currency)
    }

    public func returnMetrics(from: String?, to: String?) async throws -> String {
        let (low, high) = try Self.window(from: from, to: to)
        let metrics = ReturnMetrics(try await store.returns(requestedFrom: low, to: high), from: low, to: high, currency: model.scenario.currency)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(metrics), as: UTF8.self)
    }

    // MARK: Plans

    /// Swaps in a new model; requests in flight finish on the old one.
    public func install(_ model: ServiceModel) {
        models.replace(model)
        logger.info("plan loaded", metadata: ["source": "\(model.source)", "netCost": "\(model.plan.netCost)"])
    }

    /// Re-reads the scenario (and plan) files, or installs a posted plan for the current scenario.
    public func reload(planJSON: Data?) async throws -> String {
        let model: ServiceModel
        if let planJSON, !planJSON.isEmpty {
            let plan: Plan
            do {
                plan = try JSONDecoder().decode(Plan.self, from: planJSON)
            } catch {
                throw Problem.invalidField("plan", "the body is not a plan JSON from `boomerang plan --format json`")
            }
            do {
                model = try ServiceModel(scenario: self.model.scenario, plan: plan, source: "POST /v1/plan")
            } catch {
                throw Problem.invalidField("plan", "\(error)")
            }
        } else {
            guard let reloadSource else { throw Problem(.conflict, code: "no-reload", title: "Nothing to reload", detail: "this service was not started from files") }
            do {
                model = try await reloadSource()
            } catch {
                throw Problem(.serviceUnavailable, code: "reload-failed", title: "The files could not be loaded; the previous plan stays in service", detail: "\(error)")
            }
        }
        install(model)
        return planSummary(model)
    }

    public func planSummary(_ model: ServiceModel? = nil) -> String {
        let model = model ?? self.model
        let open = model.plan.hubs.filter(\.open).map { JSONText.string($0.id) }.joined(separator: ",")
        return "{\"scenario\":\(JSONText.string(model.plan.scenario)),\"source\":\(JSONText.string(model.source)),\"loadedAt\":\"\(JSONText.timestamp(model.loadedAt.timeIntervalSince1970))\",\"status\":\(JSONText.string(model.plan.solve.status.rawValue)),\"netCost\":\(BulkRouter.fixed(model.plan.netCost)),\"currency\":\(JSONText.string(model.plan.currency)),\"openHubs\":[\(open)],\"batchLanes\":\(model.batchLanes.count)}"
    }

    public func closeExpiredBatches() async throws -> Int {
        try await store.closeExpiredBatches(now: clock())
    }
}

extension String {
    /// Padded with leading zeros to `width` characters.
    fileprivate func leftPadded(_ width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
