/// Something that happened in one service that others may react to, published through the queue.
///
/// An event has a topic (`activity.published`) and a schema version; subscribers decode every
/// version they ever received. Its id is deterministic — `{type}:{aggregate}:{version}` — so an
/// event published twice, or delivered twice, is recognised and has no second effect.
///
/// Conventions of every event in `Events/`: a `Date` is an instant, written as ISO 8601 in UTC with
/// fractional seconds (``LinliJSON``); an id is the id of the service that owns the thing (residents,
/// households and compounds are the registry's); `revision` counts the changes of its aggregate, and
/// a projection keeps the highest it has seen. Each type's comment names who publishes and consumes it.
public protocol DomainEvent: JobPayload {
    /// The topic subscribers subscribe to, e.g. `activity.published`.
    static var topic: String { get }
    /// The deterministic id, e.g. `activity.published:act-42:3`.
    var eventID: String { get }
}

extension DomainEvent {
    /// An event travels as a job whose kind is its topic.
    public static var kind: String { topic }
}
