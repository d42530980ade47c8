import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

extension AttendanceDesk {
    /// Files (or files again) the closing report: volunteers not yet recorded are recorded as attending,
    /// the others get their role and hours, and `activity.held` carries the figures with a new revision.
    func fileReport(_ activityID: Int, _ start: String, _ body: ReportBody, by caller: Caller) async throws -> ClosingReport {
        var problems: [Refusal.Field] = []
        if (body.notes?.count ?? 0) > 4_000 { problems.append(.init(field: "notes", message: "must be at most 4,000 characters")) }
        let volunteers = body.volunteers ?? []
        if volunteers.count > 500 { problems.append(.init(field: "volunteers", message: "at most 500")) }
        for (index, line) in volunteers.enumerated() {
            problems += volunteerProblems(role: line.volunteerRole, hours: line.volunteerHours, field: "volunteers[\(index)].")
        }
        guard problems.isEmpty else { throw Refusal.invalid(problems) }
        let now = service.clock.now()
        return try await service.jobs.withTransaction { tx, outbox in
            let (activity, occurrence) = try target(activityID, start, caller: caller, now: now, on: tx)
            guard occurrence.startsAt <= now else {
                throw Refusal.conflict("a report is filed once the occurrence has started", code: "not-started")
            }
            let people = try Residency.residents(volunteers.map(\.residentID), on: tx)
            for (index, line) in volunteers.enumerated() {
                guard let resident = people[line.residentID] else { throw Refusal.invalid("volunteers[\(index)].residentID", "no such resident") }
                let recorded = try record(
                    line,
                    resident: resident,
                    registration: nil,
                    channel: .paper,
                    activity: activity,
                    occurrence: occurrence,
                    caller: caller,
                    now: now,
                    outbox: outbox,
                    on: tx
                )
                if !recorded.isNew {
                    try AttendanceStore.setVolunteering(
                        recorded.attendance.id,
                        role: line.volunteerRole,
                        hours: line.volunteerHours,
                        on: tx
                    )
                }
            }
            try AttendanceStore.fileReport(occurrenceID: occurrence.id, notes: body.notes ?? "", filedBy: caller.principal.subject, on: tx)
            let report = try figures(activity, occurrence, on: tx)
            try outbox.publish(
                ActivityHeld(
                    activityID: activity.id,
                    occurrenceStart: occurrence.startsAt,
                    compoundID: activity.compoundID,
                    areaPath: activity.areaPath,
                    themeID: activity.themeID,
                    registrations: report.registrations,
                    attendance: report.attendance,
                    volunteerHours: report.volunteerHours,
                    revision: report.revision
                ),
                correlationID: caller.requestID,
                on: tx
            )
            return report
        }
    }

    /// The report as filed so far (figures are always current).
    func report(_ activityID: Int, _ start: String, by caller: Caller) async throws -> ClosingReport {
        let now = service.clock.now()
        return try await service.pool.withConnection { tx in
            let (activity, occurrence) = try target(activityID, start, caller: caller, now: now, on: tx)
            return try figures(activity, occurrence, on: tx)
        }
    }

    private func figures(_ activity: ActivityRecord, _ occurrence: OccurrenceRecord, on tx: isolated PostgresConnection) throws -> ClosingReport {
        let counts = try RegistrationStore.counts([occurrence.id], on: tx)[occurrence.id] ?? (0, 0)
        let attendance = try AttendanceStore.list(occurrenceID: occurrence.id, on: tx)
        let names = try Residency.residents(attendance.map(\.residentID), on: tx)
        let filed = try AttendanceStore.filedReport(occurrenceID: occurrence.id, on: tx)
        return ClosingReport(
            occurrenceID: occurrence.id,
            activityID: activity.id,
            startsAt: occurrence.startsAt,
            registrations: counts.confirmed,
            waitlisted: counts.waitlisted,
            attendance: attendance.count,
            byChannel: Dictionary(grouping: attendance, by: \.channel.rawValue).mapValues(\.count),
            volunteerHours: attendance.reduce(0) { $0 + $1.volunteerHours },
            volunteers: attendance.filter { $0.volunteerRole != nil || $0.volunteerHours > 0 }.map {
                ClosingReport.Volunteer(residentID: $0.residentID, name: names[$0.residentID]?.name, role: $0.volunteerRole, hours: $0.volunteerHours)
            },
            notes: filed?.notes ?? "",
            revision: filed?.revision ?? 0,
            filedBy: filed?.filedBy,
            filedAt: filed?.filedAt
        )
    }
}
