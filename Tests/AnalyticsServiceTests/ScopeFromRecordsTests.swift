import AnalyticsService
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import ServiceKit
import ServiceTestSupport
import Testing

/// Sign-in tokens (with `acct`) get their role and scope from analytics' `accounts` projection: a
/// dashboard or district account reads what its posts cover, a disabled one is refused.
@Suite("Sign-in tokens: roles and scopes from analytics' records")
struct ScopeFromRecordsTests {
    private func status(_ env: AnalyticsTestEnvironment, _ uri: String, _ token: SignInToken) async throws -> TestResponse {
        try await env.test { client in try await client.executeRequest(uri: uri, method: .get, headers: token.headers, body: nil) }
    }

    private func change(_ env: AnalyticsTestEnvironment, _ event: AccountChanged) async throws {
        try await env.ingest([[event]])
    }

    @Test func aStaffAccountFollowsItsPostsAndIsRefusedOnceDisabled() async throws {
        let env = try await AnalyticsTestEnvironment.make()
        let uri = "/v1/metrics/attendances?from=2025-01-01&to=2025-02-01"
        // The token claims a bare resident (analytics would refuse it): only the records make it staff.
        let token = try await env.environment.signIn(accountID: 500)
        try await change(
            env,
            AccountChanged(
                accountID: 500,
                kind: .staff,
                status: .active,
                residentID: nil,
                posts: [StaffPost(kind: .dashboard, areaID: 1)],
                revision: 1
            )
        )
        #expect(try await status(env, uri, token).status == .ok)
        try await change(env, AccountChanged(accountID: 500, kind: .staff, status: .active, residentID: nil, posts: [], revision: 2))
        #expect(try await status(env, uri, token).status == .forbidden)
        try await change(
            env,
            AccountChanged(
                accountID: 500,
                kind: .staff,
                status: .disabled,
                residentID: nil,
                posts: [StaffPost(kind: .dashboard, areaID: 1)],
                revision: 3
            )
        )
        let refused = try await status(env, uri, token)
        #expect(refused.status == .unauthorized)
        #expect(try refused.problem().detail == "account disabled")
        #expect(Date() < token.expiresAt)
    }
}
