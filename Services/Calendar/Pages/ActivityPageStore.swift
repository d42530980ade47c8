import Foundation
import Models
import Postgres

/// The SQL behind the activity page: the next occurrences with their seats, who the caller may sign
/// up, and the caller's own sign-ups. Reads only; sign-up and cancel go through ``RegistrationDesk``.
enum ActivityPageStore {
    /// The activity's occurrences that have not ended by `now`, by start, at most `limit`.
    static func upcoming(activityID: Int, now: Date, limit: Int, on tx: isolated PostgresConnection) throws -> [OccurrenceRecord] {
        try tx.query(
            """
            SELECT \(unescaped: OccurrenceRecord.columns) FROM calendar.occurrences
            WHERE activity_id = \(activityID) AND ends_at > \(now) ORDER BY starts_at, id LIMIT \(limit)
            """
        ).decode(OccurrenceRecord.self)
    }

    /// Sign-ups and free seats of each occurrence (free seats `nil` where seats were not made yet).
    static func seats(_ occurrenceIDs: [Int], on tx: isolated PostgresConnection) throws -> [Int: ActivityPage.Seats] {
        let rows = try tx.query(
            """
            SELECT o.id,
                (SELECT count(*) FROM calendar.registrations r WHERE r.occurrence_id = o.id AND r.status = \(RegistrationStatus.confirmed))
                    AS confirmed,
                (SELECT count(*) FROM calendar.registrations r WHERE r.occurrence_id = o.id AND r.status = \(RegistrationStatus.waitlisted))
                    AS waitlisted,
                (SELECT count(*) FROM calendar.seats s WHERE s.occurrence_id = o.id) AS seats,
                (SELECT count(*) FROM calendar.seats s WHERE s.occurrence_id = o.id AND s.registration_id IS NULL AND NOT s.reserved)
                    AS free_general,
                (SELECT count(*) FROM calendar.seats s WHERE s.occurrence_id = o.id AND s.registration_id IS NULL AND s.reserved)
                    AS free_reserved
            FROM calendar.occurrences o WHERE o.id = ANY (\(occurrenceIDs))
            """
        )
        var seats: [Int: ActivityPage.Seats] = [:]
        for row in rows {
            let made = try row.decode("seats", as: Int.self) > 0
            seats[try row.decode("id", as: Int.self)] = ActivityPage.Seats(
                confirmed: try row.decode("confirmed", as: Int.self),
                waitlisted: try row.decode("waitlisted", as: Int.self),
                freeGeneral: made ? try row.decode("free_general", as: Int.self) : nil,
                freeReserved: made ? try row.decode("free_reserved", as: Int.self) : nil
            )
        }
        return seats
    }

    /// Residents of the compound in `household` (the caller's family), and of `covered` (a head's households),
    /// with their dwelling: names only, never phones.
    static func people(
        compoundID: Int,
        household: Int?,
        covered: [Int],
        on tx: isolated PostgresConnection
    ) throws -> [ActivityPage.Person] {
        let rows = try tx.query(
            """
            SELECT r.id, r.name, r.household_id, h.dwelling FROM calendar.residents r
            LEFT JOIN calendar.households h ON h.id = r.household_id
            WHERE r.compound_id = \(compoundID) AND (r.household_id = \(household) OR r.household_id = ANY (\(covered)))
            ORDER BY r.household_id = \(household) DESC NULLS LAST, h.dwelling, r.name, r.id
            """
        )
        return try rows.map { row in
            let householdID = try row.decode("household_id", as: Int?.self)
            return ActivityPage.Person(
                id: try row.decode("id", as: Int.self),
                name: try row.decode("name", as: String.self),
                relation: householdID != nil && householdID == household ? .family : .covered,
                dwelling: try row.decode("dwelling", as: String?.self)
            )
        }
    }

    /// Which of these residents hold a sign-up (not cancelled) for the occurrence.
    static func registered(occurrenceID: Int, residents: [Int], on tx: isolated PostgresConnection) throws -> Set<Int> {
        Set(
            try tx.query(
                """
                SELECT resident_id FROM calendar.registrations
                WHERE occurrence_id = \(occurrenceID) AND resident_id = ANY (\(residents)) AND status <> 'cancelled'
                """
            ).column("resident_id", as: Int.self)
        )
    }

    /// The sign-ups for the activity's occurrences not ended by `now` that the caller may cancel (as
    /// ``RegistrationDesk/mayHandle(_:activity:caller:now:on:)`` says): their own, those they made, and those
    /// of the households they cover; with the waitlist place of each.
    static func mine(
        activityID: Int,
        residentID: Int,
        covered: [Int],
        now: Date,
        on tx: isolated PostgresConnection
    ) throws -> [ActivityPage.Mine] {
        let rows = try tx.query(
            """
            SELECT r.id, r.status, o.recurrence_id, o.starts_at, o.ends_at, coalesce(p.name, '') AS name,
                CASE WHEN r.status = 'waitlisted' THEN (SELECT count(*) FROM calendar.registrations w
                    WHERE w.occurrence_id = r.occurrence_id AND w.status = 'waitlisted' AND w.id <= r.id) END AS position
            FROM calendar.registrations r JOIN calendar.occurrences o ON o.id = r.occurrence_id
            LEFT JOIN calendar.residents p ON p.id = r.resident_id
            WHERE o.activity_id = \(activityID) AND o.ends_at > \(now) AND r.status <> \(RegistrationStatus.cancelled)
              AND (r.resident_id = \(residentID) OR r.registered_by = \(residentID) OR r.household_id = ANY (\(covered)))
            ORDER BY o.starts_at, r.id
            """
        )
        return try rows.map { row in
            ActivityPage.Mine(
                registrationID: try row.decode("id", as: Int.self),
                residentName: try row.decode("name", as: String.self),
                recurrenceID: try row.decode("recurrence_id", as: String.self),
                startsAt: try row.decode("starts_at", as: Date.self),
                endsAt: try row.decode("ends_at", as: Date.self),
                status: try row.decode("status", as: RegistrationStatus.self),
                waitlistPosition: try row.decode("position", as: Int?.self)
            )
        }
    }
}
