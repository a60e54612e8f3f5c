import Hummingbird
import Logging
import Prometheus

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
