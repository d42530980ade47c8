import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

extension DecisionDesk {
    /// Records a decision of a held, quorate meeting and publishes `decision.recorded`. The referred
    /// concerns it is about are settled (publishing `concern.settled`) or sent back to their owner
    /// in progress (`concern.updated`), with the decision as their public update.
    func record(_ meetingID: Int, _ body: NewDecision, by principal: Principal, requestID: String?) async throws -> DecisionView {
        var checks = FieldChecks()
        let summary = checks.text(body.summary, field: "summary", max: 2_000)
        for (index, item) in (body.actionItems ?? []).enumerated() {
            _ = checks.text(item.title, field: "actionItems[\(index)].title", max: 200)
            checks.choice(item.ownerParty, field: "actionItems[\(index)].ownerParty", in: CouncilParty.all.map(\.rawValue))
        }
        try checks.check()
        let settings = configuration
        return try await jobs.withTransaction { tx, outbox in
            let viewer = try Viewer.load(principal, now: clock.now(), on: tx)
            let meeting = try MeetingDesk.managed(meetingID, viewer: viewer, on: tx)
            guard meeting.state == .held else { throw Refusal.conflict("decisions are recorded for held meetings", code: "not-held") }
            guard meeting.quorumMet == true else {
                let missing = Quorum.missing(from: meeting.partiesPresent).map(\.rawValue).joined(separator: ", ")
                throw Refusal.conflict("the meeting had no quorum (absent: \(missing))", code: "no-quorum")
            }
            let agenda = Set(try MeetingStore.agenda(of: meetingID, on: tx).compactMap(\.concernID))
            let concernIDs = Array(Set(body.concernIDs ?? [])).sorted()
            for (index, id) in (body.concernIDs ?? []).enumerated() where !agenda.contains(id) {
                throw Refusal.invalid("concernIDs[\(index)]", "is not on the meeting's agenda")
            }
            let id = try DecisionStore.insert(
                body,
                summary: summary ?? "",
                concernIDs: concernIDs,
                meeting: meeting,
                recordedBy: principal.subject,
                on: tx
            )
            let action: ConcernAction = body.settlesConcerns == true ? .settle : .start
            for concernID in concernIDs {
                guard let concern = try ConcernStore.concern(concernID, lock: .update, on: tx) else { continue }
                let allowed = ConcernTransition.check(
                    action,
                    from: concern.state,
                    settledAt: concern.settledAt,
                    confirmedAt: concern.confirmedAt,
                    now: clock.now(),
                    reopenWindow: settings.reopenWindow
                )
                guard case .success = allowed else { continue }
                let changed = try ConcernStore.apply(action, to: concernID, ownerParty: nil, on: tx)
                try ConcernStore.addUpdate(
                    to: concernID,
                    state: changed.stateName,
                    action: "decision",
                    public: true,
                    note: summary,
                    author: principal.subject,
                    party: nil,
                    on: tx
                )
                try ConcernEvents.publish(action, concern: changed, publicNote: summary, correlationID: requestID, outbox: outbox, on: tx)
            }
            let decision = try DecisionStore.decisions(of: meetingID, on: tx).first { $0.id == id }!
            try outbox.publish(
                DecisionRecorded(
                    decisionID: id,
                    meetingID: meetingID,
                    compoundID: meeting.compoundID,
                    concernIDs: concernIDs,
                    summary: decision.summary,
                    actionItemCount: decision.actionItems.count
                ),
                correlationID: requestID,
                on: tx
            )
            return decision
        }
    }
}
