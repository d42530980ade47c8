import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

extension MeetingDesk {
    /// The meeting, if the viewer may see its council; else 404.
    static func visible(_ id: Int, viewer: Viewer, on connection: isolated PostgresConnection) throws -> MeetingRecord {
        guard let meeting = try MeetingStore.meeting(id, on: connection),
            viewer.isStaff(areaPath: meeting.areaPath, compoundID: meeting.compoundID) || viewer.memberCompounds.contains(meeting.compoundID)
        else { throw Refusal.notFound("meeting") }
        return meeting
    }

    /// The meeting, locked, if the viewer is staff covering it (404 if they cannot see it, 403 if they only read it).
    static func managed(_ id: Int, viewer: Viewer, on tx: isolated PostgresConnection) throws -> MeetingRecord {
        _ = try visible(id, viewer: viewer, on: tx)
        guard let meeting = try MeetingStore.meeting(id, lock: .update, on: tx) else { throw Refusal.notFound("meeting") }
        guard viewer.isStaff(areaPath: meeting.areaPath, compoundID: meeting.compoundID) else {
            throw Refusal.forbidden("only staff covering the compound run its council meetings")
        }
        return meeting
    }

    /// The whole meeting: agenda, attendance, minutes, decisions with their action items.
    static func view(_ meeting: MeetingRecord, on connection: isolated PostgresConnection) throws -> MeetingView {
        MeetingView(
            meeting: meeting.summary,
            agenda: try MeetingStore.agenda(of: meeting.id, on: connection),
            attendance: try MeetingStore.attendance(of: meeting.id, on: connection),
            partiesPresent: meeting.partiesPresent,
            minutes: meeting.minutes,
            decisions: try DecisionStore.decisions(of: meeting.id, on: connection)
        )
    }

    /// Checks proposals (each 1–200 characters, at most 50).
    static func proposals(_ proposals: [String]?, checks: inout FieldChecks) -> [String] {
        let proposals = proposals ?? []
        if proposals.count > 50 { checks.fail("proposals", "at most 50") }
        return proposals.enumerated().compactMap { index, text in checks.text(text, field: "proposals[\(index)]", max: 200) }
    }

    /// Agenda items for referred concerns of the compound (422 naming any other) and proposals.
    static func agendaItems(_ concernIDs: [Int], proposals: [String], compoundID: Int, on tx: isolated PostgresConnection) throws -> [AgendaItem] {
        let titles = try MeetingStore.referredTitles(concernIDs, compoundID: compoundID, on: tx)
        var checks = FieldChecks()
        for (index, id) in concernIDs.enumerated() where titles[id] == nil {
            checks.fail("concernIDs[\(index)]", "is not a concern of this compound referred to its council")
        }
        try checks.check()
        var seen = Set<Int>()
        let concerns = concernIDs.filter { seen.insert($0).inserted }.map { AgendaItem(position: 0, concernID: $0, title: titles[$0] ?? "") }
        return concerns + proposals.map { AgendaItem(position: 0, concernID: nil, title: $0) }
    }

    /// Publishes the meeting (again, with its new revision, after its agenda changed) for the calendar.
    static func publishScheduled(_ meeting: MeetingRecord, correlationID: String?, outbox: JobOutbox, on tx: isolated PostgresConnection) throws {
        try outbox.publish(
            CouncilMeetingScheduled(
                meetingID: meeting.id,
                councilID: meeting.councilID,
                compoundID: meeting.compoundID,
                areaPath: meeting.areaPath,
                title: meeting.title,
                venue: meeting.venue,
                startsAt: meeting.startsAt,
                endsAt: meeting.endsAt,
                agenda: try MeetingStore.agenda(of: meeting.id, on: tx).map(\.title),
                revision: meeting.revision
            ),
            correlationID: correlationID,
            on: tx
        )
    }
}
