import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

extension EventConsumers {
    func registerCalendar(on worker: JobWorker) {
        consume(ThemePublished.self, on: worker) { event, tx in
            let monthStart = buckets.date(fromLabel: event.month + "-01") ?? clock.now()
            guard
                try FactWriter.insert(
                    Fact(
                        kind: ThemePublished.topic,
                        sourceID: event.themeID,
                        variant: event.revision,
                        occurredAt: monthStart,
                        recordedAt: clock.now(),
                        placeID: 0,
                        themeID: event.themeID
                    ),
                    on: tx
                )
            else { return }
            try tx.execute(
                """
                INSERT INTO analytics.themes AS t (theme_id, title, month, revision)
                VALUES (\(event.themeID), \(event.title), \(event.month), \(event.revision))
                ON CONFLICT (theme_id) DO UPDATE SET title = EXCLUDED.title, month = EXCLUDED.month, revision = EXCLUDED.revision
                WHERE t.revision < EXCLUDED.revision
                """
            )
        }
        consume(ActivityPublished.self, on: worker) { event, tx in
            try recordActivity(event.activity, kind: ActivityPublished.topic, revision: event.revision, on: tx)
        }
        consume(ActivityChanged.self, on: worker) { event, tx in
            try recordActivity(event.activity, kind: ActivityChanged.topic, revision: event.revision, on: tx)
        }
        consume(ActivityCancelled.self, on: worker) { event, tx in
            try recordActivity(event.activity, kind: ActivityCancelled.topic, revision: event.revision, on: tx)
        }
        consume(RegistrationCreated.self, on: worker) { event, tx in
            try recordSeat(event.registration, kind: RegistrationCreated.topic, confirmed: event.status == .confirmed, at: event.at, on: tx)
        }
        consume(RegistrationPromoted.self, on: worker) { event, tx in
            try recordSeat(event.registration, kind: RegistrationPromoted.topic, confirmed: true, at: event.at, on: tx)
        }
        consume(RegistrationCancelled.self, on: worker) { event, tx in
            try recordSeat(event.registration, kind: RegistrationCancelled.topic, confirmed: false, at: event.at, on: tx)
        }
        // The hot path: consumed in batches, and relaxes its commit in its lock statement.
        worker.subscribeBatch(AttendanceRecorded.self, maxBatch: 200) { events, tx, _ in
            try AttendanceIngest.record(events, places: places, buckets: buckets, on: tx)
        }
        consume(ActivityHeld.self, on: worker) { event, tx in
            // Keyed by occurrence, not revision: a corrected closing report is not a second activity held.
            let placeID = try places.compoundPlace(event.compoundID, areaPath: event.areaPath, on: tx)
            let fact = Fact(
                kind: ActivityHeld.topic,
                sourceID: event.activityID,
                variant: Int(event.occurrenceStart.timeIntervalSince1970),
                occurredAt: event.occurrenceStart,
                recordedAt: clock.now(),
                placeID: placeID,
                themeID: event.themeID,
                quantity: Double(event.attendance),
                points: event.registrations
            )
            var deltas = [RollupDelta([.activitiesHeld: 1])]
            if let theme = event.themeID { deltas.append(RollupDelta(.theme, String(theme), [.activitiesHeld: 1])) }
            try FactWriter.record(fact, deltas: deltas, buckets: buckets, on: tx)
        }
    }

    private func recordActivity(_ activity: ActivitySummary, kind: String, revision: Int, on tx: isolated PostgresConnection) throws {
        let placeID = try places.compoundPlace(activity.compoundID, areaPath: activity.areaPath, on: tx)
        let fact = Fact(
            kind: kind,
            sourceID: activity.activityID,
            variant: revision,
            occurredAt: activity.startsAt,
            recordedAt: clock.now(),
            placeID: placeID,
            themeID: activity.themeID
        )
        guard try FactWriter.insert(fact, on: tx) else { return }
        try tx.execute(
            """
            INSERT INTO analytics.activities AS a (activity_id, theme_id, revision) VALUES (\(activity.activityID), \(activity.themeID), \(revision))
            ON CONFLICT (activity_id) DO UPDATE SET theme_id = EXCLUDED.theme_id, revision = EXCLUDED.revision
            WHERE a.revision < EXCLUDED.revision
            """
        )
    }

    /// A registration event changes the confirmed seats of its occurrence by −1, 0 or +1; one older than the
    /// registration's latest event (delivered out of order) changes nothing.
    private func recordSeat(
        _ registration: RegistrationSummary,
        kind: String,
        confirmed: Bool,
        at: Date,
        on tx: isolated PostgresConnection
    ) throws {
        let placeID = try residentPlace(registration.residentID, compoundID: registration.compoundID, on: tx)
        let seat = try tx.query(
            "SELECT confirmed, last_at FROM analytics.registrations WHERE registration_id = \(registration.registrationID)"
        ).first
        let was = try seat?.decode(0, as: Bool.self) ?? false
        let stale = try seat.map { try $0.decode(1, as: Date.self) >= at } ?? false
        // A walk-in's registration is made at the door: it is an attendance, not a sign-up, and counting
        // it would make every walk-in look like a no-show (check-ins count signed-up residents only).
        let signUp = registration.channel != .walkIn
        let delta = stale || !signUp ? 0 : (confirmed ? 1.0 : 0.0) - (was ? 1.0 : 0.0)
        let theme =
            try tx.query("SELECT theme_id FROM analytics.activities WHERE activity_id = \(registration.activityID)").scalar(
                Int?.self
            ) ?? nil
        let fact = Fact(
            kind: kind,
            sourceID: registration.registrationID,
            occurredAt: registration.occurrenceStart,
            recordedAt: at,
            placeID: placeID,
            householdID: registration.householdID,
            residentID: registration.residentID,
            channel: registration.channel.rawValue,
            themeID: theme,
            quantity: delta
        )
        guard try FactWriter.insert(fact, on: tx), !stale else { return }
        try tx.execute(
            """
            INSERT INTO analytics.registrations (registration_id, confirmed, last_at) VALUES (\(registration.registrationID), \(confirmed), \(at))
            ON CONFLICT (registration_id) DO UPDATE SET confirmed = EXCLUDED.confirmed, last_at = EXCLUDED.last_at
            """
        )
        guard delta != 0 else { return }
        var deltas = [RollupDelta([.registrations: delta]), RollupDelta(.channel, registration.channel.rawValue, [.registrations: delta])]
        if let theme { deltas.append(RollupDelta(.theme, String(theme), [.registrations: delta])) }
        try FactWriter.add(deltas, placeID: placeID, at: registration.occurrenceStart, buckets: buckets, on: tx)
    }
}
