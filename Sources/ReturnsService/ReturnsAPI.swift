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
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: ProblemMiddleware(registry: registry, logger: service.logger))
        router.add(middleware: AuthMiddleware(keys: keys))
        let service = self.service
        let returnLimit = maximumReturnBody, planLimit = maximumPlanBody

        router.get("/health") { _, _ in
            json("{\"status\":\"ok\",\"plan\":\(service.planSummary())}")
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
            let csv = wantsCSV(request)
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
    }
}

func checkJSONContentType(_ request: Request) throws {
    guard let type = request.headers[.contentType], type != "application/json" else { return }
    let media = type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    guard media == "application/json" || media.hasSuffix("+json") else {
        throw Problem(.unsupportedMediaType, code: "unsupported-media-type", title: "The body must be JSON", detail: "Content-Type '\(type)' is not application/json", field: "Content-Type")
    }
}

func wantsCSV(_ request: Request) -> Bool {
    if request.uri.queryParameters.get("format") == "csv" { return true }
    return request.headers[.accept]?.lowercased().contains("text/csv") ?? false
}

extension HTTPField.Name {
    static let idempotencyKey = Self("Idempotency-Key")!
    static let idempotentReplayed = Self("Idempotent-Replayed")!
}

/// Turns every error into an RFC 9457 problem (a client's mistake is never a 500), and counts and times
/// every request for `/metrics`.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let metrics: RequestMetrics
    let logger: Logger

    init(registry: PrometheusCollectorRegistry, logger: Logger) {
        metrics = RequestMetrics(registry: registry)
        self.logger = logger
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch let problem as Problem {
            response = problem.response(extraHeaders: problem.status == .unauthorized ? [.wwwAuthenticate: "Bearer realm=\"boomerang\""] : [:])
        } catch let error as HTTPError {
            let code = error.status == .notFound ? "not-found" : error.status == .methodNotAllowed ? "method-not-allowed" : "http-\(error.status.code)"
            let detail = error.status == .notFound ? "no resource at \(request.uri.path)" : (error.body ?? error.status.reasonPhrase)
            response = Problem(error.status, code: code, title: error.status.reasonPhrase, detail: detail).response()
        } catch {
            logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            response = Problem(.internalServerError, code: "internal", title: "The service failed", detail: "the request was not completed; it can be retried").response()
        }
        metrics.record(method: request.method.rawValue, route: context.endpointPath ?? "unmatched", status: response.status.code, duration: ContinuousClock.now - start)
        return response
    }
}

/// Request counters and latency histograms, made once per method, route and status and then reused.
final class RequestMetrics: @unchecked Sendable {
    let registry: PrometheusCollectorRegistry
    private let lock = NSLock()
    private var counters: [String: Counter] = [:]
    private var histograms: [String: DurationHistogram] = [:]
    static let buckets: [Duration] = [.microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1), .seconds(5)]
    nonisolated(unsafe) static let requests = MetricNameDescriptor(namespace: "boomerang", metricName: "http_requests", unitName: "total", helpText: "HTTP requests by method, route and status")
    nonisolated(unsafe) static let latency = MetricNameDescriptor(namespace: "boomerang", metricName: "http_request_duration", unitName: "seconds", helpText: "HTTP request latency by route")

    init(registry: PrometheusCollectorRegistry) { self.registry = registry }

    func record(method: String, route: String, status: Int, duration: Duration) {
        let key = "\(method) \(status) \(route)"
        lock.lock()
        let counter = counters[key] ?? {
            let made = registry.makeCounter(descriptor: Self.requests, labels: [("method", method), ("route", route), ("status", String(status))])
            counters[key] = made
            return made
        }()
        let histogram = histograms[route] ?? {
            let made = registry.makeDurationHistogram(descriptor: Self.latency, labels: [("route", route)], buckets: Self.buckets)
            histograms[route] = made
            return made
        }()
        lock.unlock()
        counter.increment()
        histogram.record(duration)
    }
}

/// Bearer keys: GETs need a `read` key, everything else a `write` key; `/health` and `/openapi.yaml` are open.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let keys: APIKeys?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let keys, request.uri.path != "/health", request.uri.path != "/openapi.yaml" else { return try await next(request, context) }
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw Problem(.unauthorized, code: "unauthorized", title: "An API key is required", detail: "send Authorization: Bearer KEY", field: "Authorization")
        }
        guard let identity = keys.identify(token: String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)) else {
            throw Problem(.unauthorized, code: "unauthorized", title: "The API key is not valid", detail: "no configured key has this hash", field: "Authorization")
        }
        let needed: APIKeys.Scope = request.method == .get || request.method == .head ? .read : .write
        guard identity.scope.allows(needed) else {
            throw Problem(.forbidden, code: "forbidden", title: "This key may not do that", detail: "key '\(identity.name)' is \(identity.scope.rawValue)-only; \(request.method.rawValue) \(request.uri.path) needs a \(needed.rawValue) key", field: "Authorization")
        }
        return try await next(request, context)
    }
}
