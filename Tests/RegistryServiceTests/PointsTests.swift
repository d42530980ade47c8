import Foundation
import Hummingbird
import HummingbirdTesting
import JobQueue
import LinliTestSupport
import Models
import Postgres
import RegistryService
import ServiceKit
import ServiceTestSupport
import Testing

@Suite("The volunteer points ledger, stars and rewards")
struct PointsTests {
    struct StatementBody: Decodable {
        let balance: Int
        let lifetime: Int
        let starLevel: Int
        let nextStar: Int?
        let pointsToNextStar: Int?
        let explanation: String
        let entries: [EntryBody]
    }
    struct EntryBody: Decodable {
        let id: Int
        let delta: Int
        let reason: String
    }
    struct AwardedBody: Decodable { let event: Event }
    struct Event: Decodable {
        let entryID: Int
        let balance: Int
        let starLevel: Int
        let starReached: Int?
    }
    struct RedemptionBody: Decodable {
        let id: Int
        let state: String
    }
    struct RewardBody: Decodable { let id: Int }

    @Test func awardsAreIdempotentReversalsCorrectAndStarsFollowTheRules() async throws {
        let env = try await RegistryTestEnvironment.make()
        let city = try await CityFixture.make(on: env.pool)
        let resident = try await env.resident("志愿者小李", household: city.householdA1)
        let secretary = Principal(subject: "staff:a", role: .secretary, compoundIDs: [city.compoundA])
        try await env.test { client in
            let award = #"{"residentID":\#(resident),"delta":25,"reason":"volunteer-hours","sourceRef":"roster:12","idempotencyKey":"roster-12-li"}"#
            let first = try await env.send(client, .post, "/v1/points/entries", as: secretary, json: award)
            #expect(first.status == .created)
            let awarded = try first.decode(AwardedBody.self).event
            #expect(awarded.balance == 25)
            #expect(awarded.starReached == 1)  // the first threshold is 20
            #expect(try await env.send(client, .post, "/v1/points/entries", as: secretary, json: award).status == .conflict)
            // A reversal is a new, opposite entry; reversing twice is refused; the ledger is never edited.
            let reversed = try await env.send(
                client,
                .post,
                "/v1/points/entries/\(awarded.entryID)/reverse",
                as: secretary,
                json: #"{"reason":"entered twice"}"#
            )
            #expect(reversed.status == .created)
            #expect(try reversed.decode(AwardedBody.self).event.balance == 0)
            #expect(
                try await env.send(client, .post, "/v1/points/entries/\(awarded.entryID)/reverse", as: secretary, json: #"{"reason":"again"}"#).status
                    == .conflict
            )
            await #expect(throws: PostgresError.self) { try await env.pool.execute("UPDATE registry.points_entries SET delta = 100") }
            _ = try await env.send(
                client,
                .post,
                "/v1/points/entries",
                as: secretary,
                json: #"{"residentID":\#(resident),"delta":60,"reason":"attendance","sourceRef":"x","idempotencyKey":"k2"}"#
            )
            let statement = try await env.send(client, .get, "/v1/residents/\(resident)/points", as: secretary).decode(StatementBody.self)
            #expect(statement.lifetime == 60)
            #expect(statement.starLevel == 2)  // 20 and 50 reached
            #expect(statement.nextStar == 3)
            #expect(statement.pointsToNextStar == 40)
            #expect(statement.entries.map(\.delta) == [60, -25, 25])
            #expect(statement.explanation.contains("star 2"))
            // New rules lift the star without any new points.
            let admin = RegistryTestEnvironment.admin
            #expect(
                try await env.send(client, .put, "/v1/points/star-rules", as: secretary, json: #"{"thresholds":[10,30,60]}"#).status == .forbidden
            )
            #expect(
                try await env.send(client, .put, "/v1/points/star-rules", as: admin, json: #"{"thresholds":[30,10]}"#).status == .unprocessableContent
            )
            #expect(try await env.send(client, .put, "/v1/points/star-rules", as: admin, json: #"{"thresholds":[10,30,60]}"#).status == .ok)
            let after = try await env.send(client, .get, "/v1/residents/\(resident)/points", as: secretary).decode(StatementBody.self)
            #expect(after.starLevel == 3)
            #expect(after.nextStar == nil)
            // The resident sees their own statement; another resident does not.
            let me = Principal(subject: "resident:\(resident)", role: .resident, householdIDs: [city.householdA1], residentID: resident)
            #expect(try await env.send(client, .get, "/v1/residents/\(resident)/points", as: me).status == .ok)
            let other = Principal(subject: "resident:x", role: .resident, householdIDs: [city.householdA2], residentID: resident + 1000)
            #expect(try await env.send(client, .get, "/v1/residents/\(resident)/points", as: other).status == .notFound)
        }
    }

    @Test func redemptionsReserveConfirmAndCancelWithReversals() async throws {
        let env = try await RegistryTestEnvironment.make()
        let city = try await CityFixture.make(on: env.pool)
        let resident = try await env.resident("王阿姨", household: city.householdA1)
        let secretary = Principal(subject: "staff:a", role: .secretary, compoundIDs: [city.compoundA])
        let me = Principal(subject: "resident:\(resident)", role: .resident, householdIDs: [city.householdA1], residentID: resident)
        try await env.test { client in
            _ = try await env.send(
                client,
                .post,
                "/v1/points/entries",
                as: secretary,
                json: #"{"residentID":\#(resident),"delta":70,"reason":"attendance","sourceRef":"x","idempotencyKey":"k"}"#
            )
            let reward = try await env.send(
                client,
                .post,
                "/v1/rewards",
                as: RegistryTestEnvironment.admin,
                json: #"{"name":"理发券","cost":30,"stock":1}"#
            )
            let rewardID = try reward.decode(RewardBody.self).id
            let reserved = try await env.send(client, .post, "/v1/rewards/\(rewardID)/redemptions", as: me, json: #"{"residentID":\#(resident)}"#)
            #expect(reserved.status == .created)
            let redemption = try reserved.decode(RedemptionBody.self)
            // Out of stock now.
            #expect(
                try await env.send(client, .post, "/v1/rewards/\(rewardID)/redemptions", as: me, json: #"{"residentID":\#(resident)}"#).status
                    == .conflict
            )
            // The resident may cancel their own reservation but not confirm it.
            #expect(try await env.send(client, .post, "/v1/redemptions/\(redemption.id)/confirm", as: me).status == .forbidden)
            let cancelled = try await env.send(client, .post, "/v1/redemptions/\(redemption.id)/cancel", as: me)
            #expect(try cancelled.decode(RedemptionBody.self).state == "cancelled")
            #expect(try await env.send(client, .post, "/v1/redemptions/\(redemption.id)/confirm", as: secretary).status == .conflict)
            let statement = try await env.send(client, .get, "/v1/residents/\(resident)/points", as: me).decode(StatementBody.self)
            #expect(statement.balance == 70)
            #expect(statement.lifetime == 70)  // redeeming never costs a star
            #expect(statement.entries.map(\.reason) == ["redemption-cancelled", "redemption", "attendance"])
            // Stock came back; a second reservation is confirmed by staff.
            let again = try await env.send(client, .post, "/v1/rewards/\(rewardID)/redemptions", as: secretary, json: #"{"residentID":\#(resident)}"#)
                .decode(RedemptionBody.self)
            #expect(
                try await env.send(client, .post, "/v1/redemptions/\(again.id)/confirm", as: secretary).decode(RedemptionBody.self).state
                    == "confirmed"
            )
            let expensive = try await env.send(
                client,
                .post,
                "/v1/rewards",
                as: RegistryTestEnvironment.admin,
                json: #"{"name":"电饭煲","cost":500,"stock":5}"#
            ).decode(RewardBody.self)
            #expect(
                try await env.send(client, .post, "/v1/rewards/\(expensive.id)/redemptions", as: me, json: #"{"residentID":\#(resident)}"#).status
                    == .conflict
            )
        }
    }

    @Test func attendancePointsAreAwardedExactlyOnceUnderRedelivery() async throws {
        let env = try await RegistryTestEnvironment.make()
        let city = try await CityFixture.make(on: env.pool)
        let resident = try await env.resident("参加者", household: city.householdA1)
        let service = RegistryService(
            runtime: env.runtime,
            configuration: try RegistryConfiguration(environment: ["LINLI_REGISTRY_DATA_KEY": RegistryTestEnvironment.dataKey])
        )
        service.registerJobs(on: env.runtime.worker)
        let attendance = AttendanceRecorded(
            attendanceID: 881,
            activityID: 9,
            occurrenceStart: Date(),
            themeID: nil,
            residentID: resident,
            placement: Placement(areaPath: [city.city, city.districtA], compoundID: city.compoundA, householdID: city.householdA1),
            channel: .selfService,
            volunteerRole: nil,
            volunteerHours: 0,
            points: 5,
            at: Date()
        )
        let runtime = env.runtime
        try await QueueRunner.run([runtime.doorbell, runtime.wakeups, runtime.worker]) {
            try await runtime.jobs.subscribe(queue: "registry", to: [AttendanceRecorded.topic])
            try await runtime.jobs.publish(attendance)
            try await waitUntil {
                try await env.pool.query("SELECT count(*) FROM queue.finished WHERE kind = 'attendance.recorded'").scalar(Int.self) == 1
            }
            // Delivered again (a producer retrying after the first finished): a new job, no new points.
            try await runtime.jobs.publish(attendance)
            try await waitUntil {
                try await env.pool.query("SELECT count(*) FROM queue.finished WHERE kind = 'attendance.recorded'").scalar(Int.self) == 2
            }
        }
        #expect(try await env.pool.query("SELECT balance FROM registry.points_balances WHERE resident_id = \(resident)").scalar(Int.self) == 5)
        #expect(try await env.pool.query("SELECT count(*) FROM registry.points_entries").scalar(Int.self) == 1)
    }
}
