import Foundation
import Hummingbird

/// Bearer keys: GETs need a `read` key, everything else a `write` key; `/health` and `/openapi.yaml` are open.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let keys: APIKeys?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let keys, request.uri.path != "/health", request.uri.path != "/openapi.yaml" else { return try await next(request, context) }
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw Problem(.unauthorized, code: "unauthorized", title: "An API key is required", detail: "send Authorization: Bearer KEY", field: "Authorization")
        }
        guard let identity = Self.identity(request, keys: keys) else {
            throw Problem(.unauthorized, code: "unauthorized", title: "The API key is not valid", detail: "no configured key has this hash", field: "Authorization")
        }
        let needed: APIKeys.Scope = request.method == .get || request.method == .head ? .read : .write
        guard identity.scope.allows(needed) else {
            throw Problem(.forbidden, code: "forbidden", title: "This key may not do that", detail: "key '\(identity.name)' is \(identity.scope.rawValue)-only; \(request.method.rawValue) \(request.uri.path) needs a \(needed.rawValue) key", field: "Authorization")
        }
        return try await next(request, context)
    }

    /// The key a request's `Authorization: Bearer KEY` names, if it is a configured one.
    static func identity(_ request: Request, keys: APIKeys?) -> APIKeys.Identity? {
        guard let keys, let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else { return nil }
        return keys.identify(token: String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces))
    }
}
