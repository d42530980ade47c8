import Foundation
import Models

extension MessageComposer {
    static let concernStates = [
        "raised": "已受理", "acknowledged": "已受理", "in-progress": "办理中", "referred": "已提交四方议事会", "reopened": "重新办理",
        "settled": "已办结",
    ]

    /// A concern's progress, to the resident who raised it (none when nobody is on record).
    func concern(_ summary: ConcernSummary, state: String, note: String?, eventID: String) -> NewMessage? {
        guard let reporter = summary.reporterResidentID else { return nil }
        var context: TemplateContext = ["title": .text(summary.title), "state": .text(Self.concernStates[state] ?? state)]
        context["note"] = .optional(note)
        return NewMessage(
            sourceKey: eventID,
            kind: MessageKind.concernUpdated,
            compoundID: summary.placement.compoundID,
            areaPath: summary.placement.areaPath,
            context: context,
            audience: .residents([reporter])
        )
    }

    /// A settled concern: the reporter is told, and the compound's digest lists it.
    func settled(_ event: ConcernSettled) -> NewMessage {
        let summary = event.concern
        return NewMessage(
            sourceKey: event.eventID,
            kind: MessageKind.concernSettled,
            compoundID: summary.placement.compoundID,
            areaPath: summary.placement.areaPath,
            context: ["title": .text(summary.title)],
            audience: summary.reporterResidentID.map { .residents([$0]) } ?? .nobody
        )
    }

    func councilScheduled(_ event: CouncilMeetingScheduled) -> NewMessage {
        var context: TemplateContext = ["title": .text(event.title), "time": .text(time(event.startsAt)), "agenda": .texts(event.agenda)]
        context["venue"] = .optional(event.venue)
        return NewMessage(
            sourceKey: event.eventID,
            kind: MessageKind.councilScheduled,
            compoundID: event.compoundID,
            areaPath: event.areaPath,
            context: context,
            audience: .nobody
        )
    }

    func councilHeld(_ event: CouncilMeetingHeld) -> NewMessage {
        NewMessage(
            sourceKey: event.eventID,
            kind: MessageKind.councilHeld,
            compoundID: event.compoundID,
            areaPath: event.areaPath,
            context: ["time": .text(time(event.heldAt)), "quorum": .flag(event.quorumMet)],
            audience: .nobody
        )
    }

    /// An overdue concern or action item, to the heads serving the compound.
    func overdue(_ event: ActionOverdue) -> NewMessage {
        NewMessage(
            sourceKey: event.eventID,
            kind: MessageKind.actionOverdue,
            compoundID: event.compoundID,
            areaPath: event.areaPath,
            context: [
                "title": .text(event.title), "due": .text(time(event.dueAt)),
                "escalation": event.escalation > 0 ? .text(String(event.escalation)) : .flag(false),
            ],
            audience: .heads(compoundID: event.compoundID)
        )
    }
}
