import Foundation
import Hummingbird

/// A secret key in a subscribable feed URL: phones cannot send bearer tokens, so the URL itself is the credential.
struct FeedKey: Codable, Sendable, Equatable {
    var kind: FeedKind
    var subjectID: Int
    var key: String

    /// 24 characters of `a-z0-9` from the system's secure generator (about 124 bits).
    static func random() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<24).map { _ in alphabet.randomElement(using: &generator)! })
    }
}

/// The body of `POST /v1/feeds`.
struct FeedRequest: Decodable, Sendable {
    /// The kind as sent: read as text so an unknown one is refused with the feeds' own message.
    var kindText: String
    var id: Int
    /// Revoke the current URL and issue a new one.
    var rotate: Bool?

    private enum CodingKeys: String, CodingKey {
        case kindText = "kind"
        case id, rotate
    }

    /// The kind, if it is one.
    var kind: FeedKind? { FeedKind(rawValue: kindText) }
}

/// A feed's subscribable URL.
struct FeedLink: Encodable, Sendable, ResponseEncodable {
    var kind: FeedKind
    var id: Int
    var url: String
}
