import Crypto
import Foundation
import Hummingbird

/// The body of `POST /v1/auth/phone/code`.
struct PhoneCodeRequest: Codable, Sendable {
    var phone: String
}

/// The one answer to a code request (202), the same whether or not the phone is registered.
struct PhoneCodeAccepted: Codable, Sendable, ResponseEncodable {
    var message = SignInStrings.codeRequested
}

/// The body of `POST /v1/auth/phone/verify`.
struct PhoneVerification: Codable, Sendable {
    var phone: String
    var code: String
}

/// Sign-in codes: six digits from `SystemRandomNumberGenerator`, kept only as SHA-256 over
/// (code id, code), compared in constant time.
enum PhoneCode {
    /// How long a code is accepted.
    static let lifetime: TimeInterval = 5 * 60

    /// Six random digits.
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = Int.random(in: 0...999_999, using: &generator)
        let digits = String(value)
        return String(repeating: "0", count: 6 - digits.count) + digits
    }

    /// Whether a text is six ASCII digits.
    static func isWellFormed(_ code: String) -> Bool { code.utf8.count == 6 && code.utf8.allSatisfy { (48...57).contains($0) } }

    /// The stored form of a code.
    static func hash(codeID: Int, code: String) -> Data { Data(SHA256.hash(data: Data("\(codeID):\(code)".utf8))) }

    /// Compares two hashes in constant time.
    static func same(_ left: Data, _ right: Data) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(left, right) { difference |= a ^ b }
        return difference == 0
    }
}
