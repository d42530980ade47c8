import Foundation
import HTTPTypes
import LinliTestSupport
import Postgres
import ServiceKit
import Testing

@testable import CalendarService

/// The seat claim on tables with the statistics of a serving database (issue 23): the planner's
/// choice for a new occurrence once `calendar.seats` has been analysed, today's statement against
/// the one it replaced, and a sign-up storm there.
@Suite struct SeatClaimPlanTests {
    /// The claim the calendar ran until issue 23, kept to show that the statistics below really make the
    /// planner choose the plan that broke it.
    static func yesterdaysClaim(occurrenceID: Int, registrationID: Int) -> SQL {
        """
        UPDATE calendar.seats s SET registration_id = \(registrationID)
        FROM (SELECT seat FROM calendar.seats
              WHERE occurrence_id = \(occurrenceID) AND registration_id IS NULL AND (NOT reserved OR \(false))
              ORDER BY reserved DESC, seat LIMIT 1 FOR UPDATE SKIP LOCKED) free
        WHERE s.occurrence_id = \(occurrenceID) AND s.seat = free.seat
        RETURNING s.seat
        """
    }

    /// Gives `calendar.seats` the statistics of a city whose past occurrences are full (40 occurrences of
    /// 30 seats, all taken), as the demo city's are, then analyses it. The rows stand for occurrences this
    /// test database does not hold, so the foreign keys are set aside for the load (`replica` role).
    static func analyseFullPastOccurrences(_ env: CalendarTestEnvironment) async throws {
        try await env.pool.withConnection { connection in
            try connection.execute("SET session_replication_role = replica")
            try connection.execute(
                """
                INSERT INTO calendar.seats (occurrence_id, seat, reserved, registration_id)
                SELECT 900000 + o, g, g > 25, 90000000 + o * 100 + g FROM generate_series(1, 40) o, generate_series(1, 30) g
                """
            )
            try connection.execute("RESET session_replication_role")
            try PlannerStatistics.analyse(["calendar.seats", "calendar.registrations", "calendar.occurrences"], on: connection)
        }
    }

    /// The id of the one occurrence of an activity.
    static func occurrenceID(of activity: Int, _ env: CalendarTestEnvironment) async throws -> Int {
        try await env.count("SELECT id FROM calendar.occurrences WHERE activity_id = \(activity)")
    }

    @Test func yesterdaysClaimFailsOnANewOccurrenceOfAnalysedSeatsAndTodaysTakesOneSeat() async throws {
        let env = try await CalendarTestEnvironment.make()
        try await Self.analyseFullPastOccurrences(env)
        let start = Local.at(days: 6, hour: 9)
        let activity = try await env.published(start: start, extra: #""capacity":200"#)
        // The first sign-up creates the occurrence's 200 seats, which the statistics have not seen.
        let first = try await env.register(activity.id, start, resident: 5001, as: City.resident)
        #expect(first.status == .created, "\(first.text)")
        #expect(try first.decode(RegistrationBody.self).status == "confirmed")
        let occurrence = try await Self.occurrenceID(of: activity.id, env)

        let outcome = try await env.pool.withConnection { connection -> (old: [String], new: [String], failure: String?) in
            let old = try QueryPlan.explain(Self.yesterdaysClaim(occurrenceID: occurrence, registrationID: 1), on: connection)
            let new = try QueryPlan.explain(
                SeatAllocator.claimStatement(occurrenceID: occurrence, registrationID: 1, mayUseReserved: false, lock: .updateSkipLocked),
                on: connection
            )
            var failure: String?
            do {
                try await connection.withTransaction { tx in
                    _ = try tx.query(Self.yesterdaysClaim(occurrenceID: occurrence, registrationID: 99_999_999))
                    throw CancellationError()  // never keep what it wrote
                }
            } catch let error as PostgresError where error.isUniqueViolation {
                failure = error.constraint
            } catch is CancellationError {}
            return (old.lockingNodesThatMayRunAgain, new.lockingNodesThatMayRunAgain, failure)
        }
        // The statistics provoke the production plan: the old pick runs again inside a nested loop…
        #expect(!outcome.old.isEmpty, "the analysed tables should lead the planner to the nested loop of issue 23")
        // …and writes one registration into several seats, which the unique index refuses.
        #expect(outcome.failure == "seats_registration")
        // Today's claim picks its seat once, whatever the statistics.
        #expect(outcome.new.isEmpty, "\(outcome.new)")

        let second = try await env.register(activity.id, start, resident: 5002, as: City.neighbour)
        #expect(second.status == .created, "\(second.text)")
        #expect(try await env.count("SELECT count(*) FROM calendar.seats WHERE occurrence_id = \(occurrence) AND registration_id IS NOT NULL") == 2)
    }

    @Test func theClaimPicksItsSeatOnceOnSmallAndOnAnalysedTablesWithCustomAndGenericPlans() async throws {
        let env = try await CalendarTestEnvironment.make()
        /// The plans of every variant of the claim for a new occurrence's seats.
        func shapes(day: Int) async throws -> [String] {
            let start = Local.at(days: day, hour: 9)
            let activity = try await env.published(start: start, extra: #""capacity":20,"reservedSeats":2"#)
            #expect(try await env.register(activity.id, start, resident: 5001, as: City.resident).status == .created)
            let occurrence = try await Self.occurrenceID(of: activity.id, env)
            return try await env.pool.withConnection { connection in
                var found: [String] = []
                for lock in [RowLock.updateSkipLocked, .update] {
                    for reserved in [false, true] {
                        for generic in [false, true] {
                            let sql = SeatAllocator.claimStatement(occurrenceID: occurrence, registrationID: 1, mayUseReserved: reserved, lock: lock)
                            found += try QueryPlan.explain(sql, generic: generic, on: connection).lockingNodesThatMayRunAgain
                        }
                    }
                }
                return found
            }
        }
        #expect(try await shapes(day: 6).isEmpty)
        try await Self.analyseFullPastOccurrences(env)
        #expect(try await shapes(day: 7).isEmpty)
    }

    @Test func fourHundredConcurrentSignUpsOnANewOccurrenceOfAnAnalysedDatabaseFillExactlyItsSeats() async throws {
        let env = try await CalendarTestEnvironment.make()
        try await env.seedResidents(400, from: 8001)
        try await Self.analyseFullPastOccurrences(env)
        let start = Local.at(days: 6, hour: 9)
        let activity = try await env.published(start: start, extra: #""capacity":40"#)
        let replies = try await withThrowingTaskGroup(of: (HTTPStatus: Int, status: String?).self) { group in
            for resident in 8001...8400 {
                group.addTask {
                    let reply = try await env.register(activity.id, start, resident: resident, as: City.secretary)
                    return (Int(reply.status.code), try? reply.decode(RegistrationBody.self).status)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(replies.allSatisfy { $0.HTTPStatus == 201 }, "\(Set(replies.map(\.HTTPStatus)))")
        #expect(replies.filter { $0.status == "confirmed" }.count == 40)
        #expect(replies.filter { $0.status == "waitlisted" }.count == 360)
        #expect(try await env.count("SELECT count(DISTINCT registration_id) FROM calendar.seats WHERE registration_id < 90000000") == 40)
        let roster: RosterBody = try await env.send(.get, "/v1/activities/\(activity.id)/occurrences/\(start)/registrations", as: City.secretary)
            .decode()
        let waitlisted = roster.items.filter { $0.status == "waitlisted" }
        #expect(waitlisted.count == 360)
        // The waitlist is in sign-up order: positions follow registration ids.
        #expect(waitlisted.map(\.waitlistPosition) == (1...waitlisted.count).map { $0 })
        #expect(waitlisted.map(\.registrationID) == waitlisted.map(\.registrationID).sorted())
    }
}
