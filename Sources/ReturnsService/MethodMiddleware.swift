import HTTPTypes
import Hummingbird

/// Answers a known path asked with a method it does not take with `405` and an `Allow` header, instead of the
/// router's `404`.
struct MethodMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            guard let methods = ReturnsAPI.methods(at: request.uri.path), !methods.isEmpty else { throw error }
            let allow = methods.map(\.rawValue).joined(separator: ", ")
            var problem = Problem(.methodNotAllowed, code: "method-not-allowed", title: "Method not allowed", detail: "\(request.uri.path) takes \(allow), not \(request.method.rawValue)")
            problem.headers = [.allow: allow]
            throw problem
        }
    }
}
