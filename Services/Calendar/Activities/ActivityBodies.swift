import Foundation
import ServiceKit

/// The body of `POST /v1/activities`: a draft in a compound.
struct NewActivity: Decodable, Sendable {
    var compoundID: Int
    var fields: ActivityFields

    private enum CodingKeys: String, CodingKey {
        case compoundID, title, notes, formats, volunteerRoles, earnsPoints, points, venueID, roomID, location, start
        case durationMinutes, recurrence, rdates, exdates, capacity, reservedSeats
        case registrationOpensDaysBefore, registrationClosesMinutesBefore
    }

    init(from decoder: any Decoder) throws {
        let body = try decoder.container(keyedBy: CodingKeys.self)
        compoundID = try body.decode(Int.self, forKey: .compoundID)
        fields = ActivityFields(
            title: try body.decode(String.self, forKey: .title),
            notes: try body.value(String.self, forKey: .notes, default: ""),
            formats: try body.value([String].self, forKey: .formats, default: []),
            volunteerRoles: try body.value([String].self, forKey: .volunteerRoles, default: []),
            earnsPoints: try body.value(Bool.self, forKey: .earnsPoints, default: false),
            points: try body.value(Int.self, forKey: .points, default: 0),
            venueID: try body.decodeIfPresent(Int.self, forKey: .venueID),
            roomID: try body.decodeIfPresent(Int.self, forKey: .roomID),
            location: try body.decodeIfPresent(String.self, forKey: .location),
            start: try body.decodeIfPresent(String.self, forKey: .start),
            durationMinutes: try body.value(Int.self, forKey: .durationMinutes, default: 120),
            recurrence: try body.decodeIfPresent(String.self, forKey: .recurrence)?.nilIfEmpty,
            rdates: try body.value([String].self, forKey: .rdates, default: []),
            exdates: try body.value([String].self, forKey: .exdates, default: []),
            capacity: try body.decodeIfPresent(Int.self, forKey: .capacity),
            reservedSeats: try body.value(Int.self, forKey: .reservedSeats, default: 0),
            registrationOpensDaysBefore: try body.decodeIfPresent(Int.self, forKey: .registrationOpensDaysBefore),
            registrationClosesMinutesBefore: try body.value(Int.self, forKey: .registrationClosesMinutesBefore, default: 0)
        )
    }
}

/// The body of `PATCH /v1/activities/{id}`: only the fields sent change; `null` clears an optional one.
struct ActivityPatch: Decodable, Sendable {
    private enum CodingKeys: String, CodingKey {
        case title, notes, formats, volunteerRoles, earnsPoints, points, venueID, roomID, location, start
        case durationMinutes, recurrence, rdates, exdates, capacity, reservedSeats
        case registrationOpensDaysBefore, registrationClosesMinutesBefore
    }

    var title: FieldChange<String> = .keep
    var notes: FieldChange<String> = .keep
    var formats: FieldChange<[String]> = .keep
    var volunteerRoles: FieldChange<[String]> = .keep
    var earnsPoints: FieldChange<Bool> = .keep
    var points: FieldChange<Int> = .keep
    var venueID: FieldChange<Int> = .keep
    var roomID: FieldChange<Int> = .keep
    var location: FieldChange<String> = .keep
    var start: FieldChange<String> = .keep
    var durationMinutes: FieldChange<Int> = .keep
    var recurrence: FieldChange<String> = .keep
    var rdates: FieldChange<[String]> = .keep
    var exdates: FieldChange<[String]> = .keep
    var capacity: FieldChange<Int> = .keep
    var reservedSeats: FieldChange<Int> = .keep
    var registrationOpensDaysBefore: FieldChange<Int> = .keep
    var registrationClosesMinutesBefore: FieldChange<Int> = .keep

    init() {}

    init(from decoder: any Decoder) throws {
        let body = try decoder.container(keyedBy: CodingKeys.self)
        title = try body.change(String.self, forKey: .title)
        notes = try body.change(String.self, forKey: .notes)
        formats = try body.change([String].self, forKey: .formats)
        volunteerRoles = try body.change([String].self, forKey: .volunteerRoles)
        earnsPoints = try body.change(Bool.self, forKey: .earnsPoints)
        points = try body.change(Int.self, forKey: .points)
        venueID = try body.change(Int.self, forKey: .venueID)
        roomID = try body.change(Int.self, forKey: .roomID)
        location = try body.change(String.self, forKey: .location)
        start = try body.change(String.self, forKey: .start)
        durationMinutes = try body.change(Int.self, forKey: .durationMinutes)
        recurrence = try body.change(String.self, forKey: .recurrence)
        rdates = try body.change([String].self, forKey: .rdates)
        exdates = try body.change([String].self, forKey: .exdates)
        capacity = try body.change(Int.self, forKey: .capacity)
        reservedSeats = try body.change(Int.self, forKey: .reservedSeats)
        registrationOpensDaysBefore = try body.change(Int.self, forKey: .registrationOpensDaysBefore)
        registrationClosesMinutesBefore = try body.change(Int.self, forKey: .registrationClosesMinutesBefore)
    }

    /// The fields after the patch; a required field set to `null` is a 422 naming it.
    func applied(to current: ActivityFields) throws -> ActivityFields {
        var problems: [Refusal.Field] = []
        func required<Value>(_ change: FieldChange<Value>, _ current: Value, _ name: String) -> Value {
            if case .set(nil) = change { problems.append(.init(field: name, message: "must not be null")) }
            return change.applied(to: current) ?? current
        }
        var fields = current
        fields.title = required(title, current.title, "title")
        fields.notes = required(notes, current.notes, "notes")
        fields.formats = required(formats, current.formats, "formats")
        fields.volunteerRoles = required(volunteerRoles, current.volunteerRoles, "volunteerRoles")
        fields.earnsPoints = required(earnsPoints, current.earnsPoints, "earnsPoints")
        fields.points = required(points, current.points, "points")
        fields.venueID = venueID.applied(to: current.venueID)
        fields.roomID = roomID.applied(to: current.roomID)
        fields.location = location.applied(to: current.location)?.nilIfEmpty
        fields.start = start.applied(to: current.start)
        fields.durationMinutes = required(durationMinutes, current.durationMinutes, "durationMinutes")
        fields.recurrence = recurrence.applied(to: current.recurrence)?.nilIfEmpty
        fields.rdates = required(rdates, current.rdates, "rdates")
        fields.exdates = required(exdates, current.exdates, "exdates")
        fields.capacity = capacity.applied(to: current.capacity)
        fields.reservedSeats = required(reservedSeats, current.reservedSeats, "reservedSeats")
        fields.registrationOpensDaysBefore = registrationOpensDaysBefore.applied(to: current.registrationOpensDaysBefore)
        fields.registrationClosesMinutesBefore = required(
            registrationClosesMinutesBefore,
            current.registrationClosesMinutesBefore,
            "registrationClosesMinutesBefore"
        )
        if case .set(let venue) = venueID, venue == nil, case .keep = roomID { fields.roomID = nil }
        guard problems.isEmpty else { throw Refusal.invalid(problems) }
        return fields
    }
}
