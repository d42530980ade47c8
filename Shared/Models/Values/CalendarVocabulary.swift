/// Where a resident's sign-up for an occurrence stands. The raw value is the text on the wire (the
/// calendar's responses, `registration.created`) and in `calendar.registrations.status`.
public enum RegistrationStatus: String, Codable, Hashable, Sendable, CaseIterable {
    /// The registration holds a seat, or the occurrence has no limit (`confirmed`).
    case confirmed
    /// The registration waits, in sign-up order, for a seat to be freed (`waitlisted`).
    case waitlisted
    /// The registration was cancelled and stays on record; its seat went to the waitlist (`cancelled`).
    case cancelled
}
