import Foundation
import HTTPTypes
import ServiceKit

/// A sign-in desk's failure as the sign-in page shows it: a Chinese sentence on the form, the status
/// the page is answered with, and `Retry-After` for a flood or a lock. Failures it does not know are
/// thrown on (ServiceKit's `BrowserErrorMiddleware` renders them as the generic error page).
struct PagesFailure: Sendable {
    let message: String
    let status: HTTPResponse.Status
    var retryAfter: Int?

    /// The failure for `error`, or `nil` when it is not a sign-in failure.
    static func from(_ error: any Error) -> PagesFailure? {
        typealias Words = WebStrings.SignIn
        switch error {
        case let failure as SessionFailure:
            switch failure {
            case .codeRejected: return .init(message: Words.wrongCode, status: .unauthorized)
            case .tooManyRequests(let seconds): return waiting(Words.tooManyCodes, seconds)
            case .phoneLocked(let seconds): return waiting(Words.locked, seconds)
            case .accountDisabled: return .init(message: Words.disabled, status: .forbidden)
            case .noPost: return .init(message: Words.noPost, status: .forbidden)
            case .notPlaced: return .init(message: Words.notRegisteredHint, status: .forbidden)
            case .refreshRejected: return .init(message: WebStrings.Errors.signInExpired, status: .unauthorized)
            }
        case let failure as StaffSignInFailure:
            switch failure {
            case .badCredentials: return .init(message: Words.wrongPassword, status: .unauthorized)
            case .locked(let until): return waiting(Words.locked, Int(until.timeIntervalSinceNow.rounded(.up)))
            case .noPost, .postsMixed: return .init(message: Words.noPost, status: .forbidden)
            case .accountDisabled: return .init(message: Words.disabled, status: .forbidden)
            case .notConfigured, .stateUnknown, .providerUnavailable, .codeRefused, .idTokenInvalid:
                return .init(message: Words.ssoFailed, status: .badRequest)
            }
        case let refusal as Refusal:
            let problem = refusal.problem
            if problem.fields.contains(where: { $0.field == "phone" }) { return .init(message: Words.badPhone, status: problem.status) }
            if problem.fields.contains(where: { $0.field == "code" }) { return .init(message: Words.badCode, status: problem.status) }
            return nil
        default:
            return nil
        }
    }

    private static func waiting(_ message: String, _ seconds: Int) -> PagesFailure {
        let wait = max(1, seconds)
        return .init(message: message + "，" + WebStrings.Errors.retryAfter(seconds: wait), status: .tooManyRequests, retryAfter: wait)
    }
}
