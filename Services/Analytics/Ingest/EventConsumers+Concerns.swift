import Foundation
import JobQueue
import Models
import Postgres

extension EventConsumers {
    func registerConcerns(on worker: JobWorker) {
        consume(ConcernRaised.self, on: worker) { event, tx in
            let concern = event.concern
            let fact = Fact(
                kind: ConcernRaised.topic,
                sourceID: concern.concernID,
                occurredAt: concern.raisedAt,
                recordedAt: concern.raisedAt,
                placeID: try places.id(for: concern.placement, on: tx),
                buildingID: concern.placement.buildingID,
                householdID: concern.placement.householdID,
                channel: concern.source
            )
            guard try FactWriter.record(fact, deltas: [RollupDelta([.concernsRaised: 1])], buckets: buckets, on: tx) else { return }
            try tx.execute(
                "INSERT INTO analytics.concerns (concern_id, raised_at) VALUES (\(concern.concernID), \(concern.raisedAt)) ON CONFLICT DO NOTHING"
            )
        }
        consume(ConcernUpdated.self, on: worker) { event, tx in
            _ = try FactWriter.insert(
                Fact(
                    kind: ConcernUpdated.topic,
                    sourceID: event.concern.concernID,
                    variant: event.revision,
                    occurredAt: event.at,
                    recordedAt: event.at,
                    placeID: try places.id(for: event.concern.placement, on: tx)
                ),
                on: tx
            )
        }
        consume(ConcernSettled.self, on: worker) { event, tx in
            // Time to settle, in whole hours (rounded), from when it was raised.
            let hours = max(0, (event.settledAt.timeIntervalSince(event.concern.raisedAt) / 3600).rounded())
            let fact = Fact(
                kind: ConcernSettled.topic,
                sourceID: event.concern.concernID,
                variant: event.revision,
                occurredAt: event.settledAt,
                recordedAt: event.settledAt,
                placeID: try places.id(for: event.concern.placement, on: tx),
                quantity: hours
            )
            let deltas = [RollupDelta([.concernsSettled: 1]), RollupDelta(.settleHours, String(Int(hours)), [.concernsSettled: 1])]
            try FactWriter.record(fact, deltas: deltas, buckets: buckets, on: tx)
        }
        consume(ConcernReopened.self, on: worker) { event, tx in
            let fact = Fact(
                kind: ConcernReopened.topic,
                sourceID: event.concern.concernID,
                variant: event.revision,
                occurredAt: event.reopenedAt,
                recordedAt: event.reopenedAt,
                placeID: try places.id(for: event.concern.placement, on: tx)
            )
            try FactWriter.record(fact, deltas: [RollupDelta([.concernsReopened: 1])], buckets: buckets, on: tx)
        }
        consume(CouncilMeetingScheduled.self, on: worker) { event, tx in
            try recordPlain(
                kind: CouncilMeetingScheduled.topic,
                source: event.meetingID,
                variant: event.revision,
                at: event.startsAt,
                compoundID: event.compoundID,
                areaPath: event.areaPath,
                on: tx
            )
        }
        consume(CouncilMeetingHeld.self, on: worker) { event, tx in
            let fact = Fact(
                kind: CouncilMeetingHeld.topic,
                sourceID: event.meetingID,
                occurredAt: event.heldAt,
                recordedAt: event.heldAt,
                placeID: try places.compoundPlace(event.compoundID, areaPath: event.areaPath, on: tx),
                quantity: Double(event.partiesPresent.count)
            )
            try FactWriter.record(fact, deltas: [RollupDelta([.councilMeetings: 1])], buckets: buckets, on: tx)
        }
        consume(DecisionRecorded.self, on: worker) { event, tx in
            try recordPlain(
                kind: DecisionRecorded.topic,
                source: event.decisionID,
                at: nil,
                compoundID: event.compoundID,
                areaPath: nil,
                on: tx
            )
        }
        consume(ActionOverdue.self, on: worker) { event, tx in
            try recordPlain(
                kind: ActionOverdue.topic + ":" + event.subject,
                source: event.subjectID,
                variant: event.escalation,
                at: event.dueAt,
                compoundID: event.compoundID,
                areaPath: event.areaPath,
                on: tx
            )
        }
    }
}
