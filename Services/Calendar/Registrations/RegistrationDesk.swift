import CalendarCore
import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// Signs residents up for occurrences and cancels sign-ups, keeping the seats exact and the waitlist in order.
struct RegistrationDesk {
    let service: CalendarService

    func register(activityID: Int, recurrence: String, _ body: NewRegistration, by caller: Caller) async throws -> RegistrationView {
        let now = service.clock.now()
        let recurrenceID = try OccurrenceKey.parse(recurrence)
        return try await service.jobs.withTransaction { tx, outbox in
            let activity = try caller.access.readable(try ActivityStore.load(activityID, on: tx), now: now, on: tx)
            guard activity.isPublished else {
                throw Refusal.conflict(activity.state == .draft ? "the activity is not published" : "the activity was cancelled", code: "not-open")
            }
            guard let resident = try Residency.resident(body.residentID, on: tx) else { throw Refusal.notFound("resident") }
            let (channel, registeredBy) = try signUpChannel(
                for: resident,
                activity: activity,
                requested: body.channel,
                caller: caller,
                now: now,
                on: tx
            )
            guard resident.compoundID == activity.compoundID else {
                throw Refusal.invalid("residentID", "the resident does not live in the activity's compound")
            }
            guard let occurrence = try OccurrenceStore.find(activityID: activityID, recurrenceID: recurrenceID, lock: .keyShare, on: tx) else {
                throw Refusal.notFound("occurrence")
            }
            guard !occurrence.cancelled else { throw Refusal.conflict("this occurrence was cancelled", code: "occurrence-cancelled") }
            if channel != .walkIn { try Self.checkWindow(activity.fields, occurrence: occurrence, now: now) }
            if try RegistrationStore.active(occurrenceID: occurrence.id, residentID: resident.id, on: tx) != nil {
                throw Refusal.conflict("the resident is already registered for this occurrence", code: "already-registered")
            }
            let id = try RegistrationStore.nextID(on: tx)
            var seated = true
            if occurrence.capacity != nil {
                try SeatAllocator.ensureSeats(occurrence, on: tx)
                seated = try SeatAllocator.claim(occurrenceID: occurrence.id, registrationID: id, mayUseReserved: channel == .proxy, on: tx)
            }
            let record = try RegistrationStore.insert(
                RegistrationRecord(
                    id: id,
                    occurrenceID: occurrence.id,
                    residentID: resident.id,
                    householdID: resident.householdID,
                    compoundID: activity.compoundID,
                    channel: channel,
                    registeredBy: registeredBy,
                    registeredBySubject: caller.principal.subject,
                    status: seated ? .confirmed : .waitlisted,
                    checkInCode: try RegistrationStore.freshCode(occurrenceID: occurrence.id, on: tx),
                    createdAt: now
                ),
                on: tx
            )
            try outbox.publish(
                RegistrationCreated(
                    registration: record.summary(activityID: activityID, occurrenceStart: occurrence.startsAt),
                    status: record.status,
                    at: now
                ),
                correlationID: caller.requestID,
                on: tx
            )
            let position = try RegistrationStore.waitlistPosition(record, on: tx)
            return RegistrationView(record, occurrence: occurrence, residentName: resident.name, waitlistPosition: position)
        }
    }

    /// Who may sign this resident up, and so by which channel: the resident themself (`self`), a member of the
    /// same household in the same compound (`self`, with the caller in `registeredBy`: the daughter signing up
    /// her elderly father), a head for a household they cover (`proxy`), or the compound's staff (`proxy`, or
    /// `walk-in` at the door). Anyone else is told the resident does not exist.
    ///
    /// The household is the projection's (`calendar.residents`), not the token's claim.
    private func signUpChannel(
        for resident: ResidentRecord,
        activity: ActivityRecord,
        requested: AttendanceChannel?,
        caller: Caller,
        now: Date,
        on tx: isolated PostgresConnection
    ) throws -> (channel: AttendanceChannel, registeredBy: Int?) {
        let principal = caller.principal
        if let requested, !AttendanceChannel.registration.contains(requested) {
            throw Refusal.invalid("channel", "must be self, proxy or walk-in")
        }
        if principal.has(.resident, .head), principal.residentID == resident.id { return (.selfService, nil) }
        if principal.has(.resident, .head), let me = principal.residentID, let household = resident.householdID,
            let caller = try Residency.resident(me, on: tx), caller.householdID == household, caller.compoundID != nil,
            caller.compoundID == resident.compoundID
        {
            return (.selfService, me)
        }
        if principal.role == .head, let head = principal.residentID, let household = resident.householdID,
            try Residency.head(head, covers: household, now: now, on: tx)
        {
            return (.proxy, head)
        }
        if caller.access.manages(compoundID: activity.compoundID, areaPath: activity.areaPath) {
            guard requested != .selfService else { throw Refusal.invalid("channel", "staff sign residents up as proxy or walk-in") }
            return (requested ?? .proxy, nil)
        }
        throw Refusal.notFound("resident")
    }

    /// Registration opens `registrationOpensDaysBefore` days before the start and closes `registrationClosesMinutesBefore` before it.
    static func checkWindow(_ fields: ActivityFields, occurrence: OccurrenceRecord, now: Date) throws {
        if let days = fields.registrationOpensDaysBefore, now < occurrence.startsAt.addingTimeInterval(-Double(days) * 86_400) {
            throw Refusal.conflict("registration opens \(days) days before the occurrence", code: "registration-not-open")
        }
        if now >= occurrence.startsAt.addingTimeInterval(-Double(fields.registrationClosesMinutesBefore) * 60) {
            throw Refusal.conflict("registration for this occurrence has closed", code: "registration-closed")
        }
    }
}
