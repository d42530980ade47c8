import Foundation

/// The payload of one kind of job: a `Codable` value with a stable name and a schema version.
///
/// Job kinds that cross services are defined here, in Models, so producer and consumer share one
/// definition. A consumer that meets an older version decodes it with ``decode(version:from:)``.
public protocol JobPayload: Codable, Sendable {
    /// The kind's stable name, e.g. `notifications.deliver`. Never rename a kind in use.
    static var kind: String { get }
    /// The payload's schema version; raise it when the encoding changes incompatibly.
    static var version: Int { get }
    /// Decodes a payload written with `version` (by default: the current shape must still decode it).
    static func decode(version: Int, from json: [UInt8]) throws -> Self
}

extension JobPayload {
    /// Version 1, until a payload declares another.
    public static var version: Int { 1 }

    /// Decodes with ``LinliJSON``, whatever the version: the current shape must read every version still in the queue.
    public static func decode(version: Int, from json: [UInt8]) throws -> Self {
        try LinliJSON.makeDecoder().decode(Self.self, from: LinliJSON.data(json))
    }
}
