import CalendarCore
import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// Records who came: check-in by code or QR, walk-ins, paper rosters afterwards. Recording a resident
/// twice changes nothing, so `attendance.recorded` (which earns points) goes out once per resident.
struct AttendanceDesk {
    let service: CalendarService

    /// The occurrence the compound's staff are recording for, with its activity.
    func target(
        _ activityID: Int,
        _ start: String,
        caller: Caller,
        now: Date,
        on tx: isolated PostgresConnection
    ) throws -> (ActivityRecord, OccurrenceRecord) {
        let activity = try caller.access.readable(try ActivityStore.load(activityID, on: tx), now: now, on: tx)
        guard caller.access.manages(compoundID: activity.compoundID, areaPath: activity.areaPath) else {
            throw Refusal.forbidden("only the compound's staff record attendance")
        }
        guard let occurrence = try OccurrenceStore.find(activityID: activityID, recurrenceID: try OccurrenceKey.parse(start), on: tx) else {
            throw Refusal.notFound("occurrence")
        }
        guard !occurrence.cancelled, activity.state != .draft else {
            throw Refusal.conflict("attendance is recorded only for occurrences that take place", code: "occurrence-cancelled")
        }
        return (activity, occurrence)
    }

    func checkIn(_ activityID: Int, _ start: String, _ body: CheckInBody, by caller: Caller) async throws -> CheckInResult {
        let problems = volunteerProblems(role: body.volunteerRole, hours: body.volunteerHours, field: "")
        guard problems.isEmpty else { throw Refusal.invalid(problems) }
        let now = service.clock.now()
        return try await service.jobs.withTransaction { tx, outbox in
            let (activity, occurrence) = try target(activityID, start, caller: caller, now: now, on: tx)
            guard now >= occurrence.startsAt.addingTimeInterval(-Double(service.configuration.checkInOpensMinutes) * 60) else {
                throw Refusal.conflict(
                    "check-in opens \(service.configuration.checkInOpensMinutes) minutes before the start",
                    code: "check-in-not-open"
                )
            }
            let registration: RegistrationRecord?
            let residentID: Int
            if let code = try Self.code(body, occurrenceID: occurrence.id) {
                guard let found = try RegistrationStore.byCode(occurrenceID: occurrence.id, code: code, on: tx), found.status != .cancelled else {
                    throw Refusal.invalid(body.qr == nil ? "code" : "qr", "no registration of this occurrence has that code")
                }
                guard found.status == .confirmed else {
                    throw Refusal.conflict("the registration is still on the waitlist; check the resident in as a walk-in", code: "waitlisted")
                }
                (registration, residentID) = (found, found.residentID)
            } else if let walkIn = body.residentID {
                residentID = walkIn
                registration = try RegistrationStore.active(occurrenceID: occurrence.id, residentID: walkIn, on: tx).flatMap {
                    $0.status == .confirmed ? $0 : nil
                }
            } else {
                throw Refusal.invalid("code", "give a check-in code, a scanned qr payload, or the residentID of a walk-in")
            }
            guard let resident = try Residency.resident(residentID, on: tx) else { throw Refusal.invalid("residentID", "no such resident") }
            let line = RosterLine(residentID: residentID, volunteerRole: body.volunteerRole, volunteerHours: body.volunteerHours)
            let channel = registration?.channel ?? .walkIn
            let recorded = try record(
                line,
                resident: resident,
                registration: registration,
                channel: channel,
                activity: activity,
                occurrence: occurrence,
                caller: caller,
                now: now,
                outbox: outbox,
                on: tx
            )
            return CheckInResult(attendance: recorded.attendance, residentName: resident.name, alreadyCheckedIn: !recorded.isNew)
        }
    }

    /// The code a check-in names: typed (`code`) or inside a scanned QR payload for this occurrence.
    static func code(_ body: CheckInBody, occurrenceID: Int) throws -> String? {
        if let qr = body.qr {
            let parts = qr.split(separator: ":")
            guard parts.count == 4, parts[0] == "linli-checkin", parts[1] == "v1", Int(parts[2]) == occurrenceID,
                let code = try? CheckInCode(validating: String(parts[3]))
            else { throw Refusal.invalid("qr", "not a check-in code of this occurrence") }
            return code.value
        }
        guard let text = body.code else { return nil }
        do {
            return try CheckInCode(validating: text).value
        } catch {
            throw Refusal.invalid("code", error.reason)
        }
    }

    /// Inserts the attendance unless the resident is already recorded, and publishes `attendance.recorded` when new.
    func record(
        _ line: RosterLine,
        resident: ResidentRecord,
        registration: RegistrationRecord?,
        channel: AttendanceChannel,
        activity: ActivityRecord,
        occurrence: OccurrenceRecord,
        caller: Caller,
        now: Date,
        outbox: JobOutbox,
        on tx: isolated PostgresConnection
    ) throws -> (attendance: AttendanceRecord, isNew: Bool) {
        let inserted = try AttendanceStore.insert(
            occurrenceID: occurrence.id,
            residentID: resident.id,
            registrationID: registration?.id,
            channel: channel,
            volunteerRole: line.volunteerRole,
            volunteerHours: line.volunteerHours ?? 0,
            recordedBy: caller.principal.subject,
            on: tx
        )
        guard let attendance = inserted else {
            return (try AttendanceStore.load(occurrenceID: occurrence.id, residentID: resident.id, on: tx), false)
        }
        let fields = activity.fields
        try outbox.publish(
            AttendanceRecorded(
                attendanceID: attendance.id,
                activityID: activity.id,
                occurrenceStart: occurrence.startsAt,
                themeID: activity.themeID,
                residentID: resident.id,
                placement: resident.placement ?? Placement(areaPath: activity.areaPath, compoundID: activity.compoundID),
                channel: attendance.channel,
                volunteerRole: attendance.volunteerRole,
                volunteerHours: attendance.volunteerHours,
                points: fields.earnsPoints ? fields.points : 0,
                at: attendance.checkedInAt
            ),
            correlationID: caller.requestID,
            on: tx
        )
        return (attendance, true)
    }
}
