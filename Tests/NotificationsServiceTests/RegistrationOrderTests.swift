import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit
import Testing

@testable import NotificationsService

/// The registration projection when the calendar's events arrive out of order (subscriptions run
/// concurrently): a status only moves forward, waitlisted → confirmed → cancelled.
@Suite("Registrations projected out of order")
struct RegistrationOrderTests {
    @Test func aLateWaitlistedSignUpDoesNotUndoItsPromotionNorALatePromotionItsCancellation() async throws {
        let env = try await NotificationsTestEnvironment.make()
        let start = Date().addingTimeInterval(86_400)
        let activity = NotificationsTestEnvironment.activity(9, compound: 3, startsAt: start)
        let registration = RegistrationSummary(
            registrationID: 3,
            activityID: 9,
            occurrenceStart: start,
            compoundID: 3,
            residentID: 203,
            householdID: 203,
            channel: .selfService,
            registeredBy: nil
        )
        try await env.withWorker {
            try await env.seedCompound(3, name: "枫林小区", residents: [203], chatID: 13, robot: nil)
            try await env.publish([ActivityPublished(activity: activity, revision: 1)])
            // The promotion is consumed first, the sign-up (waitlisted at the time) after it.
            try await env.publish([RegistrationPromoted(registration: registration, at: Date())])
            try await env.waitUntilIdle()
            try await env.publish([RegistrationCreated(registration: registration, status: .waitlisted, at: Date())])
            try await env.waitUntilIdle()
            #expect(try await env.count("SELECT count(*) FROM notify.registrations WHERE id = 3 AND status = 'confirmed'") == 1)
            // The stale waitlisting is recorded, not told: the resident heard of the promotion only.
            let kinds = try await env.pool.query(
                "SELECT m.kind FROM notify.deliveries d JOIN notify.messages m ON m.id = d.message_id WHERE d.recipient_id = 203 ORDER BY d.id"
            ).column("kind", as: String.self)
            #expect(kinds == ["activity.published", "registration.promoted"])
            // A late promotion after a cancellation does not bring the seat back either.
            try await env.publish([RegistrationCancelled(registration: registration, at: Date())])
            try await env.waitUntilIdle()
            try await env.publish([RegistrationPromoted(registration: registration, at: Date().addingTimeInterval(1))])
            try await env.waitUntilIdle()
            #expect(try await env.count("SELECT count(*) FROM notify.registrations WHERE id = 3 AND status = 'cancelled'") == 1)
        }
    }
}
