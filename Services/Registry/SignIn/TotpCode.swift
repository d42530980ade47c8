import Foundation
import HummingbirdOTP

/// RFC 6238 time-based one-time codes for the staff password fallback: 6 digits, HMAC-SHA-1,
/// 30-second steps (what every authenticator app uses), accepted one step either side of now, and a
/// step never twice (the caller keeps the last accepted step in `staff_credentials.totp_last_step`).
enum TotpCode {
    /// The length of one step.
    static let step: TimeInterval = 30
    /// How many steps either side of now are accepted (clock drift, a code typed late).
    static let window: Int64 = 1
    /// The secret's alphabet: the secret's UTF-8 bytes are the HMAC key (hummingbird-auth's convention).
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    /// A new secret: 32 random characters of 62 (about 190 bits).
    static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<32).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// The step a moment falls in.
    static func step(at date: Date) -> Int64 { Int64((date.timeIntervalSince1970 / step).rounded(.down)) }

    /// The 6-digit code of a step, zero-padded.
    static func code(secret: String, step: Int64) -> String {
        let value = TOTP(secret: secret).compute(date: Date(timeIntervalSince1970: Double(step) * Self.step))
        let digits = String(value)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// The step whose code `code` is, within the window around `now` and after `lastStep`; `nil`
    /// when none is (wrong, stale, or already used). Every candidate is compared in constant time.
    static func accept(_ code: String, secret: String, now: Date, after lastStep: Int64?) -> Int64? {
        guard code.count == 6, code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber) else { return nil }
        let current = step(at: now)
        var matched: Int64?
        for candidate in (current - window)...(current + window) {
            let equal = OidcClaims.constantTimeEqual(Self.code(secret: secret, step: candidate), code)
            if equal, candidate > (lastStep ?? Int64.min), matched == nil { matched = candidate }
        }
        return matched
    }

    /// The `otpauth://totp/…` URI an authenticator app reads (shown once, at enrolment).
    static func uri(secret: String, label: String, issuer: String = "Linli") -> String {
        TOTP(secret: secret).createAuthenticatorURL(label: "\(issuer):\(label)", issuer: issuer)
    }
}
