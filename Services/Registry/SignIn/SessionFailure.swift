import Foundation

/// Why a phone sign-in, a refresh or a session check failed. Desks throw it; `SessionFailure+Problem`
/// alone turns it into problem+json. No case carries a code, a token or a full phone, and none tells
/// whether a phone is registered.
enum SessionFailure: Error, Sendable, Equatable {
    /// The code is wrong, expired or already used (field `code`).
    case codeRejected
    /// Too many code requests (per phone or per address): try again after this many seconds.
    case tooManyRequests(retryAfter: Int)
    /// Five wrong codes: the phone is locked for this many seconds more.
    case phoneLocked(retryAfter: Int)
    /// The refresh token is unknown, expired, used or revoked (field `refreshToken`).
    case refreshRejected
    /// The account is disabled (or locked): no sign-in, no refresh.
    case accountDisabled
    /// A staff account without a post (or with posts of mixed roles) cannot sign in.
    case noPost
    /// A resident's account whose resident lives in no household cannot sign in.
    case notPlaced

    /// The stable code of the problem (`https://linli.dev/problems/{code}`) and of the audit row.
    var code: String {
        switch self {
        case .codeRejected: "sign-in-code-rejected"
        case .tooManyRequests: "too-many-requests"
        case .phoneLocked: "phone-locked"
        case .refreshRejected: "refresh-rejected"
        case .accountDisabled: "account-disabled"
        case .noPost: "no-post"
        case .notPlaced: "not-placed"
        }
    }
}
