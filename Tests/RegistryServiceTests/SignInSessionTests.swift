import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobQueue
import Postgres
import Prometheus
import ServiceKit
import ServiceTestSupport
import Testing

@testable import RegistryService

@Suite("Refresh tokens, sign-out and the sign-in audit")
struct SignInSessionTests {
    @Test func aRefreshRotatesAndAReusedTokenRevokesTheFamily() async throws {
        let fixture = try await SignInFixture.make()
        try await fixture.env.test { client in
            let first = try await fixture.signIn(client)
            let rotated = try await fixture.post(client, "/v1/auth/refresh", refreshToken: first.refreshToken)
            #expect(rotated.status == .ok)
            let second = try rotated.decode(SignInFixture.Pair.self)
            #expect(second.refreshToken != first.refreshToken)
            #expect(second.account.id == first.account.id)
            try await client.execute(uri: "/v1/auth/me", method: .get, headers: SignInFixture.bearer(second.accessToken)) {
                #expect($0.status == .ok)
            }
            // The first token again: someone holds a copy. Both are refused from now on.
            let reused = try await fixture.post(client, "/v1/auth/refresh", refreshToken: first.refreshToken)
            #expect(reused.status == .unauthorized)
            #expect(try reused.decode(SignInProblem.self).errors?.first?.field == "refreshToken")
            #expect(try await fixture.post(client, "/v1/auth/refresh", refreshToken: second.refreshToken).status == .unauthorized)
            #expect(try await fixture.post(client, "/v1/auth/refresh", refreshToken: "not-a-token").status == .unauthorized)
        }
        #expect(try await fixture.count("SELECT count(DISTINCT family_id) FROM registry.refresh_tokens") == 1)
        #expect(try await fixture.count("SELECT count(*) FROM registry.refresh_tokens WHERE revoked_at IS NULL") == 0)
        #expect(try await fixture.count("SELECT count(*) FROM registry.sign_in_audit WHERE action = 'refresh-reuse'") == 1)
    }

    @Test func signingOutRevokesTheFamily() async throws {
        let fixture = try await SignInFixture.make()
        try await fixture.env.test { client in
            let pair = try await fixture.signIn(client)
            #expect(try await fixture.post(client, "/v1/auth/sign-out", refreshToken: pair.refreshToken).status == .noContent)
            #expect(try await fixture.post(client, "/v1/auth/refresh", refreshToken: pair.refreshToken).status == .unauthorized)
            // Signing out twice, or with an unknown token, answers the same.
            #expect(try await fixture.post(client, "/v1/auth/sign-out", refreshToken: pair.refreshToken).status == .noContent)
            #expect(try await fixture.post(client, "/v1/auth/sign-out", refreshToken: "unknown").status == .noContent)
        }
        #expect(try await fixture.count("SELECT count(*) FROM registry.sign_in_audit WHERE action = 'sign-out'") == 2)
    }

    @Test func aDisabledAccountCannotRefreshNorSignIn() async throws {
        let fixture = try await SignInFixture.make()
        try await fixture.env.test { client in
            let pair = try await fixture.signIn(client)
            let disabled = try await fixture.env.send(
                client,
                .post,
                "/v1/accounts/\(pair.account.id)/disable",
                as: RegistryTestEnvironment.admin
            )
            #expect(disabled.status == .ok)
            let refused = try await fixture.post(client, "/v1/auth/refresh", refreshToken: pair.refreshToken)
            #expect(refused.status == .unauthorized)
            fixture.clock.advance(by: 61)
            let code = try await fixture.freshCode(client)
            let signIn = try await fixture.verify(client, code: code)
            #expect(signIn.status == .unauthorized)
            #expect(try signIn.decode(SignInProblem.self).type.hasSuffix("/account-disabled"))
        }
        let statuses = try await fixture.env.published("account.changed").compactMap { $0["status"] as? String }
        #expect(statuses == ["active", "disabled"])
    }

    @Test func theAuditIsWrittenAndReadByAdminsOnly() async throws {
        let fixture = try await SignInFixture.make()
        try await fixture.env.test { client in
            let pair = try await fixture.signIn(client)
            _ = try await fixture.verify(client, code: "000000")
            try await client.execute(uri: "/v1/auth/audit", method: .get, headers: SignInFixture.bearer(pair.accessToken)) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/v1/auth/audit", method: .get, headers: SignInFixture.json) { #expect($0.status == .unauthorized) }
            let all = try await fixture.env.send(client, .get, "/v1/auth/audit?limit=2", as: RegistryTestEnvironment.admin)
            #expect(all.status == .ok)
            let page = try all.decode(Page<SignInAuditRecord>.self)
            #expect(page.items.map(\.action) == ["code-failed", "sign-in"])
            #expect(page.items.allSatisfy { $0.subject == "138****1234" })
            let next = try #require(page.next)
            let rest = try await fixture.env.send(client, .get, "/v1/auth/audit?after=\(next)", as: RegistryTestEnvironment.admin)
            #expect(try rest.decode(Page<SignInAuditRecord>.self).items.map(\.action) == ["code-requested"])
            let signIns = try await fixture.env.send(
                client,
                .get,
                "/v1/auth/audit?action=sign-in&account=\(pair.account.id)",
                as: RegistryTestEnvironment.admin
            )
            #expect(try signIns.decode(Page<SignInAuditRecord>.self).items.map(\.outcome) == ["success"])
        }
        // Counted in /metrics too (the process's registry: other tests add to the same counters).
        let metrics = String(decoding: MetricsRegistry.bootstrap().emitToBuffer(), as: UTF8.self)
        #expect(metrics.contains(#"linli_sign_in_total{action="code-failed",outcome="refused"}"#))
        #expect(metrics.contains(#"linli_sign_in_total{action="sign-in",outcome="success"}"#))
        // Nothing in the audit holds a code or a full phone.
        #expect(try await fixture.count("SELECT count(*) FROM registry.sign_in_audit WHERE subject LIKE '%8000012%'") == 0)
    }
}
