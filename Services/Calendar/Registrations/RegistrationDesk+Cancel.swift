import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

extension RegistrationDesk {
    /// Cancels a registration (again: nothing changes) and gives its seat to the first in line.
    func cancel(_ registrationID: Int, by caller: Caller) async throws -> RegistrationView {
        let now = service.clock.now()
        return try await service.jobs.withTransaction { tx, outbox in
            guard let found = try RegistrationStore.load(registrationID, on: tx),
                let activity = try OccurrenceStore.load(found.occurrenceID, on: tx).flatMap({ try ActivityStore.load($0.activityID, on: tx) }),
                try mayHandle(found, activity: activity, caller: caller, now: now, on: tx)
            else { throw Refusal.notFound("registration") }
            // The occurrence first, then the registration, in the order sign-ups take them, so the two never
            // wait on each other in a circle; the occurrence lock waits for sign-ups in flight to commit.
            guard let occurrence = try OccurrenceStore.load(found.occurrenceID, lock: .update, on: tx),
                let record = try RegistrationStore.load(registrationID, lock: .update, on: tx)
            else { throw Refusal.notFound("registration") }
            guard record.status != .cancelled else {
                return RegistrationView(record, occurrence: occurrence, residentName: nil, waitlistPosition: nil)
            }
            guard occurrence.startsAt > now else {
                throw Refusal.conflict("a registration cannot be cancelled once the occurrence has started", code: "occurrence-started")
            }
            let cancelled = try RegistrationStore.setStatus(record.id, .cancelled, on: tx)
            let freed = try SeatAllocator.release(registrationID: record.id, on: tx)
            try outbox.publish(
                RegistrationCancelled(registration: cancelled.summary(activityID: activity.id, occurrenceStart: occurrence.startsAt), at: now),
                correlationID: caller.requestID,
                on: tx
            )
            if freed { try Waitlist.fill(occurrence, caller: caller, now: now, outbox: outbox, on: tx) }
            return RegistrationView(cancelled, occurrence: occurrence, residentName: nil, waitlistPosition: nil)
        }
    }

    /// The registration as the caller may see it.
    func registration(_ registrationID: Int, by caller: Caller) async throws -> RegistrationView {
        let now = service.clock.now()
        return try await service.pool.withTransaction { tx in
            guard let record = try RegistrationStore.load(registrationID, on: tx),
                let occurrence = try OccurrenceStore.load(record.occurrenceID, on: tx),
                let activity = try ActivityStore.load(occurrence.activityID, on: tx),
                try mayHandle(record, activity: activity, caller: caller, now: now, on: tx)
            else { throw Refusal.notFound("registration") }
            let name = try Residency.resident(record.residentID, on: tx)?.name
            return RegistrationView(
                record,
                occurrence: occurrence,
                residentName: name,
                waitlistPosition: try RegistrationStore.waitlistPosition(record, on: tx)
            )
        }
    }

    /// The resident themself, the head who signed them up or covers their household, and the compound's staff.
    func mayHandle(
        _ record: RegistrationRecord,
        activity: ActivityRecord,
        caller: Caller,
        now: Date,
        on tx: isolated PostgresConnection
    ) throws -> Bool {
        let principal = caller.principal
        if caller.access.manages(compoundID: activity.compoundID, areaPath: activity.areaPath) { return true }
        guard principal.has(.resident, .head), let me = principal.residentID else { return false }
        if record.residentID == me || record.registeredBy == me { return true }
        guard principal.role == .head, let household = record.householdID else { return false }
        return try Residency.head(me, covers: household, now: now, on: tx)
    }
}
