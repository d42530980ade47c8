import Foundation

/// What an event is: the text a resident reads and the places that need it.
public struct EventDetails: Sendable, Hashable {
    /// SUMMARY: the title, e.g. "幸福邻里节：包饺子".
    public var title: String
    /// LOCATION: where it happens, e.g. the service station's name and address.
    public var location: String?
    /// DESCRIPTION, before the feed appends the link.
    public var notes: String?
    /// URL: the activity's page, where residents sign up.
    public var url: URL?
    /// How many residents can sign up, or `nil` for no limit; not part of the iCalendar feed.
    public var capacity: Int?

    /// Creates event details.
    public init(title: String, location: String? = nil, notes: String? = nil, url: URL? = nil, capacity: Int? = nil) {
        self.title = title
        self.location = location
        self.notes = notes
        self.url = url
        self.capacity = capacity
    }
}

/// Whether an event or one of its occurrences takes place (`STATUS` in iCalendar).
public enum EventStatus: String, Sendable, Hashable {
    /// It takes place.
    case confirmed = "CONFIRMED"
    /// It was called off; it stays in feeds so phones that already show it learn of the cancellation.
    case cancelled = "CANCELLED"
}
