import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

extension NotificationsService {
    /// The projections of registry and calendar data: each event applied in its own transaction, once.
    func subscribeProjections(on worker: JobWorker) {
        // A head's or resident's scope follows these: their cached principal is dropped (see ScopeResolverCache).
        let scopes = runtime.scopes.cache
        worker.subscribe(ResidentRegistered.self) { event, _, tx, _ in try RecipientProjection.apply(event, on: tx) }
        worker.subscribe(ResidentChanged.self) { event, _, tx, _ in try RecipientProjection.apply(event, on: tx) }
        worker.subscribe(ResidentMoved.self) { event, _, tx, _ in
            try RecipientProjection.apply(event, on: tx)
            scopes.invalidate(residentID: event.residentID)
        }
        worker.subscribe(HouseholdChanged.self) { event, _, tx, _ in try RecipientProjection.apply(event, on: tx) }
        worker.subscribe(CompoundChanged.self) { event, _, tx, _ in try RecipientProjection.apply(event, on: tx) }
        worker.subscribe(HeadAssigned.self) { event, _, tx, _ in
            try RecipientProjection.apply(event, on: tx)
            scopes.invalidate(residentID: event.residentID)
        }
        worker.subscribe(HeadVacated.self) { event, _, tx, _ in
            try RecipientProjection.apply(event, on: tx)
            scopes.invalidate(residentID: event.residentID)
        }
        worker.subscribe(GroupChatChanged.self) { event, _, tx, _ in try RecipientProjection.apply(event, on: tx) }
        worker.subscribe(RegistrationCancelled.self) { event, _, tx, _ in
            try RecipientProjection.register(event.registration, status: .cancelled, on: tx)
        }
    }

    /// The events that become messages: the message, its deliveries and their jobs commit with the
    /// event's consumption, so a redelivered event makes nothing twice.
    func subscribeMessages(on worker: JobWorker) {
        let (fanout, composer, clock) = (self.fanout, self.composer, runtime.clock)
        worker.subscribe(ActivityPublished.self) { event, _, tx, outbox in
            try ProjectedActivity.upsert(event.activity, revision: event.revision, on: tx)
            try fanout.make(composer.published(event), on: tx, outbox: outbox)
        }
        worker.subscribe(ActivityChanged.self) { event, _, tx, outbox in
            try ProjectedActivity.upsert(event.activity, revision: event.revision, on: tx)
            try fanout.make(composer.changed(event), on: tx, outbox: outbox)
        }
        worker.subscribe(ActivityCancelled.self) { event, _, tx, outbox in
            try fanout.make(composer.cancelled(event), on: tx, outbox: outbox)
        }
        worker.registerTransactional(ActivityReminder.self) { job, _, tx, outbox in
            try fanout.make(composer.reminder(job), on: tx, outbox: outbox)
        }
        worker.subscribe(RegistrationCreated.self) { event, _, tx, outbox in
            // A promotion or cancellation handled first makes this news stale: record, don't tell.
            guard try RecipientProjection.register(event.registration, status: event.status, on: tx) == event.status else { return }
            let kind = event.status == .waitlisted ? MessageKind.registrationWaitlisted : MessageKind.registrationConfirmed
            let activity = try Self.activity(of: event.registration, at: event.at, now: clock.now(), on: tx)
            try fanout.make(composer.registration(event.registration, kind: kind, eventID: event.eventID, activity: activity), on: tx, outbox: outbox)
        }
        worker.subscribe(RegistrationPromoted.self) { event, _, tx, outbox in
            guard try RecipientProjection.register(event.registration, status: .confirmed, on: tx) == .confirmed else { return }
            let activity = try Self.activity(of: event.registration, at: event.at, now: clock.now(), on: tx)
            let message = composer.registration(
                event.registration,
                kind: MessageKind.registrationPromoted,
                eventID: event.eventID,
                activity: activity
            )
            try fanout.make(message, on: tx, outbox: outbox)
        }
        worker.subscribe(PointsAwarded.self) { event, _, tx, outbox in
            guard event.delta != 0 else { return }
            for message in composer.points(event) { try fanout.make(message, on: tx, outbox: outbox) }
        }
        subscribeConcerns(on: worker)
    }

    /// The registration's activity from the projection. Its `activity.published` may still be on
    /// its way (events are handled concurrently): wait for it a while, then name it by number.
    static func activity(of registration: RegistrationSummary, at: Date, now: Date, on tx: isolated PostgresConnection) throws -> ProjectedActivity? {
        let activity = try ProjectedActivity.find(registration.activityID, on: tx)
        if activity == nil, now.timeIntervalSince(at) < 120 {
            throw JobError.snooze(seconds: 1, reason: "activity \(registration.activityID) not projected yet")
        }
        return activity
    }

    private func subscribeConcerns(on worker: JobWorker) {
        let (fanout, composer) = (self.fanout, self.composer)
        worker.subscribe(ConcernRaised.self) { event, _, tx, outbox in
            guard let message = composer.concern(event.concern, state: "raised", note: nil, eventID: event.eventID) else { return }
            try fanout.make(message, on: tx, outbox: outbox)
        }
        worker.subscribe(ConcernUpdated.self) { event, _, tx, outbox in
            guard let message = composer.concern(event.concern, state: event.state, note: event.publicNote, eventID: event.eventID) else { return }
            try fanout.make(message, on: tx, outbox: outbox)
        }
        worker.subscribe(ConcernReopened.self) { event, _, tx, outbox in
            guard let message = composer.concern(event.concern, state: "reopened", note: nil, eventID: event.eventID) else { return }
            try fanout.make(message, on: tx, outbox: outbox)
        }
        worker.subscribe(ConcernSettled.self) { event, _, tx, outbox in try fanout.make(composer.settled(event), on: tx, outbox: outbox) }
        worker.subscribe(CouncilMeetingScheduled.self) { event, _, tx, outbox in
            try fanout.make(composer.councilScheduled(event), on: tx, outbox: outbox)
        }
        worker.subscribe(CouncilMeetingHeld.self) { event, _, tx, outbox in try fanout.make(composer.councilHeld(event), on: tx, outbox: outbox) }
        worker.subscribe(ActionOverdue.self) { event, _, tx, outbox in try fanout.make(composer.overdue(event), on: tx, outbox: outbox) }
    }
}
