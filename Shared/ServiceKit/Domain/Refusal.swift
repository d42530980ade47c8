/// Why the domain refuses to do what it was asked: thrown by desks (use cases) and stores, which
/// know nothing of HTTP. ``ProblemMiddleware`` is the one place that turns a refusal into
/// problem+json (`notFound` 404, `forbidden` 403, `conflict` 409, `invalid` 422), so a desk can be
/// called from a route, a job or a test alike.
public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of refusal this is.
    public enum Kind: Sendable, Equatable {
        /// No such object, or one the caller may not see (the two are not told apart).
        case notFound
        /// The caller may not do this to this object.
        case forbidden
        /// The object's current state does not allow it (a wrong state, a clash, a closed window).
        case conflict
        /// Some fields of the request are wrong.
        case invalid
    }

    /// One wrong field: its path in the request (`members[2].phone`, a parameter's name) and what is wrong.
    public typealias Field = APIError.FieldError

    public let kind: Kind
    /// A stable machine-readable code (`room-clash`, `registration-closed`); `nil` takes the kind's default.
    public let code: String?
    /// What the caller should know; for `notFound`, what was not found.
    public let detail: String
    /// For `invalid`: the wrong fields.
    public let fields: [Field]

    public init(_ kind: Kind, code: String? = nil, detail: String, fields: [Field] = []) {
        self.kind = kind
        self.code = code
        self.detail = detail
        self.fields = fields
    }

    /// No such `what` (a resource name: `activity`, `resident`), or one the caller may not see.
    public static func notFound(_ what: String) -> Refusal { Refusal(.notFound, detail: what) }

    /// The caller may not do this.
    public static func forbidden(_ detail: String) -> Refusal { Refusal(.forbidden, detail: detail) }

    /// The current state does not allow it; `code` names the rule (`room-clash`).
    public static func conflict(_ detail: String, code: String = "conflict") -> Refusal { Refusal(.conflict, code: code, detail: detail) }

    /// One field is wrong.
    public static func invalid(_ field: String, _ message: String) -> Refusal { invalid([Field(field: field, message: message)]) }

    /// Some fields are wrong.
    public static func invalid(_ fields: [Field], detail: String = "") -> Refusal { Refusal(.invalid, detail: detail, fields: fields) }

    public var description: String {
        "refused (\(kind)\(code.map { ", \($0)" } ?? "")): \(detail)\(fields.map { " [\($0.field): \($0.message)]" }.joined())"
    }
}

extension Refusal {
    /// The problem a client sees: the same documents ``APIError``'s shorthands make.
    public var problem: APIError {
        switch kind {
        case .notFound: .notFound(detail)
        case .forbidden: .forbidden(detail)
        case .conflict: .conflict(detail, code: code ?? "conflict")
        case .invalid: .validation(fields, detail: detail.isEmpty ? nil : detail)
        }
    }
}
