import Foundation
import Models
import Postgres

/// The attendance's and closing reports' SQL.
enum AttendanceStore {
    /// What a filed closing report holds besides its figures.
    struct FiledReport: Sendable {
        var notes: String
        var revision: Int
        var filedBy: String?
        var filedAt: Date?
    }

    /// Inserts the resident's attendance, or nothing (`nil`) if they are already recorded for the occurrence.
    static func insert(
        occurrenceID: Int,
        residentID: Int,
        registrationID: Int?,
        channel: AttendanceChannel,
        volunteerRole: String?,
        volunteerHours: Double,
        recordedBy: String,
        on tx: isolated PostgresConnection
    ) throws -> AttendanceRecord? {
        try tx.query(
            """
            INSERT INTO calendar.attendance (occurrence_id, resident_id, registration_id, channel, volunteer_role, volunteer_hours, recorded_by)
            VALUES (\(occurrenceID), \(residentID), \(registrationID), \(channel), \(volunteerRole), \(volunteerHours),
                    \(recordedBy))
            ON CONFLICT (occurrence_id, resident_id) DO NOTHING
            RETURNING \(unescaped: AttendanceRecord.columns)
            """
        ).decode(AttendanceRecord.self).first
    }

    /// The resident's attendance of the occurrence, which must exist.
    static func load(occurrenceID: Int, residentID: Int, on tx: isolated PostgresConnection) throws -> AttendanceRecord {
        try tx.query(
            "SELECT \(unescaped: AttendanceRecord.columns) FROM calendar.attendance WHERE occurrence_id = \(occurrenceID) AND resident_id = \(residentID)"
        ).decode(AttendanceRecord.self)[0]
    }

    /// Sets a volunteer's role and hours where given, keeping the recorded ones otherwise.
    static func setVolunteering(_ id: Int, role: String?, hours: Double?, on tx: isolated PostgresConnection) throws {
        try tx.execute(
            """
            UPDATE calendar.attendance SET volunteer_role = coalesce(\(role), volunteer_role),
                volunteer_hours = coalesce(\(hours), volunteer_hours)
            WHERE id = \(id)
            """
        )
    }

    /// Everyone recorded for an occurrence, in the order they were recorded.
    static func list(occurrenceID: Int, on tx: isolated PostgresConnection) throws -> [AttendanceRecord] {
        try tx.query(
            "SELECT \(unescaped: AttendanceRecord.columns) FROM calendar.attendance WHERE occurrence_id = \(occurrenceID) ORDER BY id"
        ).decode(AttendanceRecord.self)
    }

    /// Files an occurrence's closing report, or files it again with the next revision.
    static func fileReport(occurrenceID: Int, notes: String, filedBy: String, on tx: isolated PostgresConnection) throws {
        try tx.execute(
            """
            INSERT INTO calendar.reports (occurrence_id, notes, filed_by) VALUES (\(occurrenceID), \(notes), \(filedBy))
            ON CONFLICT (occurrence_id) DO UPDATE SET notes = EXCLUDED.notes, filed_by = EXCLUDED.filed_by,
                filed_at = now(), revision = calendar.reports.revision + 1
            """
        )
    }

    /// The occurrence's closing report as filed, if it was.
    static func filedReport(occurrenceID: Int, on tx: isolated PostgresConnection) throws -> FiledReport? {
        let filed = try tx.query("SELECT notes, revision, filed_by, filed_at FROM calendar.reports WHERE occurrence_id = \(occurrenceID)").first
        return try filed.map {
            FiledReport(
                notes: try $0.decode("notes", as: String.self),
                revision: try $0.decode("revision", as: Int.self),
                filedBy: try $0.decode("filed_by", as: String.self),
                filedAt: try $0.decode("filed_at", as: Date.self)
            )
        }
    }
}
