import Hummingbird
import Postgres

/// The unique constraints of a service's schema that a client can run into with a request of its own
/// (a second compound of the same name, a resident signed up twice at the same moment), each with the
/// 409 it answers.
///
/// A unique violation of any other constraint is a fault on our side (a claim written into two seats,
/// a code drawn twice) and answers 500 with the request id, logged with the constraint and statement:
/// ``ProblemMiddleware`` never tells a client it sent a duplicate it did not send.
public struct DuplicateProblems: RouterMiddleware {
    public typealias Context = LinliRequestContext

    /// One constraint a client can violate, and what it is told.
    public struct Duplicate: Sendable {
        /// The problem's stable code, e.g. `already-registered`.
        public let code: String
        /// What the client is told, for a person.
        public let detail: String

        public init(code: String, detail: String) {
            self.code = code
            self.detail = detail
        }
    }

    let duplicates: [String: Duplicate]

    /// - Parameter duplicates: constraint (or unique index) name → the 409 it answers.
    public init(_ duplicates: [String: Duplicate]) { self.duplicates = duplicates }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as PostgresError where error.isUniqueViolation {
            guard let constraint = error.constraint, let duplicate = duplicates[constraint] else { throw error }
            throw APIError.conflict(duplicate.detail, code: duplicate.code)
        }
    }
}
