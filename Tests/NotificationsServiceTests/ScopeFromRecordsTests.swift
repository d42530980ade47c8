import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobQueue
import LinliTestSupport
import Models
import ServiceKit
import ServiceTestSupport
import Testing

@testable import NotificationsService

/// Sign-in tokens (with `acct`) get their role and scope from the notifications service's
/// projections: a resident's inbox is theirs by the records, and a disabled account is refused.
@Suite("Sign-in tokens: roles and scopes from the notifications service's records")
struct ScopeFromRecordsTests {
    private func call(_ env: NotificationsTestEnvironment, _ uri: String, _ token: SignInToken) async throws -> TestResponse {
        try await env.runtime.makeApplication(router: env.router).test(.router) { client in
            try await client.executeRequest(uri: uri, method: .get, headers: token.headers, body: nil)
        }
    }

    @Test func aResidentsInboxFollowsTheAccountAndADisabledOneIsRefused() async throws {
        let env = try await NotificationsTestEnvironment.make()
        // The token claims a resident with no resident id: only the records say whose inbox it is.
        let token = try await env.environment.signIn(accountID: 300)
        try await env.withWorker {
            try await env.environment.publishAccountChanged(300, kind: .resident, residentID: 8001, revision: 1)
            try await env.environment.waitUntilDrained()
            #expect(try await call(env, "/v1/inbox/unread-count", token).status == .ok)
            try await env.environment.publishAccountChanged(300, kind: .resident, status: .disabled, residentID: 8001, revision: 2)
            try await env.environment.waitUntilDrained()
            let refused = try await call(env, "/v1/inbox/unread-count", token)
            #expect(refused.status == .unauthorized)
            #expect(try refused.problem().detail == "account disabled")
            #expect(Date() < token.expiresAt)
        }
    }

    @Test func aStaffAccountsRoleFollowsItsPosts() async throws {
        let env = try await NotificationsTestEnvironment.make()
        let token = try await env.environment.signIn(accountID: 301)
        try await env.withWorker {
            try await env.environment.publishAccountChanged(
                301,
                kind: .staff,
                posts: [StaffPost(kind: .compoundSecretary, compoundID: 101)],
                revision: 1
            )
            try await env.environment.waitUntilDrained()
            #expect(try await call(env, "/v1/templates", token).status == .ok)
            try await env.environment.publishAccountChanged(301, kind: .staff, posts: [], revision: 2)
            try await env.environment.waitUntilDrained()
            #expect(try await call(env, "/v1/templates", token).status == .forbidden)
        }
    }
}
