import Foundation
import Models

/// A job ready to be inserted: its kind, encoded payload and options.
public struct NewJob: Sendable {
    public let kind: String
    public let version: Int
    /// UTF-8 JSON.
    public let payload: [UInt8]
    public let options: JobOptions
    /// Set for events: the id that makes redelivery recognisable.
    public let eventID: String?

    /// Encodes a typed payload with the shared JSON conventions.
    public init<Payload: JobPayload>(_ payload: Payload, options: JobOptions) throws {
        self.kind = Payload.kind
        self.version = Payload.version
        self.payload = try LinliJSON.encode(payload)
        self.options = options
        self.eventID = nil
    }

    /// A job from parts already encoded (used for events and by tests).
    public init(kind: String, version: Int, payload: [UInt8], options: JobOptions, eventID: String? = nil) {
        self.kind = kind
        self.version = version
        self.payload = payload
        self.options = options
        self.eventID = eventID
    }
}

/// A job the database accepted: where it went and when it is due (for the doorbell).
public struct EnqueuedJob: Sendable, Equatable {
    /// The job's id.
    public let id: Int
    /// Its queue.
    public let queue: String
    /// When it becomes due.
    public let runAt: Date
}
