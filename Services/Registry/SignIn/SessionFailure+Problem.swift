import Foundation
import HTTPTypes
import Hummingbird
import ServiceKit

/// The problem+json of each ``SessionFailure``: 401 for rejected codes, refresh tokens and disabled
/// accounts, 403 for an account that may not sign in, 429 with `Retry-After` for floods and locks.
extension SessionFailure {
    /// Runs a desk call, answering a ``SessionFailure`` as its problem (``problem``).
    static func answering<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let failure as SessionFailure {
            throw failure.problem
        }
    }

    var status: HTTPResponse.Status {
        switch self {
        case .codeRejected, .refreshRejected, .accountDisabled: .unauthorized
        case .noPost, .notPlaced: .forbidden
        case .tooManyRequests, .phoneLocked: .tooManyRequests
        }
    }

    var headers: HTTPFields {
        var fields = HTTPFields()
        switch self {
        case .tooManyRequests(let seconds), .phoneLocked(let seconds): fields[.retryAfter] = String(max(1, seconds))
        case .codeRejected, .refreshRejected, .accountDisabled: fields[.wwwAuthenticate] = "Bearer realm=\"linli\""
        default: break
        }
        return fields
    }

    var problem: APIError {
        let field: APIError.FieldError? =
            switch self {
            case .codeRejected: .init(field: "code", message: SignInStrings.codeRejected)
            case .refreshRejected: .init(field: "refreshToken", message: SignInStrings.refreshRejected)
            default: nil
            }
        return APIError(status, code: code, title: title, detail: detail, fields: field.map { [$0] } ?? [], headers: headers)
    }

    private var title: String {
        switch self {
        case .codeRejected, .refreshRejected: "Sign-in refused"
        case .tooManyRequests, .phoneLocked: "Too many requests"
        case .accountDisabled: "Account disabled"
        case .noPost, .notPlaced: "Not allowed to sign in"
        }
    }

    private var detail: String {
        switch self {
        case .codeRejected: SignInStrings.codeRejected
        case .tooManyRequests: SignInStrings.tooManyRequests
        case .phoneLocked: SignInStrings.phoneLocked
        case .refreshRejected: SignInStrings.refreshRejected
        case .accountDisabled: SignInStrings.accountDisabled
        case .noPost: SignInStrings.noPost
        case .notPlaced: SignInStrings.notPlaced
        }
    }
}
