import Foundation
import HTTPTypes
import Hummingbird
import Models
import NIOCore

/// An error a client may see, rendered as RFC 9457 `application/problem+json`.
///
/// It carries a stable `code` (the last part of `type`), a human `title`, an optional `detail`, and
/// for validation failures the fields that are wrong. It never carries SQL, stack traces or secrets.
public struct APIError: Error, HTTPResponseError, Sendable {
    /// One wrong field of a request.
    public struct FieldError: Codable, Sendable, Equatable {
        /// The field's path in the request, e.g. `members[2].phone` or the query parameter's name.
        public let field: String
        /// What is wrong, for a person.
        public let message: String

        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }

    public let status: HTTPResponse.Status
    /// A stable machine-readable code, e.g. `validation-failed`.
    public let code: String
    public let title: String
    public let detail: String?
    public let fields: [FieldError]
    /// Extra headers (e.g. `WWW-Authenticate`).
    public let headers: HTTPFields

    public init(
        _ status: HTTPResponse.Status,
        code: String,
        title: String,
        detail: String? = nil,
        fields: [FieldError] = [],
        headers: HTTPFields = [:]
    ) {
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.fields = fields
        self.headers = headers
    }

    /// 422: the request is well-formed but some fields are wrong.
    public static func validation(_ fields: [FieldError], detail: String? = nil) -> APIError {
        APIError(.unprocessableContent, code: "validation-failed", title: "Some fields are not valid", detail: detail, fields: fields)
    }

    /// 422 for one field.
    public static func invalid(_ field: String, _ message: String) -> APIError {
        validation([FieldError(field: field, message: message)])
    }

    /// 400: the body or a parameter cannot be read at all.
    public static func badRequest(_ detail: String, field: String? = nil) -> APIError {
        APIError(
            .badRequest,
            code: "bad-request",
            title: "The request cannot be read",
            detail: detail,
            fields: field.map { [FieldError(field: $0, message: detail)] } ?? []
        )
    }

    /// 404: no such object, or one the caller may not see (the two are not told apart).
    public static func notFound(_ what: String = "resource") -> APIError {
        APIError(.notFound, code: "not-found", title: "No such \(what)")
    }

    /// 401: no valid bearer token.
    public static func unauthenticated(_ detail: String = "a valid bearer token is required") -> APIError {
        var headers = HTTPFields()
        headers[.wwwAuthenticate] = "Bearer realm=\"linli\""
        return APIError(.unauthorized, code: "unauthenticated", title: "Authentication required", detail: detail, headers: headers)
    }

    /// 403: authenticated, but this role may not do this.
    public static func forbidden(_ detail: String) -> APIError {
        APIError(.forbidden, code: "forbidden", title: "Not allowed", detail: detail)
    }

    /// 409: the request conflicts with the current state (a duplicate, a full activity, a wrong state).
    public static func conflict(_ detail: String, code: String = "conflict") -> APIError {
        APIError(.conflict, code: code, title: "Conflict with the current state", detail: detail)
    }

    /// The problem document.
    struct Problem: Encodable {
        let type: String
        let title: String
        let status: Int
        let detail: String?
        let instance: String?
        let errors: [FieldError]?
        let requestID: String?
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let problem = Problem(
            type: "https://linli.dev/problems/\(code)",
            title: title,
            status: status.code,
            detail: detail,
            instance: request.uri.path,
            errors: fields.isEmpty ? nil : fields,
            requestID: (context as? LinliRequestContext)?.requestID ?? request.headers[.requestID]
        )
        let encoder = LinliJSON.makeEncoder()
        var headers = self.headers
        headers[.contentType] = "application/problem+json"
        let body = try encoder.encode(problem)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension HTTPField.Name {
    /// `X-Request-ID`: a client's request id, echoed back and put in every log line of the request.
    public static let requestID = HTTPField.Name("X-Request-ID")!
}
