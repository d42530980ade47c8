import Foundation
import Hummingbird
import JobQueue
import Models
import Postgres
import ServiceKit
import ServiceTestSupport
import Testing

@testable import CalendarService

@Suite("Activities: drafts, publication, changes, cancellation, scope")
struct ActivityTests {
    @Test func aSecretaryDraftsPublishesAndChangesAnActivityInTheirCompound() async throws {
        let env = try await CalendarTestEnvironment.make()
        let start = Local.at(days: 5, hour: 9)
        let draft = try await env.draft(
            "包饺子",
            start: start,
            extra: #""recurrence":"FREQ=WEEKLY;COUNT=4","capacity":30,"earnsPoints":true,"points":5"#
        )
        #expect(draft.state == "draft")
        #expect(draft.revision == 0)
        #expect(draft.uid.hasPrefix("activity-") && draft.uid.hasSuffix("@linli"))
        #expect(draft.link == "https://cal.linli.example/activities/\(draft.id)")
        // A draft publishes nothing and has no occurrences materialised.
        #expect(try await env.published(ActivityPublished.topic) == 0)
        #expect(try await env.count("SELECT count(*) FROM calendar.occurrences") == 0)

        let published = try await env.send(.post, "/v1/activities/\(draft.id)/publish", as: City.secretary)
        #expect(published.status == .ok)
        let body: ActivityBody = try published.decode()
        #expect(body.state == "published")
        #expect(body.revision == 1)
        #expect(try await env.count("SELECT count(*) FROM calendar.occurrences WHERE activity_id = \(draft.id)") == 4)
        let events = try await env.events(ActivityPublished.self)
        #expect(events.map(\.revision) == [1])
        #expect(events.first?.activity.points == 5)
        #expect(events.first?.activity.recurrence == "FREQ=WEEKLY;COUNT=4")
        #expect(events.first?.activity.startsAt == Local.instant(start))
        #expect(events.first?.activity.areaPath == City.paths[City.fenglin])

        // Publishing twice is a conflict, not a second event.
        let again = try await env.send(.post, "/v1/activities/\(draft.id)/publish", as: City.secretary)
        #expect(again.status == .conflict)
        #expect(try await env.published(ActivityPublished.topic) == 1)

        // A change to a published activity raises SEQUENCE and the revision and says what changed.
        let later = Local.at(days: 5, hour: 14, minute: 30)
        let changed = try await env.send(.patch, "/v1/activities/\(draft.id)", #"{"start":"\#(later)","capacity":40}"#, as: City.secretary)
        #expect(changed.status == .ok)
        let after: ActivityBody = try changed.decode()
        #expect(after.sequence == body.sequence + 1)
        #expect(after.revision == 2)
        let change = try #require(try await env.events(ActivityChanged.self).first)
        #expect(change.revision == 2)
        #expect(change.changes.contains { $0.hasPrefix("时间改为") && $0.contains("14:30") })
        #expect(change.changes.contains("名额改为 40"))
        let starts = try await env.pool.query(
            "SELECT recurrence_id FROM calendar.occurrences WHERE activity_id = \(draft.id) AND NOT cancelled ORDER BY starts_at"
        ).column("recurrence_id", as: String.self)
        #expect(starts.count == 4)
        #expect(starts.allSatisfy { $0.hasSuffix("T14:30:00") })

        // Cancelling the whole activity cancels its occurrences and says so.
        let cancelled = try await env.send(.post, "/v1/activities/\(draft.id)/cancel", #"{"reason":"天气原因"}"#, as: City.secretary)
        #expect(cancelled.status == .ok)
        #expect(try cancelled.decode(ActivityBody.self).state == "cancelled")
        #expect(try await env.count("SELECT count(*) FROM calendar.occurrences WHERE activity_id = \(draft.id) AND NOT cancelled") == 0)
        let cancellation = try #require(try await env.events(ActivityCancelled.self).first)
        #expect(cancellation.reason == "天气原因")
        #expect(cancellation.occurrenceStart == nil)
        #expect(cancellation.revision == 3)
        let refused = try await env.send(.patch, "/v1/activities/\(draft.id)", #"{"title":"再改"}"#, as: City.secretary)
        #expect(refused.status == .conflict)
    }

    @Test func invalidFieldsAreNamedInTheProblem() async throws {
        let env = try await CalendarTestEnvironment.make()
        let reply = try await env.send(
            .post,
            "/v1/activities",
            #"{"compoundID":101,"title":"","start":"2025-02-30T09:00","durationMinutes":0,"recurrence":"FREQ=WEEKLY;BYDAY=2SA","capacity":5,"reservedSeats":6,"exdates":["x"]}"#,
            as: City.secretary
        )
        #expect(reply.status == .unprocessableContent)
        #expect(Set(reply.fields) == ["title", "start", "durationMinutes", "recurrence", "reservedSeats", "exdates[0]"])
        let missing = try await env.send(.post, "/v1/activities", #"{"compoundID":101}"#, as: City.secretary)
        #expect(missing.status == .unprocessableContent)
        #expect(missing.fields == ["title"])
        let typed = try await env.send(.post, "/v1/activities", #"{"compoundID":"x","title":"a"}"#, as: City.secretary)
        #expect(typed.fields == ["compoundID"])
        // Publishing needs a start.
        let untimed = try await env.send(.post, "/v1/activities", #"{"compoundID":101,"title":"待定"}"#, as: City.secretary)
        let id = try untimed.decode(ActivityBody.self).id
        let publish = try await env.send(.post, "/v1/activities/\(id)/publish", as: City.secretary)
        #expect(publish.status == .unprocessableContent)
        #expect(publish.fields == ["start"])
        // No SQL, values or internals leak into a problem.
        #expect(!reply.text.contains("calendar."))
        #expect(!reply.text.contains("INSERT"))
    }

    @Test func aSecretaryManagesOnlyTheirCompoundsAndResidentsReadOnlyWhatIsPublishedWhereTheyLive() async throws {
        let env = try await CalendarTestEnvironment.make()
        let start = Local.at(days: 3, hour: 9)
        // Another compound's secretary cannot create in 枫林小区: the compound "does not exist" for them.
        let foreign = try await env.send(.post, "/v1/activities", #"{"compoundID":101,"title":"越权","start":"\#(start)"}"#, as: City.otherSecretary)
        #expect(foreign.status == .unprocessableContent)
        #expect(foreign.fields == ["compoundID"])
        let draft = try await env.draft(start: start)
        for principal in [City.otherSecretary, City.resident, City.outsider] {
            let read = try await env.send(.get, "/v1/activities/\(draft.id)", as: principal)
            #expect(read.status == .notFound, "\(principal.subject) must not see a draft")
            let change = try await env.send(.patch, "/v1/activities/\(draft.id)", #"{"title":"x"}"#, as: principal)
            #expect(change.status == .notFound)
            let publish = try await env.send(.post, "/v1/activities/\(draft.id)/publish", as: principal)
            #expect(publish.status == .notFound)
        }
        // The district office over 芦淞区 manages it too.
        #expect(try await env.send(.get, "/v1/activities/\(draft.id)", as: City.district).status == .ok)
        _ = try await env.send(.post, "/v1/activities/\(draft.id)/publish", as: City.secretary)
        // Once published, the compound's residents read it but cannot change it; others still cannot see it.
        #expect(try await env.send(.get, "/v1/activities/\(draft.id)", as: City.resident).status == .ok)
        #expect(try await env.send(.patch, "/v1/activities/\(draft.id)", #"{"title":"x"}"#, as: City.resident).status == .forbidden)
        #expect(try await env.send(.get, "/v1/activities/\(draft.id)", as: City.outsider).status == .notFound)
        #expect(try await env.send(.get, "/v1/activities/\(draft.id)", as: nil).status == .unauthorized)
        // Lists are scoped the same way.
        let mine: ActivityPageBody = try await env.send(.get, "/v1/activities", as: City.resident).decode()
        #expect(mine.items.map(\.id) == [draft.id])
        let theirs: ActivityPageBody = try await env.send(.get, "/v1/activities", as: City.outsider).decode()
        #expect(theirs.items.isEmpty)
        let other: ActivityPageBody = try await env.send(.get, "/v1/activities", as: City.otherSecretary).decode()
        #expect(other.items.isEmpty)
        let bad = try await env.send(.get, "/v1/activities?state=maybe", as: City.secretary)
        #expect(bad.fields == ["state"])
    }

    @Test func eventsRollBackWithTheirTransaction() async throws {
        let env = try await CalendarTestEnvironment.make()
        let start = Local.at(days: 4, hour: 9)
        let draft = try await env.draft(start: start, extra: #""recurrence":"FREQ=DAILY;COUNT=3""#)
        struct Boom: Error {}
        // A failure after the activity is saved and its event written leaves neither behind.
        await #expect(throws: Boom.self) {
            try await env.service.jobs.withTransaction { tx, outbox in
                var record = try ActivityStore.load(draft.id, lock: .update, on: tx)!
                record.state = .published
                record.revision = 1
                _ = try ActivityEditor(service: env.service).commit(
                    record,
                    firstPublication: true,
                    venue: nil,
                    caller: nil,
                    now: Date(),
                    outbox: outbox,
                    on: tx
                ) { summary, saved in ActivityPublished(activity: summary, revision: saved.revision) }
                throw Boom()
            }
        }
        #expect(try await env.published(ActivityPublished.topic) == 0)
        #expect(try await env.count("SELECT count(*) FROM queue.jobs WHERE queue = 'notifications'") == 0)
        #expect(try await env.count("SELECT count(*) FROM calendar.occurrences") == 0)
        #expect(try await env.send(.get, "/v1/activities/\(draft.id)", as: City.secretary).decode(ActivityBody.self).state == "draft")
        // A refused change (its room is taken, a validation error) publishes nothing either.
        let refused = try await env.send(.patch, "/v1/activities/\(draft.id)", #"{"capacity":0}"#, as: City.secretary)
        #expect(refused.status == .unprocessableContent)
        #expect(try await env.count("SELECT count(*) FROM queue.jobs WHERE queue = 'observer'") == 0)
    }

    @Test func theOpenAPIDocumentMatchesTheRoutes() async throws {
        let env = try await CalendarTestEnvironment.make()
        let (undocumented, unrouted) = try OpenAPIConformance.differences(router: env.router, document: try CalendarService.openAPIDocument())
        #expect(undocumented == [])
        #expect(unrouted == [])
    }
}
