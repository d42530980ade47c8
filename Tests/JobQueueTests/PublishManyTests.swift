import Foundation
import LinliTestSupport
import Models
import Postgres
import Testing

@testable import JobQueue

@Suite("Publishing many events of one type with one statement")
struct PublishManyTests {
    @Test func manyEventsBecomeOneJobPerEventAndQueueOnce() async throws {
        let harness = try await QueueHarness.make()
        try await harness.jobs.subscribe(queue: "calendar", to: [CompoundRenamed.topic])
        try await harness.jobs.subscribe(queue: "analytics", to: [CompoundRenamed.topic])
        let events = (1...300).map { CompoundRenamed(compoundID: $0, name: "小区\($0)", revision: 1) }
        let sent = try await harness.jobs.withTransaction { tx, outbox in
            try outbox.publish(events, correlationID: "req-1", on: tx)
        }
        #expect(sent.count == 600)
        // The same events again, while unfinished, add nothing; nor does an empty batch.
        let again = try await harness.jobs.withTransaction { tx, outbox in
            try outbox.publish(events, on: tx) + outbox.publish([CompoundRenamed](), on: tx)
        }
        #expect(again.isEmpty)
        let rows = try await harness.pool.query(
            """
            SELECT count(*) AS jobs, count(DISTINCT event_id) AS events, count(*) FILTER (WHERE correlation_id = 'req-1') AS correlated,
                   count(*) FILTER (WHERE unique_key = 'event:' || queue || ':' || event_id) AS keyed
            FROM queue.jobs WHERE kind = \(CompoundRenamed.topic)
            """
        )[0]
        #expect(try rows.decode("jobs", as: Int.self) == 600)
        #expect(try rows.decode("events", as: Int.self) == 300)
        #expect(try rows.decode("correlated", as: Int.self) == 600)
        #expect(try rows.decode("keyed", as: Int.self) == 600)
        let name = try await harness.pool.query(
            "SELECT payload ->> 'name' FROM queue.jobs WHERE queue = 'analytics' AND event_id = 'compound.renamed:42:1'"
        ).scalar(String.self)
        #expect(name == "小区42")
    }
}
