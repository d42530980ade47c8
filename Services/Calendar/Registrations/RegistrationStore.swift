import CalendarCore
import Foundation
import Models
import Postgres

/// The registrations' SQL.
enum RegistrationStore {
    /// A new registration id, taken before the seat so the seat can name it.
    static func nextID(on tx: isolated PostgresConnection) throws -> Int {
        try tx.query("SELECT nextval(pg_get_serial_sequence('calendar.registrations', 'id'))").scalar(Int.self) ?? 0
    }

    static func insert(_ record: RegistrationRecord, on tx: isolated PostgresConnection) throws -> RegistrationRecord {
        try tx.query(
            """
            INSERT INTO calendar.registrations (id, occurrence_id, resident_id, household_id, compound_id, channel, registered_by,
                registered_by_subject, status, check_in_code)
            VALUES (\(record.id), \(record.occurrenceID), \(record.residentID), \(record.householdID), \(record.compoundID),
                \(record.channel), \(record.registeredBy), \(record.registeredBySubject), \(record.status), \(record.checkInCode))
            RETURNING \(unescaped: RegistrationRecord.columns)
            """
        ).decode(RegistrationRecord.self)[0]
    }

    static func load(_ id: Int, lock: RowLock? = nil, on tx: isolated PostgresConnection) throws -> RegistrationRecord? {
        try tx.query(
            "SELECT \(unescaped: RegistrationRecord.columns) FROM calendar.registrations WHERE id = \(id) \(lock)"
        ).decode(RegistrationRecord.self).first
    }

    /// The resident's registration for an occurrence that is not cancelled. (`status <> 'cancelled'` stays
    /// literal: it is the predicate of the unique partial index `registrations_once`.)
    static func active(occurrenceID: Int, residentID: Int, on tx: isolated PostgresConnection) throws -> RegistrationRecord? {
        try tx.query(
            """
            SELECT \(unescaped: RegistrationRecord.columns) FROM calendar.registrations
            WHERE occurrence_id = \(occurrenceID) AND resident_id = \(residentID) AND status <> 'cancelled'
            """
        ).decode(RegistrationRecord.self).first
    }

    static func byCode(occurrenceID: Int, code: String, on tx: isolated PostgresConnection) throws -> RegistrationRecord? {
        try tx.query(
            """
            SELECT \(unescaped: RegistrationRecord.columns) FROM calendar.registrations
            WHERE occurrence_id = \(occurrenceID) AND check_in_code = \(code)
            """
        ).decode(RegistrationRecord.self).first
    }

    static func setStatus(_ id: Int, _ status: RegistrationStatus, on tx: isolated PostgresConnection) throws -> RegistrationRecord {
        try tx.query(
            """
            UPDATE calendar.registrations SET status = \(status),
                promoted_at = CASE WHEN \(status == .confirmed) AND status = \(RegistrationStatus.waitlisted) THEN clock_timestamp() ELSE promoted_at END,
                cancelled_at = CASE WHEN \(status == .cancelled) THEN clock_timestamp() ELSE cancelled_at END
            WHERE id = \(id)
            RETURNING \(unescaped: RegistrationRecord.columns)
            """
        ).decode(RegistrationRecord.self)[0]
    }

    /// 1 for the first in line. (`status = 'waitlisted'` stays literal: it is the predicate of the partial
    /// index `registrations_waitlist`.)
    static func waitlistPosition(_ record: RegistrationRecord, on tx: isolated PostgresConnection) throws -> Int? {
        guard record.status == .waitlisted else { return nil }
        return try tx.query(
            """
            SELECT count(*) FROM calendar.registrations
            WHERE occurrence_id = \(record.occurrenceID) AND status = 'waitlisted' AND id <= \(record.id)
            """
        ).scalar(Int.self)
    }

    /// A check-in code no other registration of the occurrence holds.
    static func freshCode(occurrenceID: Int, on tx: isolated PostgresConnection) throws -> String {
        while true {
            let code = CheckInCode.random().value
            let taken = try tx.query(
                "SELECT EXISTS (SELECT 1 FROM calendar.registrations WHERE occurrence_id = \(occurrenceID) AND check_in_code = \(code))"
            ).scalar(Bool.self)
            if taken == false { return code }
        }
    }

    /// Registrations of an occurrence, in sign-up order, optionally only those of some households.
    static func list(occurrenceID: Int, households: [Int]?, on tx: isolated PostgresConnection) throws -> [RegistrationRecord] {
        try tx.query(
            """
            SELECT \(unescaped: RegistrationRecord.columns) FROM calendar.registrations
            WHERE occurrence_id = \(occurrenceID) AND (\(households == nil) OR household_id = ANY (\(households ?? [])))
            ORDER BY id
            """
        ).decode(RegistrationRecord.self)
    }

    /// Confirmed and waitlisted counts per occurrence.
    static func counts(_ occurrenceIDs: [Int], on tx: isolated PostgresConnection) throws -> [Int: (confirmed: Int, waitlisted: Int)] {
        let rows = try tx.query(
            """
            SELECT occurrence_id, count(*) FILTER (WHERE status = \(RegistrationStatus.confirmed)) AS confirmed,
                   count(*) FILTER (WHERE status = \(RegistrationStatus.waitlisted)) AS waitlisted
            FROM calendar.registrations WHERE occurrence_id = ANY (\(occurrenceIDs)) GROUP BY occurrence_id
            """
        )
        var counts: [Int: (Int, Int)] = [:]
        for row in rows {
            counts[try row.decode("occurrence_id", as: Int.self)] = (
                try row.decode("confirmed", as: Int.self), try row.decode("waitlisted", as: Int.self)
            )
        }
        return counts
    }
}
