import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// Council meetings: staff covering the compound schedule them and grow their agendas (each change is
/// published as `council.meeting.scheduled`, which the calendar turns into an activity); members of the
/// compound read them. Each method authorises the caller against the council or meeting itself and
/// throws ``Refusal``.
struct MeetingDesk {
    let jobs: JobQueue
    /// What "now" is (the viewer's seats and memberships, and a meeting held without a time).
    let clock: WallClock

    var pool: PostgresPool { jobs.pool }

    /// A council's meetings, newest first, if the caller may see the council.
    func meetings(of councilID: Int, before: Int?, limit: Int, by principal: Principal) async throws -> Page<MeetingSummary> {
        let meetings = try await pool.withConnection { connection in
            _ = try CouncilDesk.visible(councilID, viewer: try Viewer.load(principal, now: clock.now(), on: connection), on: connection)
            return try MeetingStore.meetings(of: councilID, before: before, limit: limit, on: connection)
        }
        return Page(items: meetings, next: meetings.count == limit ? meetings.last.map { String($0.id) } : nil)
    }

    /// The whole meeting, if the caller may see its council.
    func meeting(_ id: Int, by principal: Principal) async throws -> MeetingView {
        try await pool.withConnection { connection in
            let viewer = try Viewer.load(principal, now: clock.now(), on: connection)
            return try Self.view(try Self.visible(id, viewer: viewer, on: connection), on: connection)
        }
    }

    /// Schedules a meeting of a council (staff covering its compound) with the given referred concerns
    /// (or every referred concern not yet on a coming agenda) and proposals, and publishes it.
    func schedule(_ councilID: Int, _ new: NewMeeting, by principal: Principal, requestID: String?) async throws -> MeetingView {
        var checks = FieldChecks()
        let title = checks.text(new.title, field: "title", max: 100)
        let venue = checks.text(new.venue, field: "venue", required: false, max: 100)
        if new.endsAt <= new.startsAt { checks.fail("endsAt", "must be after startsAt") }
        let proposals = Self.proposals(new.proposals, checks: &checks)
        try checks.check()
        return try await jobs.withTransaction { tx, outbox in
            let viewer = try Viewer.load(principal, now: clock.now(), on: tx)
            let council = try CouncilDesk.visible(councilID, viewer: viewer, on: tx)
            try CouncilDesk.requireStaff(for: council, viewer: viewer)
            let concernIDs = try new.concernIDs ?? MeetingStore.pendingReferred(compoundID: council.compoundID, on: tx)
            let items = try Self.agendaItems(concernIDs, proposals: proposals, compoundID: council.compoundID, on: tx)
            let id = try MeetingStore.insert(new, title: title ?? "", venue: venue, council: council, on: tx)
            try MeetingStore.appendAgenda(items, to: id, on: tx)
            let meeting = try MeetingStore.meeting(id, on: tx)!
            try Self.publishScheduled(meeting, correlationID: requestID, outbox: outbox, on: tx)
            return try Self.view(meeting, on: tx)
        }
    }

    /// Adds concerns and proposals to the agenda of a meeting still to be held, moves its revision on
    /// and publishes it again.
    func extendAgenda(_ id: Int, _ body: AgendaRequest, by principal: Principal, requestID: String?) async throws -> MeetingView {
        var checks = FieldChecks()
        let proposals = Self.proposals(body.proposals, checks: &checks)
        if (body.concernIDs ?? []).isEmpty && proposals.isEmpty { checks.fail("concernIDs", "give concerns or proposals to add") }
        try checks.check()
        return try await jobs.withTransaction { tx, outbox in
            let meeting = try Self.managed(id, viewer: try Viewer.load(principal, now: clock.now(), on: tx), on: tx)
            guard meeting.state == .scheduled else { throw Refusal.conflict("the meeting has been held", code: "wrong-state") }
            let items = try Self.agendaItems(body.concernIDs ?? [], proposals: proposals, compoundID: meeting.compoundID, on: tx)
            try MeetingStore.appendAgenda(items, to: id, on: tx)
            _ = try MeetingStore.bumpRevision(id, on: tx)
            let changed = try MeetingStore.meeting(id, on: tx)!
            try Self.publishScheduled(changed, correlationID: requestID, outbox: outbox, on: tx)
            return try Self.view(changed, on: tx)
        }
    }
}
