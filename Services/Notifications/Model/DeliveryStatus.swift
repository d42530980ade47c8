import Postgres

/// Where a delivery stands: `pending` until sent, `failed` after an attempt that will be retried,
/// then `sent` or `given-up` for good. The raw values are the `notify.deliveries.status` column's.
enum DeliveryStatus: String, Codable, Sendable, CaseIterable, PostgresEncodable, PostgresDecodable {
    case pending
    case sent
    case failed
    case givenUp = "given-up"

    /// Whether the delivery has ended (it is never attempted again).
    var isFinal: Bool { self == .sent || self == .givenUp }
}

/// What a webhook endpoint receives: one call per message (`system`), or the SMS of residents who opted in (`sms`).
enum WebhookPurpose: String, Codable, Sendable, CaseIterable, PostgresEncodable, PostgresDecodable {
    case system
    case sms
}

extension Channel: PostgresEncodable, PostgresDecodable {}
