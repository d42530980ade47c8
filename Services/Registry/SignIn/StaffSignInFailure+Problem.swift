import Foundation
import HTTPTypes
import Hummingbird
import ServiceKit

/// The problem+json of each ``StaffSignInFailure``: never a 5xx, never a detail of the provider's.
/// A provider that cannot be reached is 424 (the sign-in depends on it; the registry is fine) with
/// `Retry-After`; a lock is 429 with `Retry-After`.
extension StaffSignInFailure: HTTPResponseError {
    var status: HTTPResponse.Status {
        switch self {
        case .notConfigured: .notFound
        case .stateUnknown: .badRequest
        case .providerUnavailable: HTTPResponse.Status(code: 424, reasonPhrase: "Failed Dependency")
        case .codeRefused, .idTokenInvalid, .accountDisabled, .badCredentials: .unauthorized
        case .noPost: .forbidden
        case .postsMixed: .conflict
        case .locked: .tooManyRequests
        }
    }

    /// The problem document.
    var problem: APIError {
        var headers = HTTPFields()
        switch self {
        case .locked(let until): headers[.retryAfter] = String(max(1, Int(until.timeIntervalSinceNow.rounded(.up))))
        case .providerUnavailable: headers[.retryAfter] = "30"
        case .badCredentials, .codeRefused, .idTokenInvalid, .accountDisabled: headers[.wwwAuthenticate] = "Bearer realm=\"linli\""
        default: break
        }
        return APIError(status, code: code, title: title, detail: detail, headers: headers)
    }

    private var title: String {
        switch self {
        case .notConfigured: "Single sign-on is not configured"
        case .stateUnknown: "The sign-in expired or was already used"
        case .providerUnavailable: "The sign-in provider is unavailable"
        case .codeRefused, .idTokenInvalid, .badCredentials: "Sign-in refused"
        case .noPost, .postsMixed: "Not allowed to sign in"
        case .accountDisabled: "Account disabled"
        case .locked: "Too many failed sign-ins"
        }
    }

    /// What the person reads (Chinese).
    var detail: String {
        switch self {
        case .notConfigured: StaffSignInStrings.notConfigured
        case .stateUnknown: StaffSignInStrings.stateUnknown
        case .providerUnavailable: StaffSignInStrings.providerUnavailable
        case .codeRefused: StaffSignInStrings.codeRefused
        case .idTokenInvalid: StaffSignInStrings.idTokenInvalid
        case .noPost: StaffSignInStrings.noPost
        case .postsMixed: StaffSignInStrings.postsMixed
        case .accountDisabled: StaffSignInStrings.accountDisabled
        case .badCredentials: StaffSignInStrings.badCredentials
        case .locked: StaffSignInStrings.locked
        }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        try problem.response(from: request, context: context)
    }
}
