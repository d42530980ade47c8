import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

extension MeetingDesk {
    /// Records that a scheduled meeting was held (staff covering it): who attended for which party
    /// (seats must be the council's), whether it was quorate, and the minutes; publishes
    /// `council.meeting.held`.
    func hold(_ id: Int, _ body: HoldRequest, by principal: Principal, requestID: String?) async throws -> MeetingView {
        var checks = FieldChecks()
        if body.attendees.isEmpty { checks.fail("attendees", "list who attended") }
        for (index, attendee) in body.attendees.enumerated() {
            checks.choice(attendee.party, field: "attendees[\(index)].party", in: CouncilParty.all.map(\.rawValue))
            _ = checks.text(attendee.name, field: "attendees[\(index)].name", max: 100)
        }
        let minutes = checks.text(body.minutes, field: "minutes", required: false, max: 20_000)
        try checks.check()
        let attendees = body.attendees.map { Attendee(party: $0.party, name: $0.name.trimmingCharacters(in: .whitespaces), seatID: $0.seatID) }
        return try await jobs.withTransaction { tx, outbox in
            let meeting = try Self.managed(id, viewer: try Viewer.load(principal, now: clock.now(), on: tx), on: tx)
            guard meeting.state == .scheduled else { throw Refusal.conflict("the meeting was already held", code: "wrong-state") }
            let seatIDs = attendees.compactMap(\.seatID)
            let known = try MeetingStore.seatCount(seatIDs, councilID: meeting.councilID, on: tx)
            guard known == Set(seatIDs).count else { throw Refusal.invalid("attendees", "a seatID is not a seat of this council") }
            let heldAt = body.heldAt ?? clock.now()
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
                correlationID: requestID,
                on: tx
            )
            return try Self.view(try MeetingStore.meeting(id, on: tx)!, on: tx)
        }
    }

    /// Replaces the minutes of a held meeting (staff covering it).
    func keepMinutes(_ id: Int, _ body: MinutesRequest, by principal: Principal) async throws -> MeetingView {
        var checks = FieldChecks()
        let minutes = checks.text(body.minutes, field: "minutes", max: 20_000)
        try checks.check()
        return try await pool.withTransaction { tx in
            let meeting = try Self.managed(id, viewer: try Viewer.load(principal, now: clock.now(), on: tx), on: tx)
            guard meeting.state == .held else { throw Refusal.conflict("minutes are kept for held meetings", code: "not-held") }
            try MeetingStore.setMinutes(id, minutes, on: tx)
            return try Self.view(try MeetingStore.meeting(id, on: tx) ?? meeting, on: tx)
        }
    }
}
