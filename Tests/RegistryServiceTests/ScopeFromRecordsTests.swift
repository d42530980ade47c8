import Foundation
import Hummingbird
import HummingbirdTesting
import LinliTestSupport
import Postgres
import RegistryService
import ServiceKit
import ServiceTestSupport
import Testing

/// Sign-in tokens (with `acct`) get their role and scope in the registry from its own tables, so an
/// ended assignment, a disabled account or changed posts apply within seconds (the 2-second cache),
/// not when the token expires.
@Suite("Sign-in tokens: roles and scopes from the registry's records")
struct ScopeFromRecordsTests {
    struct UnitBody: Decodable {
        let id: Int
        let head: HeadBody?
    }
    struct HeadBody: Decodable { let assignmentID: Int }

    private func get(_ env: RegistryTestEnvironment, _ uri: String, _ token: SignInToken) async throws -> TestResponse {
        try await env.test { client in try await client.executeRequest(uri: uri, method: .get, headers: token.headers, body: nil) }
    }

    /// Polls `uri` until it answers `status`; returns how long that took and the last answer.
    private func until(
        _ env: RegistryTestEnvironment,
        _ uri: String,
        _ token: SignInToken,
        answers status: HTTPResponse.Status
    ) async throws -> (Duration, TestResponse) {
        let start = ContinuousClock.now
        while true {
            let response = try await get(env, uri, token)
            if response.status == status || ContinuousClock.now - start > .seconds(10) { return (ContinuousClock.now - start, response) }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    private func account(_ env: RegistryTestEnvironment, kind: String, resident: Int?) async throws -> Int {
        try await env.pool.query(
            "INSERT INTO registry.accounts (kind, resident_id, display_name) VALUES (\(kind), \(resident), '测试账号') RETURNING id"
        ).scalar(Int.self)!
    }

    @Test func aHeadLosesTheHouseholdsSecondsAfterTheAssignmentEnds() async throws {
        let env = try await RegistryTestEnvironment.make()
        let city = try await CityFixture.make(on: env.pool)
        let headResident = try await env.resident("王邻长", household: city.householdA1)
        let secretary = Principal(subject: "staff:a", role: .secretary, compoundIDs: [city.compoundA])
        let assignmentID = try await env.test { client in
            let unit = try await env.send(
                client,
                .post,
                "/v1/compounds/\(city.compoundA)/head-units",
                as: secretary,
                json: #"{"level":"neighbour","name":"一邻"}"#
            )
            let unitID = try unit.decode(UnitBody.self).id
            let linked = try await env.send(
                client,
                .put,
                "/v1/head-units/\(unitID)/households",
                as: secretary,
                json: #"{"householdIDs":[\#(city.householdA2)]}"#
            )
            #expect(linked.status == .ok)
            let assigned = try await env.send(
                client,
                .post,
                "/v1/head-units/\(unitID)/assignments",
                as: secretary,
                json: #"{"residentID":\#(headResident)}"#
            )
            return try assigned.decode(UnitBody.self).head!.assignmentID
        }
        let token = try await env.environment.signIn(accountID: try await account(env, kind: "resident", resident: headResident))
        // The token claims a bare resident; the records make them the head of household A2.
        #expect(try await get(env, "/v1/households/\(city.householdA2)", token).status == .ok)
        let ended = try await env.test { client in
            try await env.send(client, .post, "/v1/head-assignments/\(assignmentID)/end", as: secretary, json: "{}")
        }
        #expect(ended.status == .noContent)
        let (elapsed, refused) = try await until(env, "/v1/households/\(city.householdA2)", token, answers: .notFound)
        #expect(refused.status == .notFound)
        #expect(elapsed < .seconds(5))
        #expect(Date() < token.expiresAt)
        // Their own household stays theirs.
        #expect(try await get(env, "/v1/households/\(city.householdA1)", token).status == .ok)
    }

    @Test func aDisabledAccountsTokenIsRefused() async throws {
        let env = try await RegistryTestEnvironment.make()
        let city = try await CityFixture.make(on: env.pool)
        let resident = try await env.resident("李居民", household: city.householdA1)
        let accountID = try await account(env, kind: "resident", resident: resident)
        let token = try await env.environment.signIn(accountID: accountID)
        #expect(try await get(env, "/v1/households/\(city.householdA1)", token).status == .ok)
        try await env.pool.execute("UPDATE registry.accounts SET status = 'disabled', revision = revision + 1 WHERE id = \(accountID)")
        let (elapsed, refused) = try await until(env, "/v1/households/\(city.householdA1)", token, answers: .unauthorized)
        #expect(refused.status == .unauthorized)
        #expect(try refused.problem().detail == "account disabled")
        #expect(elapsed < .seconds(5))
    }

    @Test func aSecretarysScopeFollowsTheirPosts() async throws {
        let env = try await RegistryTestEnvironment.make()
        let city = try await CityFixture.make(on: env.pool)
        let accountID = try await account(env, kind: "staff", resident: nil)
        try await env.pool.execute(
            "INSERT INTO registry.staff_posts (account_id, kind, compound_id) VALUES (\(accountID), 'compound-secretary', \(city.compoundA))"
        )
        let token = try await env.environment.signIn(accountID: accountID)
        #expect(try await get(env, "/v1/households/\(city.householdA1)", token).status == .ok)
        try await env.pool.withTransaction { tx in
            try tx.execute("UPDATE registry.staff_posts SET ended_at = now() WHERE account_id = \(accountID)")
            try tx.execute(
                "INSERT INTO registry.staff_posts (account_id, kind, compound_id) VALUES (\(accountID), 'first-secretary', \(city.compoundB))"
            )
        }
        let (elapsed, refused) = try await until(env, "/v1/households/\(city.householdA1)", token, answers: .notFound)
        #expect(refused.status == .notFound)
        #expect(elapsed < .seconds(5))
        #expect(try await get(env, "/v1/households/\(city.householdB1)", token).status == .ok)
    }
}
