import Foundation
import Hummingbird
import Models
import Postgres

/// A resident's sign-up for one occurrence.
struct RegistrationRecord: Codable, Sendable, Equatable {
    var id: Int
    var occurrenceID: Int
    var residentID: Int
    var householdID: Int?
    var compoundID: Int
    /// `self`, `proxy` or `walk-in` (``AttendanceChannel/registration``).
    var channel: AttendanceChannel
    /// The head who signed up on the resident's behalf.
    var registeredBy: Int?
    var registeredBySubject: String
    var status: RegistrationStatus
    var checkInCode: String
    var createdAt: Date
    var promotedAt: Date?
    var cancelledAt: Date?

    static let columns = """
        id, occurrence_id, resident_id, household_id, compound_id, channel, registered_by, registered_by_subject, status,
        check_in_code, created_at, promoted_at, cancelled_at
        """

    /// What the registration events say about it.
    func summary(activityID: Int, occurrenceStart: Date) -> RegistrationSummary {
        RegistrationSummary(
            registrationID: id,
            activityID: activityID,
            occurrenceStart: occurrenceStart,
            compoundID: compoundID,
            residentID: residentID,
            householdID: householdID,
            channel: channel,
            registeredBy: registeredBy
        )
    }

    /// What a resident's phone scans at the station: the occurrence and the code.
    var qrPayload: String { "linli-checkin:v1:\(occurrenceID):\(checkInCode)" }
}

/// A registration as its resident, their head or the compound's staff see it.
struct RegistrationView: Encodable, Sendable, ResponseEncodable {
    var id: Int
    var activityID: Int
    var occurrenceID: Int
    var recurrenceID: String
    var startsAt: Date
    var residentID: Int
    var residentName: String?
    var householdID: Int?
    var channel: AttendanceChannel
    var registeredBy: Int?
    var status: RegistrationStatus
    /// Place in the waitlist (1 is next), for waitlisted registrations.
    var waitlistPosition: Int?
    var checkInCode: String
    var qrPayload: String
    var createdAt: Date
    var promotedAt: Date?
    var cancelledAt: Date?

    init(_ record: RegistrationRecord, occurrence: OccurrenceRecord, residentName: String?, waitlistPosition: Int?) {
        id = record.id
        activityID = occurrence.activityID
        occurrenceID = occurrence.id
        recurrenceID = occurrence.recurrenceID
        startsAt = occurrence.startsAt
        residentID = record.residentID
        self.residentName = residentName
        householdID = record.householdID
        channel = record.channel
        registeredBy = record.registeredBy
        status = record.status
        self.waitlistPosition = waitlistPosition
        checkInCode = record.checkInCode
        qrPayload = record.qrPayload
        createdAt = record.createdAt
        promotedAt = record.promotedAt
        cancelledAt = record.cancelledAt
    }
}

/// The body of `POST /v1/activities/{id}/occurrences/{start}/registrations`.
struct NewRegistration: Decodable, Sendable {
    var residentID: Int
    /// Staff may record `walk-in`; otherwise the channel follows from who registers.
    var channel: AttendanceChannel?
}

/// One sign-up in an occurrence's list.
struct RosterEntry: Encodable, Sendable {
    var registrationID: Int
    var residentID: Int
    var name: String?
    /// Only for staff who may see personal data.
    var phone: String?
    var householdID: Int?
    var channel: AttendanceChannel
    var registeredBy: Int?
    var status: RegistrationStatus
    var waitlistPosition: Int?
    var createdAt: Date
}

/// The sign-ups of one occurrence, in sign-up order.
struct RosterList: Encodable, Sendable, ResponseEncodable {
    var occurrenceID: Int
    var capacity: Int?
    var items: [RosterEntry]
}
