import CalendarCore
import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// Creates, changes, publishes and cancels activities. A change to a published activity materialises
/// its occurrences again, checks its room and opening hours, reschedules reminders and publishes its
/// event, all in one transaction.
struct ActivityEditor {
    let service: CalendarService

    func create(_ new: NewActivity, by caller: Caller) async throws -> ActivityRecord {
        let problems = new.fields.problems(requireStart: false)
        guard problems.isEmpty else { throw Refusal.invalid(problems) }
        return try await service.pool.withTransaction { tx in
            guard let compound = try Residency.compound(new.compoundID, on: tx),
                caller.access.manages(compoundID: new.compoundID, areaPath: compound.areaPath)
            else { throw Refusal.invalid("compoundID", "no such compound") }
            let venue = try VenueRules.resolve(new.fields, compoundID: new.compoundID, areaPath: compound.areaPath, on: tx)
            var fields = new.fields
            fields.title = fields.title.trimmingCharacters(in: .whitespacesAndNewlines)
            return try ActivityStore.insert(
                ActivityInsert(
                    compoundID: new.compoundID,
                    areaPath: compound.areaPath,
                    fields: fields,
                    venueLabel: venue.label,
                    createdBy: caller.principal.subject
                ),
                on: tx
            )
        }
    }

    func update(_ id: Int, _ patch: ActivityPatch, by caller: Caller) async throws -> ActivityRecord {
        let now = service.clock.now()
        return try await service.jobs.withTransaction { tx, outbox in
            let record = try caller.access.managed(try ActivityStore.load(id, lock: .update, on: tx), now: now, on: tx)
            try Self.requireChangeable(record)
            var next = record
            next.fields = try patch.applied(to: record.fields)
            let problems = next.fields.problems(requireStart: record.isPublished)
            guard problems.isEmpty else { throw Refusal.invalid(problems) }
            let venue = try VenueRules.resolve(next.fields, compoundID: record.compoundID, areaPath: record.areaPath, on: tx)
            next.venueLabel = venue.label
            guard record.isPublished else { return try ActivityStore.save(next, on: tx) }
            guard next != record else { return record }
            next.sequence += 1
            next.revision += 1
            let changes = ActivityEvents.changes(from: record, to: next)
            return try commit(next, firstPublication: false, venue: venue.venue, caller: caller, now: now, outbox: outbox, on: tx) { summary, saved in
                ActivityChanged(activity: summary, changes: changes, occurrenceStart: nil, revision: saved.revision)
            }
        }
    }

    func publish(_ id: Int, by caller: Caller) async throws -> ActivityRecord {
        let now = service.clock.now()
        return try await service.jobs.withTransaction { tx, outbox in
            let record = try caller.access.managed(try ActivityStore.load(id, lock: .update, on: tx), now: now, on: tx)
            guard record.state == .draft else { throw Refusal.conflict("the activity is already \(record.state.rawValue)", code: "not-a-draft") }
            let problems = record.fields.problems(requireStart: true)
            guard problems.isEmpty else { throw Refusal.invalid(problems) }
            let venue = try VenueRules.resolve(record.fields, compoundID: record.compoundID, areaPath: record.areaPath, on: tx)
            var next = record
            next.state = .published
            next.venueLabel = venue.label
            next.revision += 1
            return try commit(next, firstPublication: true, venue: venue.venue, caller: caller, now: now, outbox: outbox, on: tx) { summary, saved in
                ActivityPublished(activity: summary, revision: saved.revision)
            }
        }
    }

    /// Cancels the whole activity: its future occurrences are cancelled and their reminders withdrawn;
    /// registrations stay on record (the people told learn of it from `activity.cancelled`).
    func cancel(_ id: Int, reason: String?, by caller: Caller) async throws -> ActivityRecord {
        let now = service.clock.now()
        if let reason, reason.count > 500 { throw Refusal.invalid("reason", "must be at most 500 characters") }
        return try await service.jobs.withTransaction { tx, outbox in
            let record = try caller.access.managed(try ActivityStore.load(id, lock: .update, on: tx), now: now, on: tx)
            guard record.isPublished else { throw Refusal.conflict("only a published activity can be cancelled", code: "not-published") }
            var next = record
            next.state = .cancelled
            next.cancelReason = reason
            next.sequence += 1
            next.revision += 1
            return try commit(next, firstPublication: false, venue: nil, caller: caller, now: now, outbox: outbox, on: tx) { summary, saved in
                ActivityCancelled(activity: summary, occurrenceStart: nil, reason: reason, revision: saved.revision)
            }
        }
    }

    /// A cancelled activity, or a council meeting (owned by the concerns service), cannot be edited here.
    static func requireChangeable(_ record: ActivityRecord) throws {
        guard record.state != .cancelled else { throw Refusal.conflict("the activity was cancelled", code: "activity-cancelled") }
        guard record.kind != .councilMeeting else {
            throw Refusal.conflict("a council meeting is changed in the concerns service", code: "council-meeting")
        }
    }
}
