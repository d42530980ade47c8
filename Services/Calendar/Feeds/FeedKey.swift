import Foundation
import Hummingbird
import Postgres

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

    /// The active key for a subject, made on first request; `rotate` revokes the old one and makes another.
    static func issue(kind: FeedKind, subjectID: Int, rotate: Bool, by subject: String, on tx: isolated PostgresConnection) throws -> FeedKey {
        if rotate {
            try tx.execute(
                "UPDATE calendar.feed_keys SET revoked_at = now() WHERE kind = \(kind) AND subject_id = \(subjectID) AND revoked_at IS NULL"
            )
        }
        try tx.execute(
            """
            INSERT INTO calendar.feed_keys (key, kind, subject_id, created_by) VALUES (\(random()), \(kind), \(subjectID), \(subject))
            ON CONFLICT (kind, subject_id) WHERE revoked_at IS NULL DO NOTHING
            """
        )
        return try tx.query(
            "SELECT kind, subject_id, key FROM calendar.feed_keys WHERE kind = \(kind) AND subject_id = \(subjectID) AND revoked_at IS NULL"
        ).decode(FeedKey.self)[0]
    }

    /// The subject of an active key.
    static func find(_ key: String, on tx: isolated PostgresConnection) throws -> FeedKey? {
        try tx.query("SELECT kind, subject_id, key FROM calendar.feed_keys WHERE key = \(key) AND revoked_at IS NULL").decode(FeedKey.self).first
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
