import Foundation
import LinliTestSupport
import Models
import Postgres
import Testing

@testable import JobQueue

struct CompoundRenamed: DomainEvent, Equatable {
    static let topic = "test.compound.renamed"
    var compoundID: Int
    var name: String
    var revision: Int
    var eventID: String { "compound.renamed:\(compoundID):\(revision)" }
}

@Suite("Events fan out to subscribed queues, transactionally and once")
struct EventTests {
    @Test func publishingInsertsOneJobPerSubscribedQueueInTheSameTransaction() async throws {
        let harness = try await QueueHarness.make()
        try await harness.jobs.subscribe(queue: "calendar", to: [CompoundRenamed.topic])
        try await harness.jobs.subscribe(queue: "analytics", to: [CompoundRenamed.topic, "other.topic"])
        struct Boom: Error {}
        await #expect(throws: Boom.self) {
            try await harness.jobs.withTransaction { tx, outbox in
                try outbox.publish(CompoundRenamed(compoundID: 1, name: "枫林小区", revision: 1), on: tx)
                throw Boom()
            }
        }
        #expect(try await harness.count("SELECT count(*) FROM queue.jobs") == 0)
        let sent = try await harness.jobs.publish(CompoundRenamed(compoundID: 1, name: "枫林小区", revision: 1), correlationID: "req-9")
        #expect(Set(sent.map(\.queue)) == ["calendar", "analytics"])
        // Republishing the same event while it is unfinished adds nothing.
        let again = try await harness.jobs.publish(CompoundRenamed(compoundID: 1, name: "枫林小区", revision: 1))
        #expect(again.isEmpty)
        let rows = try await harness.pool.query(
            "SELECT queue, kind, event_id, correlation_id, payload->>'name' AS name FROM queue.jobs ORDER BY queue"
        )
        #expect(try rows.column("queue", as: String.self) == ["analytics", "calendar"])
        #expect(try rows.column("event_id", as: String.self) == ["compound.renamed:1:1", "compound.renamed:1:1"])
        #expect(try rows.column("name", as: String.self) == ["枫林小区", "枫林小区"])
        #expect(try rows.column("correlation_id", as: String.self) == ["req-9", "req-9"])
    }

    @Test func aRedeliveredEventHasNoSecondEffect() async throws {
        let harness = try await QueueHarness.make()
        try await harness.pool.execute("CREATE TABLE projection (compound int PRIMARY KEY, name text, applied int NOT NULL DEFAULT 1)")
        let worker = harness.makeWorker(.init(queue: "calendar"))
        worker.subscribe(CompoundRenamed.self) { event, _, tx, _ in
            try tx.execute(
                """
                INSERT INTO projection (compound, name) VALUES (\(event.compoundID), \(event.name))
                ON CONFLICT (compound) DO UPDATE SET name = EXCLUDED.name, applied = projection.applied + 1
                """
            )
        }
        let event = CompoundRenamed(compoundID: 7, name: "书香苑", revision: 3)
        try await harness.running([worker]) {
            // The worker subscribed its queue at start-up.
            try await harness.waitUntil("the subscription") {
                try await harness.count("SELECT count(*) FROM queue.subscriptions WHERE queue = 'calendar'") == 1
            }
            try await harness.jobs.publish(event)
            try await harness.waitUntil("the first delivery") { try await harness.count("SELECT count(*) FROM queue.finished") == 1 }
            // Published again after the first finished (a producer retrying): a new job, but no second effect.
            try await harness.jobs.publish(event)
            try await harness.waitUntil("the second delivery") { try await harness.count("SELECT count(*) FROM queue.finished") == 2 }
        }
        #expect(try await harness.count("SELECT applied FROM projection WHERE compound = 7") == 1)
        #expect(try await harness.count("SELECT count(*) FROM queue.consumed_events WHERE event_id = \(event.eventID)") == 1)
    }
}

@Suite("Many events published with one statement")
struct BatchPublishTests {
    @Test func eachEventReachesEverySubscribedQueueOnceAndRollsBackWithItsTransaction() async throws {
        let harness = try await QueueHarness.make()
        try await harness.jobs.subscribe(queue: "calendar", to: [CompoundRenamed.topic])
        try await harness.jobs.subscribe(queue: "analytics", to: [CompoundRenamed.topic])
        let events = (1...300).map { CompoundRenamed(compoundID: $0, name: "小区\($0)", revision: 1) }
        struct Boom: Error {}
        await #expect(throws: Boom.self) {
            try await harness.jobs.withTransaction { tx, outbox in
                try outbox.publish(events, on: tx)
                throw Boom()
            }
        }
        #expect(try await harness.count("SELECT count(*) FROM queue.jobs") == 0)
        let sent = try await harness.jobs.withTransaction { tx, outbox in try outbox.publish(events, correlationID: "sweep-1", on: tx) }
        #expect(sent.count == 600)
        // The same events again (with one new) add only the new one.
        let again = try await harness.jobs.withTransaction { tx, outbox in
            try outbox.publish(events + [CompoundRenamed(compoundID: 301, name: "新小区", revision: 1)], on: tx)
        }
        #expect(again.count == 2)
        let rows = try await harness.pool.query(
            "SELECT count(DISTINCT event_id) AS events, count(*) FILTER (WHERE correlation_id = 'sweep-1') AS correlated FROM queue.jobs"
        )
        #expect(try rows[0].decode("events", as: Int.self) == 301)
        #expect(try rows[0].decode("correlated", as: Int.self) == 600)
        let payload = try await harness.pool.query(
            "SELECT payload->>'name' FROM queue.jobs WHERE event_id = 'compound.renamed:42:1' AND queue = 'calendar'"
        ).scalar(String.self)
        #expect(payload == "小区42")
    }
}
