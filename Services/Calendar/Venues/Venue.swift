import Foundation
import Hummingbird
import ServiceKit

/// When a venue is open on one day of the week.
struct OpeningHours: Codable, Sendable, Equatable {
    /// 1 (Monday) to 7 (Sunday).
    var weekday: Int
    /// `HH:MM`.
    var opens: String
    /// `HH:MM`, after `opens`.
    var closes: String

    /// Minutes since midnight of `HH:MM`, or `nil`.
    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
            (0...24).contains(hour), (0...59).contains(minute), hour * 60 + minute <= 1_440
        else { return nil }
        return hour * 60 + minute
    }
}

/// A room of a venue, booked by at most one activity at a time.
struct Room: Codable, Sendable, Equatable, ResponseEncodable {
    var id: Int
    var venueID: Int
    var name: String
    var capacity: Int?
}

/// A place activities happen: a party-mass service station (党群服务站), a hall, an open space.
struct Venue: Codable, Sendable, Equatable, ResponseEncodable {
    var id: Int
    var compoundID: Int
    var areaPath: [Int]
    var kind: VenueKind
    var name: String
    var address: String?
    var capacity: Int?
    /// Empty means always open.
    var openingHours: [OpeningHours]
    var rooms: [Room]

    static let columns = """
        v.id, v.compound_id, v.area_path, v.kind, v.name, v.address, v.capacity, v.opening_hours,
        coalesce((SELECT json_agg(json_build_object('id', r.id, 'venueID', r.venue_id, 'name', r.name, 'capacity', r.capacity)
                  ORDER BY r.id) FROM calendar.rooms r WHERE r.venue_id = v.id), '[]') AS rooms
        """
}

/// The body of `POST /v1/venues`.
struct NewVenue: Decodable, Sendable {
    var compoundID: Int
    /// The kind as sent: read as text so an unknown one is refused by `problems()` with its own message.
    var kindText: String
    var name: String
    var address: String?
    var capacity: Int?
    var openingHours: [OpeningHours]?

    private enum CodingKeys: String, CodingKey {
        case compoundID
        case kindText = "kind"
        case name, address, capacity, openingHours
    }

    /// The kind, if it is one.
    var kind: VenueKind? { VenueKind(rawValue: kindText) }

    func problems() -> [Refusal.Field] {
        var problems: [Refusal.Field] = []
        if kind == nil {
            problems.append(.init(field: "kind", message: "must be one of \(VenueKind.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.count > 100 { problems.append(.init(field: "name", message: "must be 1–100 characters")) }
        if (address?.count ?? 0) > 200 { problems.append(.init(field: "address", message: "must be at most 200 characters")) }
        if let capacity, !(1...100_000).contains(capacity) { problems.append(.init(field: "capacity", message: "must be from 1 to 100,000")) }
        for (index, hours) in (openingHours ?? []).enumerated() {
            let field = "openingHours[\(index)]"
            if !(1...7).contains(hours.weekday) { problems.append(.init(field: "\(field).weekday", message: "must be 1 (Monday) to 7 (Sunday)")) }
            guard let opens = OpeningHours.minutes(hours.opens), let closes = OpeningHours.minutes(hours.closes), opens < closes else {
                problems.append(.init(field: field, message: "opens and closes are HH:MM, opening before closing"))
                continue
            }
        }
        return problems
    }
}

/// The body of `POST /v1/venues/{id}/rooms`.
struct NewRoom: Decodable, Sendable {
    var name: String
    var capacity: Int?

    func problems() -> [Refusal.Field] {
        var problems: [Refusal.Field] = []
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.count > 100 { problems.append(.init(field: "name", message: "must be 1–100 characters")) }
        if let capacity, !(1...100_000).contains(capacity) { problems.append(.init(field: "capacity", message: "must be from 1 to 100,000")) }
        return problems
    }
}
