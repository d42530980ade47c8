import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Postgres

/// Turns every error into RFC 9457 problem+json: ours pass through, a domain ``Refusal`` becomes its
/// ``Refusal/problem`` (the one place domain errors meet HTTP), database errors get a clear
/// status (a unique violation is a 500 unless the service's ``DuplicateProblems`` knows it as the
/// client's duplicate), anything else is a 500 that says nothing about the inside (the full error goes to the
/// log with the request id). Request bodies are decoded with `Request.decodeBody`, which answers
/// 400/422 itself: any other `DecodingError` is a bug on our side, so a 500.
public struct ProblemMiddleware: RouterMiddleware {
    public typealias Context = LinliRequestContext

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let refusal as Refusal {
            throw refusal.problem
        } catch {
            throw Self.problem(for: error, logger: context.logger)
        }
    }

    /// The client-facing problem for an error.
    static func problem(for error: any Error, logger: Logger) -> APIError {
        switch error {
        case let error as HTTPError:
            if error.status == .contentTooLarge {
                return APIError(.contentTooLarge, code: "body-too-large", title: "The request body is too large")
            }
            if error.status.code >= 500 { logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"]) }
            return APIError(error.status, code: "http-\(error.status.code)", title: error.status.reasonPhrase, detail: error.body)
        case let error as PostgresError where error.isUniqueViolation:
            // A duplicate the client can cause was translated by the service's `DuplicateProblems`; this one is ours.
            logger.error(
                "unexpected unique violation",
                metadata: [
                    "constraint": "\(error.constraint ?? "?")", "table": "\(error.table ?? "?")",
                    "statement": "\(error.statement ?? "?")", "error": "\(String(reflecting: error))",
                ]
            )
            return APIError(.internalServerError, code: "internal", title: "Something went wrong on our side")
        case let error as PostgresError where error.isForeignKeyViolation:
            return .invalid(error.column ?? error.constraint ?? "body", "refers to something that does not exist")
        case let error as PostgresError where error.isCheckViolation:
            return .invalid(error.constraint ?? "body", "is not an allowed value")
        case let error as PostgresError where error.code == .invalidParameter:
            // Text with U+0000, which PostgreSQL cannot store: the client's input, not our failure.
            return .invalid("body", "contains a character that cannot be stored (U+0000)")
        case let error as PostgresError where error.isConnectionLost || error.code == .poolTimeout:
            logger.error("database unavailable", metadata: ["error": "\(String(reflecting: error))"])
            return APIError(.serviceUnavailable, code: "unavailable", title: "The service is briefly unavailable", detail: "try again shortly")
        case is CancellationError:
            return APIError(.serviceUnavailable, code: "unavailable", title: "The service is shutting down")
        default:
            logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            return APIError(.internalServerError, code: "internal", title: "Something went wrong on our side")
        }
    }

    /// 400 for unreadable JSON, 422 naming the field for a missing or mistyped one.
    static func decodingProblem(_ error: DecodingError) -> APIError {
        func path(_ context: DecodingError.Context, _ key: (any CodingKey)? = nil) -> String {
            let keys = context.codingPath + (key.map { [$0] } ?? [])
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : (text.isEmpty ? "body" : text)
        }
        switch error {
        case .keyNotFound(let key, let context): return .invalid(path(context, key), "is required")
        case .valueNotFound(_, let context): return .invalid(path(context), "is required")
        case .typeMismatch(let type, let context): return .invalid(path(context), "must be a \(readable(type))")
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return .invalid(path(context), "is not valid: \(context.debugDescription)")
        default: return .badRequest("the body is not valid JSON")
        }
    }

    private static func readable(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "string"
        case is Int.Type, is Int64.Type, is Int32.Type: "whole number"
        case is Double.Type: "number"
        case is Bool.Type: "boolean"
        default: "\(type)".lowercased()
        }
    }
}

/// Rejects bodies above the configured limit with 413 before any handler reads them.
public struct BodyLimitMiddleware: RouterMiddleware {
    public typealias Context = LinliRequestContext
    let limit: Int

    public init(limit: Int) { self.limit = limit }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw APIError(.contentTooLarge, code: "body-too-large", title: "The request body is too large", detail: "at most \(limit) bytes")
        }
        guard request.method == .post || request.method == .put || request.method == .patch else { return try await next(request, context) }
        var request = request
        do {
            let buffer = try await request.body.collect(upTo: limit)
            request.body = .init(buffer: buffer)
        } catch {
            throw APIError(.contentTooLarge, code: "body-too-large", title: "The request body is too large", detail: "at most \(limit) bytes")
        }
        return try await next(request, context)
    }
}
