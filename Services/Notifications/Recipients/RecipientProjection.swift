import Foundation
import Models
import Postgres

/// Keeps the service's own copy of who lives where, from the registry's events. Each row carries
/// its aggregate's revision, so an event arriving late never undoes a newer one.
enum RecipientProjection {
    static func apply(_ event: ResidentRegistered, on tx: isolated PostgresConnection) throws {
        let place = event.placement
        try tx.execute(
            """
            INSERT INTO notify.residents (id, name, phone, compound_id, household_id, area_path, active, revision)
            VALUES (\(event.residentID), \(event.name), \(event.phone), \(place.compoundID), \(place.householdID), \(place.areaPath), true,
                    \(event.revision))
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, phone = EXCLUDED.phone, compound_id = EXCLUDED.compound_id,
                household_id = EXCLUDED.household_id, area_path = EXCLUDED.area_path, active = true, revision = EXCLUDED.revision
            WHERE notify.residents.revision < EXCLUDED.revision
            """
        )
    }

    static func apply(_ event: ResidentChanged, on tx: isolated PostgresConnection) throws {
        try tx.execute(
            """
            INSERT INTO notify.residents (id, name, phone, active, revision)
            VALUES (\(event.residentID), \(event.name), \(event.phone), true, \(event.revision))
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, phone = EXCLUDED.phone, revision = EXCLUDED.revision
            WHERE notify.residents.revision < EXCLUDED.revision
            """
        )
    }

    /// A move changes where messages find the resident; leaving the city (`to == nil`) stops them.
    static func apply(_ event: ResidentMoved, on tx: isolated PostgresConnection) throws {
        let place = event.to
        try tx.execute(
            """
            UPDATE notify.residents
            SET compound_id = \(place?.compoundID), household_id = \(place?.householdID), area_path = coalesce(\(place?.areaPath), '{}'),
                active = \(place != nil), revision = \(event.revision)
            WHERE id = \(event.residentID) AND revision < \(event.revision)
            """
        )
    }

    static func apply(_ event: HouseholdChanged, on tx: isolated PostgresConnection) throws {
        try tx.execute(
            """
            INSERT INTO notify.households (id, compound_id, dwelling, dissolved, revision)
            VALUES (\(event.householdID), \(event.placement.compoundID), \(event.dwelling), \(event.dissolved), \(event.revision))
            ON CONFLICT (id) DO UPDATE SET compound_id = EXCLUDED.compound_id, dwelling = EXCLUDED.dwelling,
                dissolved = EXCLUDED.dissolved, revision = EXCLUDED.revision
            WHERE notify.households.revision < EXCLUDED.revision
            """
        )
    }

    static func apply(_ event: CompoundChanged, on tx: isolated PostgresConnection) throws {
        try tx.execute(
            """
            INSERT INTO notify.compounds (id, name, area_path, revision) VALUES (\(event.compoundID), \(event.name), \(event.areaPath), \(event.revision))
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, area_path = EXCLUDED.area_path, revision = EXCLUDED.revision
            WHERE notify.compounds.revision < EXCLUDED.revision
            """
        )
    }

    static func apply(_ event: HeadAssigned, on tx: isolated PostgresConnection) throws {
        try tx.execute(
            """
            INSERT INTO notify.head_assignments (id, level, resident_id, compound_id, household_ids, active)
            VALUES (\(event.assignmentID), \(event.level.rawValue), \(event.residentID), \(event.compoundID), \(event.householdIDs), true)
            ON CONFLICT (id) DO NOTHING
            """
        )
    }

    static func apply(_ event: HeadVacated, on tx: isolated PostgresConnection) throws {
        try tx.execute(
            """
            INSERT INTO notify.head_assignments (id, level, resident_id, compound_id, household_ids, active)
            VALUES (\(event.assignmentID), \(event.level.rawValue), \(event.residentID), \(event.compoundID), \(event.householdIDs), false)
            ON CONFLICT (id) DO UPDATE SET active = false
            """
        )
    }

    static func apply(_ event: GroupChatChanged, on tx: isolated PostgresConnection) throws {
        try tx.execute(
            """
            INSERT INTO notify.group_chats (id, compound_id, name, robot_webhook, revision)
            VALUES (\(event.chatID), \(event.compoundID), \(event.name), \(event.robotWebhook), \(event.revision))
            ON CONFLICT (id) DO UPDATE SET compound_id = EXCLUDED.compound_id, name = EXCLUDED.name,
                robot_webhook = EXCLUDED.robot_webhook, revision = EXCLUDED.revision
            WHERE notify.group_chats.revision < EXCLUDED.revision
            """
        )
    }

    /// The order statuses move in (never back): waitlisted → confirmed → cancelled.
    static let order = [RegistrationStatus.waitlisted, .confirmed, .cancelled].map(\.rawValue)

    /// Records a registration's status as the calendar reports it (reminders go to those confirmed
    /// when they run). Statuses only move forward (waitlisted → confirmed →
    /// cancelled), so an event handled late does not undo a newer one.
    /// - Returns: the status now recorded (not `status` when a newer one was already there).
    @discardableResult
    static func register(_ summary: RegistrationSummary, status: RegistrationStatus, on tx: isolated PostgresConnection) throws -> RegistrationStatus
    {
        try tx.query(
            """
            WITH upsert AS (
                INSERT INTO notify.registrations AS r (id, activity_id, occurrence_start, resident_id, compound_id, status)
                VALUES (\(summary.registrationID), \(summary.activityID), \(summary.occurrenceStart), \(summary.residentID),
                        \(summary.compoundID), \(status.rawValue))
                ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status
                WHERE array_position(\(order)::text[], r.status) < array_position(\(order)::text[], EXCLUDED.status)
                RETURNING status
            )
            SELECT status FROM upsert UNION ALL SELECT status FROM notify.registrations WHERE id = \(summary.registrationID) LIMIT 1
            """
        ).scalar(String.self).flatMap(RegistrationStatus.init(rawValue:)) ?? status
    }
}
