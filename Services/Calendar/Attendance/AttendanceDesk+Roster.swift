import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

extension AttendanceDesk {
    /// Enters a paper sign-in sheet after the event (channel `paper`); residents already recorded are left as they are.
    func enterRoster(_ activityID: Int, _ start: String, _ roster: PaperRoster, by caller: Caller) async throws -> RosterResult {
        guard (1...2_000).contains(roster.entries.count) else { throw Refusal.invalid("entries", "give 1 to 2,000 entries") }
        var problems: [Refusal.Field] = []
        for (index, line) in roster.entries.enumerated() {
            problems += volunteerProblems(role: line.volunteerRole, hours: line.volunteerHours, field: "entries[\(index)].")
        }
        guard problems.isEmpty else { throw Refusal.invalid(problems) }
        let now = service.clock.now()
        return try await service.jobs.withTransaction { tx, outbox in
            let (activity, occurrence) = try target(activityID, start, caller: caller, now: now, on: tx)
            guard occurrence.startsAt <= now else {
                throw Refusal.conflict("a paper roster is entered once the occurrence has started", code: "not-started")
            }
            let people = try Residency.residents(roster.entries.map(\.residentID), on: tx)
            let unknown = roster.entries.enumerated().filter { people[$0.element.residentID] == nil }
            guard unknown.isEmpty else {
                throw Refusal.invalid(unknown.prefix(20).map { .init(field: "entries[\($0.offset)].residentID", message: "no such resident") })
            }
            var result = RosterResult(recorded: 0, alreadyRecorded: 0)
            for line in roster.entries {
                guard let resident = people[line.residentID] else { continue }
                let registration = try RegistrationStore.active(occurrenceID: occurrence.id, residentID: resident.id, on: tx)
                let recorded = try record(
                    line,
                    resident: resident,
                    registration: registration?.status == .confirmed ? registration : nil,
                    channel: .paper,
                    activity: activity,
                    occurrence: occurrence,
                    caller: caller,
                    now: now,
                    outbox: outbox,
                    on: tx
                )
                if recorded.isNew { result.recorded += 1 } else { result.alreadyRecorded += 1 }
            }
            return result
        }
    }
}
