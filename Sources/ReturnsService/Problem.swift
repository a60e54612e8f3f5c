import Foundation
import HTTPTypes
import Hummingbird
import Routing

/// An RFC 9457 problem: what a client gets for any mistake, naming the field at fault.
public struct Problem: Error, Sendable, Equatable {
    public var status: HTTPResponse.Status
    /// A short code, the last part of the problem type `urn:boomerang:problem:CODE`.
    public var code: String
    public var title: String
    public var detail: String
    /// The request field (or header, or query parameter) at fault.
    public var field: String?
    /// Headers the response carries besides its content type (e.g. `Allow` with a 405).
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, code: String, title: String, detail: String, field: String? = nil) {
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.field = field
    }

    public static func invalidField(_ field: String, _ detail: String) -> Problem {
        Problem(.unprocessableContent, code: "invalid-field", title: "A field is not valid", detail: "\(field): \(detail)", field: field)
    }

    public static func malformed(_ detail: String) -> Problem {
        Problem(.badRequest, code: "malformed-json", title: "The body is not valid JSON", detail: detail)
    }

    public static func badQuery(_ parameter: String, _ detail: String) -> Problem {
        Problem(.badRequest, code: "invalid-query", title: "A query parameter is not valid", detail: "\(parameter): \(detail)", field: parameter)
    }

    /// The body could not be read: malformed framing, or the connection ended or timed out before it did.
    public static let incompleteBody = Problem(.badRequest, code: "incomplete-body", title: "The body could not be read", detail: "the request body is malformed (e.g. its chunked framing) or ended before it was complete; send it again")

    public static func notFound(_ what: String) -> Problem {
        Problem(.notFound, code: "not-found", title: "Not found", detail: what)
    }

    var json: String {
        var out = "{\"type\":\"urn:boomerang:problem:\(code)\",\"title\":\(JSONText.string(title)),\"status\":\(status.code),\"detail\":\(JSONText.string(detail))"
        if let field { out += ",\"field\":\(JSONText.string(field))" }
        return out + "}"
    }

    func response(extraHeaders: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        headers.append(contentsOf: self.headers)
        headers.append(contentsOf: extraHeaders)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: json)))
    }
}
