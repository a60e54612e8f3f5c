import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Prometheus

/// The HTTP API of the returns service (Hummingbird 2): routes, auth, problems and metrics.
public struct ReturnsAPI: Sendable {
    public let service: ReturnsService
    /// nil: no authentication (only allowed on loopback; `ReturnsServer` checks).
    public let keys: APIKeys?
    public let registry: PrometheusCollectorRegistry
    /// Largest body `POST /v1/returns` takes.
    public var maximumReturnBody = 16 * 1024
    /// Largest plan `POST /v1/plan` takes.
    public var maximumPlanBody = 64 * 1024 * 1024

    public init(service: ReturnsService, keys: APIKeys?, registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.service = service
        self.keys = keys
        self.registry = registry
        let sizes = registry.makeValueHistogram(descriptor: .init(namespace: "boomerang", metricName: "group_commit", unitName: "returns", helpText: "Returns recorded per group commit"), buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024])
        let durations = registry.makeDurationHistogram(descriptor: .init(namespace: "boomerang", metricName: "group_commit", unitName: "seconds", helpText: "Time to write and sync one group commit"), buckets: [.microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(4), .milliseconds(8), .milliseconds(16), .milliseconds(32), .milliseconds(64), .milliseconds(250)])
        service.observeGroupCommits { count, duration in
            sizes.record(Double(count))
            durations.record(duration)
        }
    }

    /// The OpenAPI 3.1 document of this API.
    public static let openAPIDocument: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"), let text = try? String(contentsOf: url, encoding: .utf8) else { return "" }
        return text
    }()

    public func router() -> Router<BasicRequestContext> {
        // HEAD wherever GET: the GET answer's status and headers, no body.
        let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: ProblemMiddleware(registry: registry, logger: service.logger))
        router.add(middleware: MethodMiddleware())
        router.add(middleware: AuthMiddleware(keys: keys))
        let service = self.service
        let returnLimit = maximumReturnBody, planLimit = maximumPlanBody

        router.get("/health") { [keys] request, _ in
            // Open to all, but the plan in service only for a key holder.
            guard keys == nil || AuthMiddleware.identity(request, keys: keys) != nil else { return json("{\"status\":\"ok\"}") }
            return json("{\"status\":\"ok\",\"plan\":\(service.planSummary())}")
        }
        router.get("/openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml"], body: .init(byteBuffer: ByteBuffer(string: Self.openAPIDocument)))
        }
        router.get("/metrics") { [registry] _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
        router.post("/v1/returns") { request, context in
            try checkJSONContentType(request)
            let body = try await collect(request, limit: returnLimit)
            let submission = try await service.submit(body: body, idempotencyKey: request.headers[.idempotencyKey])
            var allowed = CharacterSet.urlPathAllowed
            allowed.remove(charactersIn: "/?%")
            let location = "/v1/returns/" + (submission.stored.id.addingPercentEncoding(withAllowedCharacters: allowed) ?? submission.stored.id)
            var headers: HTTPFields = [.contentType: "application/json", .location: location]
            if !submission.created { headers[.idempotentReplayed] = "true" }
            return Response(status: submission.created ? .created : .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: submission.json)))
        }
        router.get("/v1/returns/:id") { _, context in
            json(try await service.fetchReturn(id: try pathID(context)))
        }
        router.get("/v1/batches") { request, _ in
            let query = request.uri.queryParameters
            var filter = BatchFilter(hub: query.get("hub"), lane: query.get("lane"))
            if let status = query.get("status") {
                guard let parsed = BatchStatus(rawValue: status) else { throw Problem.badQuery("status", "'\(status)' is not open, closed or dispatched") }
                filter.status = parsed
            }
            if let limit = query.get("limit") {
                guard let parsed = Int(limit), (1...10_000).contains(parsed) else { throw Problem.badQuery("limit", "'\(limit)' is not a number from 1 to 10000") }
                filter.limit = parsed
            }
            return json(try await service.batches(filter))
        }
        router.get("/v1/batches/:id") { _, context in
            json(try await service.batch(id: try pathID(context)))
        }
        router.post("/v1/batches/:id/dispatch") { _, context in
            json(try await service.dispatch(batch: try pathID(context)))
        }
        router.get("/v1/batches/:id/manifest") { request, context in
            let csv = try wantsCSV(request)
            let text = try await service.manifest(batch: try pathID(context), csv: csv)
            return Response(status: .ok, headers: [.contentType: csv ? "text/csv; charset=utf-8" : "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        router.get("/v1/demand") { request, _ in
            let query = request.uri.queryParameters
            let text = try await service.demand(from: query.get("from"), to: query.get("to"))
            return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        router.get("/v1/metrics/returns") { request, _ in
            let query = request.uri.queryParameters
            return json(try await service.returnMetrics(from: query.get("from"), to: query.get("to")))
        }
        router.get("/v1/plan") { _, _ in
            json(service.planSummary())
        }
        router.post("/v1/plan") { request, _ in
            let body = try await collect(request, limit: planLimit)
            return json(try await service.reload(planJSON: body))
        }
        return router
    }

    /// Every path of the API and the methods it takes (HEAD is answered wherever GET is), as in the OpenAPI
    /// document; a test keeps the two the same.
    static let endpoints: [(path: String, methods: [HTTPRequest.Method])] = [
        ("/health", [.get]), ("/openapi.yaml", [.get]), ("/metrics", [.get]),
        ("/v1/returns", [.post]), ("/v1/returns/{id}", [.get]),
        ("/v1/batches", [.get]), ("/v1/batches/{id}", [.get]), ("/v1/batches/{id}/dispatch", [.post]), ("/v1/batches/{id}/manifest", [.get]),
        ("/v1/demand", [.get]), ("/v1/metrics/returns", [.get]), ("/v1/plan", [.get, .post]),
    ]

    /// The methods a concrete path takes (HEAD with GET), or nil when it is no path of the API.
    public static func methods(at path: String) -> [HTTPRequest.Method]? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for (template, methods) in endpoints {
            let pattern = template.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
            guard pattern.count == parts.count, zip(pattern, parts).allSatisfy({ $0 == "{id}" ? !$1.isEmpty : $0 == $1 }) else { continue }
            return methods.contains(.get) ? methods + [.head] : methods
        }
        return nil
    }
}

/// The `{id}` path parameter, percent-decoded (batch ids hold lane ids, which may hold `>` or `*`).
func pathID(_ context: BasicRequestContext) throws -> String {
    let raw = try context.parameters.require("id")
    return raw.removingPercentEncoding ?? raw
}

func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
}

func collect(_ request: Request, limit: Int) async throws -> Data {
    do {
        let buffer = try await request.body.collect(upTo: limit)
        return Data(buffer.readableBytesView)
    } catch let error as HTTPError where error.status == .contentTooLarge {
        throw Problem(.contentTooLarge, code: "body-too-large", title: "The body is too large", detail: "bodies are limited to \(limit) bytes here (\(error.status.code))")
    } catch is NIOTooManyBytesError {
        throw Problem(.contentTooLarge, code: "body-too-large", title: "The body is too large", detail: "bodies are limited to \(limit) bytes here")
    } catch {
        // Reading the body fails only on the client's side of the connection: a malformed chunked body, an
        // upload cut off, a body past its timeout. Its problem, not the service's.
        throw Problem.incompleteBody
    }
}

func checkJSONContentType(_ request: Request) throws {
    guard let type = request.headers[.contentType], type != "application/json" else { return }
    let media = type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    guard media == "application/json" || media.hasSuffix("+json") else {
        throw Problem(.unsupportedMediaType, code: "unsupported-media-type", title: "The body must be JSON", detail: "Content-Type '\(type)' is not application/json", field: "Content-Type")
    }
}

/// `?format=csv` or `json`, else the `Accept` header; any other `format` is refused.
func wantsCSV(_ request: Request) throws -> Bool {
    if let format = request.uri.queryParameters.get("format") {
        switch format {
        case "csv": return true
        case "json": return false
        default: throw Problem.badQuery("format", "'\(format)' is not one of csv, json")
        }
    }
    return request.headers[.accept]?.lowercased().contains("text/csv") ?? false
}

extension HTTPField.Name {
    static let idempotencyKey = Self("Idempotency-Key")!
    static let idempotentReplayed = Self("Idempotent-Replayed")!
    static let allow = Self("Allow")!
}
