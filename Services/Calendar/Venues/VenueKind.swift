import Postgres

/// What a venue is (`calendar.venues.kind`): a party-mass service station (党群服务站), a hall, an open
/// space, or something else.
enum VenueKind: String, Codable, Sendable, CaseIterable, PostgresEncodable, PostgresDecodable {
    case serviceStation = "service-station"
    case hall
    case outdoor
    case other
}
