import ConcernsService
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobQueue
import Models
import ServiceKit
import ServiceTestSupport
import Testing

/// Sign-in tokens (with `acct`) get their role and scope from the concerns service's projections,
/// so the registry's changes apply as soon as their events are consumed, not when the token expires.
@Suite("Sign-in tokens: roles and scopes from the concerns service's records")
struct ScopeFromRecordsTests {
    static let headAccount = 700
    static let staffAccount = 701

    /// The concerns environment with `account.changed` reaching its queue (as its worker subscribes at start).
    private func make(_ label: String = #function) async throws -> ConcernsTestEnvironment {
        let env = try await ConcernsTestEnvironment.make(label)
        try await env.runtime.jobs.subscribe(queue: "concerns", to: [AccountChanged.topic])
        return env
    }

    private func call(
        _ env: ConcernsTestEnvironment,
        _ method: HTTPRequest.Method,
        _ uri: String,
        _ token: SignInToken,
        json: String? = nil
    )
        async throws -> TestResponse
    {
        try await env.test { client in
            try await client.executeRequest(uri: uri, method: method, headers: token.headers, body: json.map { ByteBuffer(string: $0) })
        }
    }

    @Test func aHeadLosesTheHouseholdsSecondsAfterTheAssignmentEnds() async throws {
        let env = try await make()
        let token = try await env.environment.signIn(accountID: Self.headAccount)
        try await env.publish([
            AccountChanged(accountID: Self.headAccount, kind: .resident, status: .active, residentID: City.headResident, posts: [], revision: 1)
        ])
        let body = #"{"category":"sanitation","source":"door-to-door","title":"垃圾清运不及时","householdID":\#(City.household1)}"#
        // The token claims a bare resident; the records make them the head of household 1.
        #expect(try await call(env, .post, "/v1/concerns", token, json: body).status == .created)
        try await env.publish([
            HeadVacated(
                assignmentID: 1,
                level: .neighbour,
                residentID: City.headResident,
                compoundID: City.compoundA,
                unitID: 7,
                householdIDs: [City.household1, City.household2],
                endedOn: Date()
            )
        ])
        // The clock starts once `head.vacated` is consumed (`publish` drains the queue; its own latency,
        // seconds on a loaded test machine, is not the scope's): from then on, not at the token's expiry.
        let vacated = ContinuousClock.now
        // Refused as the route refuses a household the caller does not cover.
        let refused = try await call(env, .post, "/v1/concerns", token, json: body)
        #expect(refused.status == .unprocessableContent)
        #expect(try refused.problem().fieldNames == ["householdID"])
        #expect(ContinuousClock.now - vacated < .seconds(5))
        #expect(Date() < token.expiresAt)
    }

    @Test func aDisabledAccountsTokenIsRefused() async throws {
        let env = try await make()
        let token = try await env.environment.signIn(accountID: Self.headAccount)
        try await env.publish([
            AccountChanged(accountID: Self.headAccount, kind: .resident, status: .active, residentID: City.headResident, posts: [], revision: 1)
        ])
        #expect(try await call(env, .get, "/v1/concerns", token).status == .ok)
        try await env.publish([
            AccountChanged(accountID: Self.headAccount, kind: .resident, status: .disabled, residentID: City.headResident, posts: [], revision: 2)
        ])
        let refused = try await call(env, .get, "/v1/concerns", token)
        #expect(refused.status == .unauthorized)
        #expect(try refused.problem().detail == "account disabled")
        #expect(Date() < token.expiresAt)
    }

    @Test func aSecretarysScopeFollowsTheirPosts() async throws {
        let env = try await make()
        let id = try await env.test { client in try await env.raise(client, as: City.secretaryA, extra: #","compoundID":\#(City.compoundA)"#) }
        let token = try await env.environment.signIn(accountID: Self.staffAccount)
        try await env.publish([
            AccountChanged(
                accountID: Self.staffAccount,
                kind: .staff,
                status: .active,
                residentID: nil,
                posts: [StaffPost(kind: .compoundSecretary, compoundID: City.compoundA)],
                revision: 1
            )
        ])
        #expect(try await call(env, .get, "/v1/concerns/\(id)", token).status == .ok)
        try await env.publish([
            AccountChanged(
                accountID: Self.staffAccount,
                kind: .staff,
                status: .active,
                residentID: nil,
                posts: [StaffPost(kind: .compoundSecretary, compoundID: City.compoundB)],
                revision: 2
            )
        ])
        // Now answered as compound B's secretary is answered.
        let asOther = try await env.test { client in try await env.call(client, .get, "/v1/concerns/\(id)", as: City.secretaryB) }
        let moved = try await call(env, .get, "/v1/concerns/\(id)", token)
        #expect(moved.status != .ok)
        #expect(moved.status == asOther.status)
    }
}
