import Foundation
import JobQueue
import Models
import Postgres

/// The FIFO waitlist: free seats go to the earliest waitlisted registrations (a reserved seat to the
/// earliest proxy sign-up), each promotion publishing `registration.promoted`.
enum Waitlist {
    /// Fills every free seat of the occurrence from its waitlist. The caller holds the occurrence `FOR UPDATE`.
    /// - Returns: the promoted registrations.
    @discardableResult
    static func fill(
        _ occurrence: OccurrenceRecord,
        caller: Caller?,
        now: Date,
        outbox: JobOutbox,
        on tx: isolated PostgresConnection
    ) throws
        -> [RegistrationRecord]
    {
        let free = try tx.query(
            """
            SELECT seat, reserved FROM calendar.seats
            WHERE occurrence_id = \(occurrence.id) AND registration_id IS NULL ORDER BY reserved, seat
            """
        )
        var promoted: [RegistrationRecord] = []
        for row in free {
            let seat = try row.decode("seat", as: Int.self)
            let reserved = try row.decode("reserved", as: Bool.self)
            // `status = 'waitlisted'` stays literal: it is the predicate of the partial index `registrations_waitlist`.
            let next = try tx.query(
                """
                SELECT id FROM calendar.registrations
                WHERE occurrence_id = \(occurrence.id) AND status = 'waitlisted' AND (NOT \(reserved) OR channel = \(AttendanceChannel.proxy))
                ORDER BY id LIMIT 1 \(RowLock.update)
                """
            )
            guard let id = try next.scalar(Int.self) else { continue }
            try tx.execute(
                "UPDATE calendar.seats SET registration_id = \(id) WHERE occurrence_id = \(occurrence.id) AND seat = \(seat)"
            )
            let record = try RegistrationStore.setStatus(id, .confirmed, on: tx)
            try outbox.publish(
                RegistrationPromoted(registration: record.summary(activityID: occurrence.activityID, occurrenceStart: occurrence.startsAt), at: now),
                correlationID: caller?.requestID,
                on: tx
            )
            promoted.append(record)
        }
        return promoted
    }
}
