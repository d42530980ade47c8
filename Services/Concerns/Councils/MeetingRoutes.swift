import Foundation
import Hummingbird
import JobQueue
import Models
import Postgres
import ServiceKit

/// Council meetings: scheduled by staff and published as `council.meeting.scheduled` (the calendar
/// turns it into an activity), agendas from referred concerns and proposals, attendance per party
/// with the quorum check, minutes. Members of the compound read them.
struct MeetingRoutes {
    let runtime: LinliRuntime

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/councils/{id}/meetings") { request, context in
            let body = try await request.decodeBody(NewMeeting.self, context: context)
            let meeting = try await schedule(try context.parameters.require("id", as: Int.self), body, context)
            return EditedResponse(status: .created, response: meeting)
        }
        router.get("/v1/councils/{id}/meetings") { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            let (limit, before) = (try Pagination.limit(request), try Pagination.after(request))
            let meetings = try await runtime.pool.withConnection { connection in
                _ = try CouncilDesk.visible(
                    id,
                    viewer: try Viewer.load(try context.requirePrincipal(), now: runtime.clock.now(), on: connection),
                    on: connection
                )
                return try MeetingStore.meetings(of: id, before: before, limit: limit, on: connection)
            }
            return Page(items: meetings, next: meetings.count == limit ? meetings.last.map { String($0.id) } : nil)
        }
        router.get("/v1/meetings/{id}") { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            return try await runtime.pool.withConnection { connection in
                let viewer = try Viewer.load(try context.requirePrincipal(), now: runtime.clock.now(), on: connection)
                return try Self.view(try Self.visible(id, viewer: viewer, on: connection), on: connection)
            }
        }
        router.post("/v1/meetings/{id}/agenda") { request, context in
            let body = try await request.decodeBody(AgendaRequest.self, context: context)
            return try await extendAgenda(try context.parameters.require("id", as: Int.self), body, context)
        }
        router.post("/v1/meetings/{id}/hold") { request, context in
            let body = try await request.decodeBody(HoldRequest.self, context: context)
            return try await hold(try context.parameters.require("id", as: Int.self), body, context)
        }
        router.put("/v1/meetings/{id}/minutes") { request, context in
            let body = try await request.decodeBody(MinutesRequest.self, context: context)
            var checks = FieldChecks()
            let minutes = checks.text(body.minutes, field: "minutes", max: 20_000)
            try checks.check()
            let id = try context.parameters.require("id", as: Int.self)
            return try await runtime.pool.withTransaction { tx in
                let meeting = try Self.managed(id, viewer: try Viewer.load(try context.requirePrincipal(), now: runtime.clock.now(), on: tx), on: tx)
                guard meeting.state == .held else { throw APIError.conflict("minutes are kept for held meetings", code: "not-held") }
                try tx.execute("UPDATE concerns.meetings SET minutes = \(minutes) WHERE id = \(id)")
                return try Self.view(try MeetingStore.meeting(id, on: tx) ?? meeting, on: tx)
            }
        }
    }

    private func schedule(_ councilID: Int, _ new: NewMeeting, _ context: LinliRequestContext) async throws -> MeetingView {
        let principal = try context.requirePrincipal()
        var checks = FieldChecks()
        let title = checks.text(new.title, field: "title", max: 100)
        let venue = checks.text(new.venue, field: "venue", required: false, max: 100)
        if new.endsAt <= new.startsAt { checks.fail("endsAt", "must be after startsAt") }
        let proposals = Self.proposals(new.proposals, checks: &checks)
        try checks.check()
        return try await runtime.jobs.withTransaction { tx, outbox in
            let viewer = try Viewer.load(principal, now: runtime.clock.now(), on: tx)
            let council = try CouncilDesk.visible(councilID, viewer: viewer, on: tx)
            try CouncilDesk.requireStaff(for: council, viewer: viewer)
            let concernIDs = try new.concernIDs ?? MeetingStore.pendingReferred(compoundID: council.compoundID, on: tx)
            let items = try Self.agendaItems(concernIDs, proposals: proposals, compoundID: council.compoundID, on: tx)
            let id = try MeetingStore.insert(new, title: title ?? "", venue: venue, council: council, on: tx)
            try MeetingStore.appendAgenda(items, to: id, on: tx)
            let meeting = try MeetingStore.meeting(id, on: tx)!
            try Self.publishScheduled(meeting, correlationID: context.requestID, outbox: outbox, on: tx)
            return try Self.view(meeting, on: tx)
        }
    }

    private func extendAgenda(_ id: Int, _ body: AgendaRequest, _ context: LinliRequestContext) async throws -> MeetingView {
        let principal = try context.requirePrincipal()
        var checks = FieldChecks()
        let proposals = Self.proposals(body.proposals, checks: &checks)
        if (body.concernIDs ?? []).isEmpty && proposals.isEmpty { checks.fail("concernIDs", "give concerns or proposals to add") }
        try checks.check()
        return try await runtime.jobs.withTransaction { tx, outbox in
            let meeting = try Self.managed(id, viewer: try Viewer.load(principal, now: runtime.clock.now(), on: tx), on: tx)
            guard meeting.state == .scheduled else { throw APIError.conflict("the meeting has been held", code: "wrong-state") }
            let items = try Self.agendaItems(body.concernIDs ?? [], proposals: proposals, compoundID: meeting.compoundID, on: tx)
            try MeetingStore.appendAgenda(items, to: id, on: tx)
            _ = try MeetingStore.bumpRevision(id, on: tx)
            let changed = try MeetingStore.meeting(id, on: tx)!
            try Self.publishScheduled(changed, correlationID: context.requestID, outbox: outbox, on: tx)
            return try Self.view(changed, on: tx)
        }
    }

    private func hold(_ id: Int, _ body: HoldRequest, _ context: LinliRequestContext) async throws -> MeetingView {
        let principal = try context.requirePrincipal()
        var checks = FieldChecks()
        if body.attendees.isEmpty { checks.fail("attendees", "list who attended") }
        for (index, attendee) in body.attendees.enumerated() {
            checks.choice(attendee.party, field: "attendees[\(index)].party", in: CouncilParty.all.map(\.rawValue))
            _ = checks.text(attendee.name, field: "attendees[\(index)].name", max: 100)
        }
        let minutes = checks.text(body.minutes, field: "minutes", required: false, max: 20_000)
        try checks.check()
        let attendees = body.attendees.map { Attendee(party: $0.party, name: $0.name.trimmingCharacters(in: .whitespaces), seatID: $0.seatID) }
        return try await runtime.jobs.withTransaction { tx, outbox in
            let meeting = try Self.managed(id, viewer: try Viewer.load(principal, now: runtime.clock.now(), on: tx), on: tx)
            guard meeting.state == .scheduled else { throw APIError.conflict("the meeting was already held", code: "wrong-state") }
            let seatIDs = attendees.compactMap(\.seatID)
            let known = try tx.query(
                "SELECT count(*) FROM concerns.council_seats WHERE id = ANY (\(seatIDs)) AND council_id = \(meeting.councilID)"
            ).scalar(Int.self)
            guard known == Set(seatIDs).count else { throw APIError.invalid("attendees", "a seatID is not a seat of this council") }
            let heldAt = body.heldAt ?? runtime.clock.now()
            try MeetingStore.hold(id, at: heldAt, attendees: attendees, minutes: minutes, on: tx)
            try outbox.publish(
                CouncilMeetingHeld(
                    meetingID: id,
                    compoundID: meeting.compoundID,
                    areaPath: meeting.areaPath,
                    heldAt: heldAt,
                    partiesPresent: Quorum.partiesPresent(attendees),
                    quorumMet: Quorum.isMet(attendees)
                ),
                correlationID: context.requestID,
                on: tx
            )
            return try Self.view(try MeetingStore.meeting(id, on: tx)!, on: tx)
        }
    }
}
