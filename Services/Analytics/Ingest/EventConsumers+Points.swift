import Foundation
import JobQueue
import Models
import Postgres

extension EventConsumers {
    func registerPointsAndNotifications(on worker: JobWorker) {
        consume(PointsAwarded.self, on: worker) { event, tx in
            let placeID = try residentPlace(event.residentID, compoundID: event.compoundID, on: tx)
            let fact = Fact(
                kind: PointsAwarded.topic,
                sourceID: event.entryID,
                occurredAt: event.awardedAt,
                recordedAt: event.awardedAt,
                placeID: placeID,
                residentID: event.residentID,
                channel: event.reason,
                quantity: Double(event.delta),
                points: event.starLevel
            )
            let deltas = [RollupDelta([.pointsAwarded: Double(event.delta), .pointsEntries: 1])]
            guard try FactWriter.record(fact, deltas: deltas, buckets: buckets, on: tx) else { return }
            // The star level as of the resident's latest ledger entry, whatever order entries arrive in.
            let changed = try tx.execute(
                """
                UPDATE analytics.residents SET star_level = \(event.starLevel), star_entry = \(event.entryID)
                WHERE resident_id = \(event.residentID) AND star_entry < \(event.entryID)
                """
            )
            if changed > 0, let current = try places.residentPlace(event.residentID, on: tx) {
                try PlaceState.recompute([current], on: tx)
            }
        }
        consume(RewardRedeemed.self, on: worker) { event, tx in
            let placeID = try residentPlace(event.residentID, compoundID: event.compoundID, on: tx)
            let states = ["reserved": 1, "confirmed": 2, "cancelled": 3]
            _ = try FactWriter.insert(
                Fact(
                    kind: RewardRedeemed.topic,
                    sourceID: event.redemptionID,
                    variant: states[event.state] ?? 0,
                    occurredAt: event.at,
                    recordedAt: event.at,
                    placeID: placeID,
                    residentID: event.residentID,
                    channel: event.state,
                    quantity: Double(event.points)
                ),
                on: tx
            )
        }
        consume(MemberCheckedIn.self, on: worker) { event, tx in
            let placeID = try residentPlace(event.residentID, compoundID: event.compoundID, on: tx)
            let fact = Fact(
                kind: MemberCheckedIn.topic,
                sourceID: event.checkInID,
                occurredAt: event.at,
                recordedAt: event.at,
                placeID: placeID,
                residentID: event.residentID
            )
            try FactWriter.record(fact, deltas: [RollupDelta([.memberCheckins: 1])], buckets: buckets, on: tx)
        }
        consume(NotificationDelivered.self, on: worker) { event, tx in
            let placeID = try event.compoundID.map { try places.compoundPlace($0, areaPath: nil, on: tx) } ?? 0
            let sent = event.status == "sent"
            let fact = Fact(
                kind: NotificationDelivered.topic,
                sourceID: event.deliveryID,
                occurredAt: event.at,
                recordedAt: event.at,
                placeID: placeID,
                channel: event.channel,
                quantity: sent ? 1 : 0,
                points: event.attempts
            )
            let measure: Measure = sent ? .notificationsSent : .notificationsFailed
            let deltas = [RollupDelta([measure: 1]), RollupDelta(.notificationChannel, event.channel, [measure: 1])]
            try FactWriter.record(fact, deltas: deltas, buckets: buckets, on: tx)
        }
    }
}
