import Foundation
import Postgres
import ServiceKit

/// A stored photo of a concern, without its bytes.
struct ConcernPhotoRecord: Decodable, Sendable, Equatable {
    var position: Int
    var mime: String
    var size: Int
    var width: Int
    var height: Int
}

/// The concern photos' SQL (`concerns.concern_photos`).
enum ConcernPhotoStore {
    /// Stores a new concern's photos, numbered 1, 2, 3 in order, with their SHA-256 computed by the database.
    static func insert(_ photos: [PhotoImage], concern id: Int, on tx: isolated PostgresConnection) throws {
        for (index, photo) in photos.enumerated() {
            try tx.execute(
                """
                INSERT INTO concerns.concern_photos (concern_id, position, mime, size, width, height, sha256, bytes)
                VALUES (\(id), \(index + 1), \(photo.kind.rawValue), \(photo.bytes.count), \(photo.width), \(photo.height),
                        sha256(\(photo.bytes)), \(photo.bytes))
                """
            )
        }
    }

    /// A concern's photos in order.
    static func list(of id: Int, on connection: isolated PostgresConnection) throws -> [ConcernPhotoRecord] {
        try connection.query(
            "SELECT position::int8, mime, size::int8, width::int8, height::int8 FROM concerns.concern_photos WHERE concern_id = \(id) ORDER BY position"
        ).decode(ConcernPhotoRecord.self)
    }

    /// One photo's type and bytes.
    static func photo(of id: Int, position: Int, on connection: isolated PostgresConnection) throws -> (mime: String, bytes: Data)? {
        guard
            let row = try connection.query(
                "SELECT mime, bytes FROM concerns.concern_photos WHERE concern_id = \(id) AND position = \(position)"
            ).first
        else { return nil }
        return (try row.decode(0), try row.decode(1))
    }
}
