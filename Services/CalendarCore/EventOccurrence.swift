import Foundation

/// One occurrence of a series as residents see it: overrides applied.
public struct EventOccurrence: Sendable, Hashable {
    /// The original start the recurrence set gave it (`RECURRENCE-ID`); the key for overrides and sign-ups.
    public let recurrenceID: LocalDateTime
    /// The local start, moved if an override moved it.
    public let start: LocalDateTime
    /// The instant it starts.
    public let startInstant: Date
    /// The instant it ends.
    public let endInstant: Date
    /// Title, location and capacity, overrides applied.
    public let details: EventDetails
    /// Cancelled when the series or this occurrence is.
    public let status: EventStatus
    /// Whether an override changed or cancelled it.
    public let isOverridden: Bool
}
