import Foundation
import Hummingbird
import HummingbirdTesting
import JobQueue
import LinliTestSupport
import Models
import ServiceKit
import ServiceTestSupport
import Testing

@testable import CalendarService

/// Sign-in tokens (with `acct`) get their role and scope from the calendar's projections, so the
/// registry's changes apply as soon as their events are consumed, not when the token expires.
@Suite("Sign-in tokens: roles and scopes from the calendar's records")
struct ScopeFromRecordsTests {
    /// The head 5010's account and a staff account.
    static let headAccount = 900
    static let staffAccount = 901

    @Test func aHeadLosesTheHouseholdsSecondsAfterTheAssignmentEnds() async throws {
        let env = try await CalendarTestEnvironment.make()
        let start = Local.at(days: 5, hour: 9)
        let activity = try await env.published(start: start)
        let token = try await env.environment.signIn(accountID: Self.headAccount)
        try await env.running {
            try await env.environment.publishAccountChanged(Self.headAccount, kind: .resident, residentID: 5010, revision: 1)
            try await env.environment.waitUntilDrained()
            // The token claims a bare resident; the records make them the head of 1001 and 1002.
            #expect(try await env.send(.post, registrations(activity.id, start), #"{"residentID":5001}"#, token).status == .created)
            try await env.runtime.jobs.publish(
                HeadVacated(
                    assignmentID: City.headAssignment,
                    level: .neighbour,
                    residentID: 5010,
                    compoundID: City.fenglin,
                    unitID: 9,
                    householdIDs: [1001, 1002],
                    endedOn: Date()
                )
            )
            try await env.environment.waitUntilDrained()
            // The clock starts once `head.vacated` is consumed (the queue's own latency, seconds on a
            // loaded test machine, is not the scope's): from then on, not at the token's expiry.
            let vacated = ContinuousClock.now
            // Refused as the route refuses an uncovered household.
            #expect(try await env.send(.post, registrations(activity.id, start), #"{"residentID":5002}"#, token).status == .notFound)
            #expect(ContinuousClock.now - vacated < .seconds(5))
            #expect(Date() < token.expiresAt)
        }
    }

    @Test func aDisabledAccountsTokenIsRefused() async throws {
        let env = try await CalendarTestEnvironment.make()
        let activity = try await env.published(start: Local.at(days: 5, hour: 9))
        let token = try await env.environment.signIn(accountID: Self.headAccount)
        try await env.running {
            try await env.environment.publishAccountChanged(Self.headAccount, kind: .resident, residentID: 5010, revision: 1)
            try await env.environment.waitUntilDrained()
            #expect(try await env.send(.get, "/v1/activities/\(activity.id)", nil, token).status == .ok)
            try await env.environment.publishAccountChanged(Self.headAccount, kind: .resident, status: .disabled, residentID: 5010, revision: 2)
            // An older revision delivered late changes nothing.
            try await env.environment.publishAccountChanged(Self.headAccount, kind: .resident, residentID: 5010, revision: 1)
            try await env.environment.waitUntilDrained()
            let refused = try await env.send(.get, "/v1/activities/\(activity.id)", nil, token)
            #expect(refused.status == .unauthorized)
            #expect(try refused.decode(ProblemBody.self).detail == "account disabled")
            #expect(Date() < token.expiresAt)
        }
    }

    @Test func anAccountNotYetProjectedIsAskedToTryAgain() async throws {
        let env = try await CalendarTestEnvironment.make()
        let token = try await env.environment.signIn(accountID: 4242, claimed: .admin)
        let refused = try await env.send(.get, "/v1/venues", nil, token)
        #expect(refused.status == .unauthorized)
        #expect(try refused.decode(ProblemBody.self).detail == "account not known yet, try again")
    }

    @Test func aSecretarysScopeFollowsTheirPosts() async throws {
        let env = try await CalendarTestEnvironment.make()
        let draft = try await env.draft(start: Local.at(days: 5, hour: 9))
        let token = try await env.environment.signIn(accountID: Self.staffAccount)
        try await env.running {
            let fenglin = StaffPost(kind: .compoundSecretary, compoundID: City.fenglin)
            try await env.environment.publishAccountChanged(Self.staffAccount, kind: .staff, posts: [fenglin], revision: 1)
            try await env.environment.waitUntilDrained()
            #expect(try await env.send(.get, "/v1/activities/\(draft.id)", nil, token).status == .ok)
            let xiangjiang = StaffPost(kind: .firstSecretary, compoundID: City.xiangjiang)
            try await env.environment.publishAccountChanged(Self.staffAccount, kind: .staff, posts: [xiangjiang], revision: 2)
            try await env.environment.waitUntilDrained()
            // Another compound's draft is not even visible any more.
            #expect(try await env.send(.get, "/v1/activities/\(draft.id)", nil, token).status == .notFound)
            try await env.environment.publishAccountChanged(Self.staffAccount, kind: .staff, posts: [], revision: 3)
            try await env.environment.waitUntilDrained()
            #expect(try await env.send(.get, "/v1/activities/\(draft.id)", nil, token).status == .forbidden)
        }
    }

    private func registrations(_ activity: Int, _ start: String) -> String {
        "/v1/activities/\(activity)/occurrences/\(start)/registrations"
    }
}

extension CalendarTestEnvironment {
    /// Sends a request with a sign-in token's headers.
    fileprivate func send(_ method: HTTPRequest.Method, _ uri: String, _ json: String?, _ token: SignInToken) async throws -> Reply {
        let headers = token.headers
        return try await runtime.makeApplication(router: router).test(.router) { client in
            try await client.execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }) { response in
                Reply(status: response.status, body: Data(response.body.readableBytesView), headers: response.headers)
            }
        }
    }
}
