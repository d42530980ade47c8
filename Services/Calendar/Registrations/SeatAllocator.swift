import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// The seats of occurrences with a capacity: one row per seat, claimed by registrations.
///
/// Registering takes the occurrence `FOR KEY SHARE` and claims a free seat `FOR UPDATE SKIP LOCKED`,
/// so sign-ups at once take different seats in parallel and never more than there are. Freeing a seat
/// (a cancellation, a smaller capacity) takes the occurrence `FOR UPDATE`, which waits for sign-ups
/// in flight: by then every waitlisted registration is visible, and the first in line gets the seat.
enum SeatAllocator {
    /// Creates the occurrence's seats on its first registration (capacity − reserved general seats, then the reserved ones).
    static func ensureSeats(_ occurrence: OccurrenceRecord, on tx: isolated PostgresConnection) throws {
        guard let capacity = occurrence.capacity else { return }
        let exists = try tx.query("SELECT EXISTS (SELECT 1 FROM calendar.seats WHERE occurrence_id = \(occurrence.id))").scalar(Bool.self)
        guard exists == false else { return }
        try tx.execute(
            """
            INSERT INTO calendar.seats (occurrence_id, seat, reserved)
            SELECT \(occurrence.id), g, g > \(capacity - occurrence.reservedSeats) FROM generate_series(1, \(capacity)) g
            ON CONFLICT DO NOTHING
            """
        )
    }

    /// Claims a free seat for a registration; proxy sign-ups take a reserved seat first.
    /// - Returns: whether a seat was free.
    static func claim(occurrenceID: Int, registrationID: Int, mayUseReserved: Bool, on tx: isolated PostgresConnection) throws -> Bool {
        for lock in [RowLock.updateSkipLocked, RowLock.update] {
            // SKIP LOCKED first: seats being claimed by others are passed over. If none is left, look again
            // waiting on the locked ones, in case a claim in flight rolls back and its seat is free after all.
            let claimed = try tx.query(
                claimStatement(occurrenceID: occurrenceID, registrationID: registrationID, mayUseReserved: mayUseReserved, lock: lock)
            )
            if claimed.rowCount > 0 { return true }
        }
        return false
    }

    /// The claim of one free seat: the seat is picked once, by a scalar subquery that PostgreSQL runs as
    /// an InitPlan, and only that row is updated.
    ///
    /// Why not `UPDATE … FROM (SELECT … LIMIT 1 FOR UPDATE SKIP LOCKED) free`: once `calendar.seats` has
    /// statistics and the occurrence is new to them, the planner puts the subquery on the inner side of
    /// a nested loop and runs it again for every outer row; each run skips the seat this statement has
    /// just updated and returns the next one, so one registration was written into several seats and the
    /// unique index refused the sign-up (issue 23; `SeatClaimPlanTests` reproduces it).
    static func claimStatement(occurrenceID: Int, registrationID: Int, mayUseReserved: Bool, lock: RowLock) -> SQL {
        """
        UPDATE calendar.seats SET registration_id = \(registrationID)
        WHERE occurrence_id = \(occurrenceID) AND seat = (
            SELECT seat FROM calendar.seats
            WHERE occurrence_id = \(occurrenceID) AND registration_id IS NULL AND (NOT reserved OR \(mayUseReserved))
            ORDER BY reserved DESC, seat LIMIT 1 \(lock))
        RETURNING seat
        """
    }

    /// Frees the registration's seat, if it held one.
    @discardableResult
    static func release(registrationID: Int, on tx: isolated PostgresConnection) throws -> Bool {
        try tx.execute("UPDATE calendar.seats SET registration_id = NULL WHERE registration_id = \(registrationID)") > 0
    }

    /// Follows a change of an occurrence's capacity or reserved seats: adds seats (and fills them from the
    /// waitlist) or removes free ones. Seats not yet created need nothing.
    /// - Throws: 409 `capacity-below-registrations` when fewer seats than confirmed registrations would remain.
    static func resize(
        _ before: OccurrenceRecord,
        to after: OccurrenceRecord,
        caller: Caller?,
        outbox: JobOutbox,
        now: Date,
        on tx: isolated PostgresConnection
    ) throws {
        _ = try OccurrenceStore.load(after.id, lock: .update, on: tx)
        let rows = try tx.query(
            """
            SELECT reserved, count(*) AS total, count(registration_id) AS taken, coalesce(max(seat), 0) AS last
            FROM calendar.seats WHERE occurrence_id = \(after.id) GROUP BY reserved
            """
        )
        guard rows.rowCount > 0 else {
            if before.capacity == nil, after.capacity != nil { try seatConfirmed(after, on: tx) }
            return
        }
        var last = 0
        var current: [Bool: (total: Int, taken: Int)] = [true: (0, 0), false: (0, 0)]
        for row in rows {
            current[try row.decode("reserved", as: Bool.self)] = (try row.decode("total", as: Int.self), try row.decode("taken", as: Int.self))
            last = max(last, try row.decode("last", as: Int.self))
        }
        guard let capacity = after.capacity else {
            // No limit any more: seats mean nothing, as long as none is taken (the waitlist would have to be confirmed).
            guard current.values.allSatisfy({ $0.taken == 0 }) else {
                throw Refusal.conflict("an occurrence with registrations keeps a capacity", code: "capacity-below-registrations")
            }
            try tx.execute("DELETE FROM calendar.seats WHERE occurrence_id = \(after.id)")
            return
        }
        let targets: [Bool: Int] = [false: capacity - after.reservedSeats, true: after.reservedSeats]
        for (reserved, target) in targets {
            let (total, taken) = current[reserved] ?? (0, 0)
            if target > total {
                try tx.execute(
                    """
                    INSERT INTO calendar.seats (occurrence_id, seat, reserved)
                    SELECT \(after.id), g, \(reserved) FROM generate_series(\(last + 1), \(last + target - total)) g
                    """
                )
                last += target - total
            } else if target < total {
                guard target >= taken else {
                    throw Refusal.conflict(
                        "\(taken) \(reserved ? "reserved " : "")seats are taken; the new capacity must leave room for them",
                        code: "capacity-below-registrations"
                    )
                }
                try tx.execute(
                    """
                    DELETE FROM calendar.seats WHERE occurrence_id = \(after.id) AND seat = ANY (ARRAY(
                        SELECT seat FROM calendar.seats WHERE occurrence_id = \(after.id) AND reserved = \(reserved)
                          AND registration_id IS NULL ORDER BY seat DESC LIMIT \(total - target)))
                    """
                )
            }
        }
        try Waitlist.fill(after, caller: caller, now: now, outbox: outbox, on: tx)
    }

    /// An unlimited occurrence gets a capacity: its confirmed registrations take the first seats.
    private static func seatConfirmed(_ occurrence: OccurrenceRecord, on tx: isolated PostgresConnection) throws {
        let confirmed =
            try tx.query(
                "SELECT count(*) FROM calendar.registrations WHERE occurrence_id = \(occurrence.id) AND status = \(RegistrationStatus.confirmed)"
            ).scalar(Int.self) ?? 0
        guard confirmed > 0 else { return }
        guard confirmed <= occurrence.capacity ?? 0 else {
            throw Refusal.conflict(
                "\(confirmed) residents are registered; the capacity must leave room for them",
                code: "capacity-below-registrations"
            )
        }
        try ensureSeats(occurrence, on: tx)
        try tx.execute(
            """
            WITH registered AS (
                SELECT id, row_number() OVER (ORDER BY id) AS n FROM calendar.registrations
                WHERE occurrence_id = \(occurrence.id) AND status = \(RegistrationStatus.confirmed)),
            seats AS (SELECT seat, row_number() OVER (ORDER BY reserved, seat) AS n FROM calendar.seats WHERE occurrence_id = \(occurrence.id))
            UPDATE calendar.seats s SET registration_id = registered.id
            FROM registered JOIN seats USING (n)
            WHERE s.occurrence_id = \(occurrence.id) AND s.seat = seats.seat
            """
        )
    }
}
