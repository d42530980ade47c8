import Foundation
import Hummingbird
import HummingbirdTesting
import LinliTestSupport
import Postgres
import RegistryService
import ServiceKit
import ServiceTestSupport
import Testing

@Suite("Staff sign in through OpenID Connect with PKCE, against a real provider on loopback")
struct OidcSignInTests {
    static func secretary(of compound: Int) -> OidcProviderStandIn.User {
        OidcProviderStandIn.User(subject: "u-1001", name: "李娜", groups: ["staff", "linli:compound-secretary:\(compound)"])
    }

    @Test func theFullFlowEndsWithATokenThatWorksAndCarriesTheMappedRole() async throws {
        let provider = try await OidcProviderStandIn.start(user: Self.secretary(of: 0))
        defer { Task { await provider.stop() } }
        let env = try await StaffSignInEnvironment.make(provider: provider)
        provider.signIn(as: Self.secretary(of: env.city.compoundA))
        let signedIn = try await env.test { client in
            let (code, state) = try await StaffSignInEnvironment.authorize(client, next: "/v1/compounds")
            return try await client.execute(uri: StaffSignInEnvironment.callback(code: code, state: state), method: .get) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                return try response.decode(OidcSignedIn.self)
            }
        }
        #expect(signedIn.next == "/v1/compounds")
        #expect(signedIn.tokens.account.posts == [.init(kind: "compound-secretary", areaID: nil, compoundID: env.city.compoundA)])
        let principal = try await env.principal(of: signedIn.tokens.accessToken)
        #expect(principal.role == .secretary)
        #expect(principal.compoundIDs == [env.city.compoundA])
        #expect(principal.accountID == signedIn.tokens.account.id)
        #expect(provider.redeemed == 1)
        let identity = try await env.pool.query("SELECT subject FROM registry.account_identities WHERE provider = 'oidc'").scalar(String.self)
        #expect(identity == "\(provider.issuer) u-1001")
        #expect(try await env.auditDetails().last == "success")

        // The token works on the registry: a secretary reads their own compound.
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(signedIn.tokens.accessToken)"
        let bearer = headers
        try await env.test { client in
            try await client.execute(uri: "/v1/compounds/\(env.city.compoundA)", method: .get, headers: bearer) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/compounds/\(env.city.compoundB)", method: .get, headers: bearer) { #expect($0.status == .notFound) }
        }
    }

    @Test func thePostsClaimChangesTheAccountsPostsOnTheNextSignIn() async throws {
        let provider = try await OidcProviderStandIn.start(user: Self.secretary(of: 0))
        defer { Task { await provider.stop() } }
        let env = try await StaffSignInEnvironment.make(provider: provider)
        provider.signIn(as: Self.secretary(of: env.city.compoundA))
        let first = try await Self.signIn(env)
        provider.signIn(as: .init(subject: "u-1001", name: "李娜", groups: ["linli:community:\(env.city.districtB)"]))
        let second = try await Self.signIn(env)
        #expect(second.account.id == first.account.id)
        #expect(second.account.posts == [.init(kind: "community", areaID: env.city.districtB, compoundID: nil)])
        let principal = try await env.principal(of: second.accessToken)
        #expect(principal.role == .district)
        #expect(principal.areaIDs == [env.city.districtB])
        // Signing in again with the same posts changes nothing (no new revision).
        let third = try await Self.signIn(env)
        let revision = try await env.pool.query("SELECT revision FROM registry.accounts WHERE id = \(third.account.id)").scalar(Int.self)
        #expect(revision == 2)

        // No post at all: refused, 403.
        provider.signIn(as: .init(subject: "u-1001", name: "李娜", groups: ["staff"]))
        let refused = try await env.test { client in
            let (code, state) = try await StaffSignInEnvironment.authorize(client)
            return try await client.execute(uri: StaffSignInEnvironment.callback(code: code, state: state), method: .get) { $0.status }
        }
        #expect(refused == .forbidden)
    }

    @Test func aTamperedOrReplayedStateIsA400AndNothingIsRedeemed() async throws {
        let provider = try await OidcProviderStandIn.start(user: Self.secretary(of: 0))
        defer { Task { await provider.stop() } }
        let env = try await StaffSignInEnvironment.make(provider: provider)
        provider.signIn(as: Self.secretary(of: env.city.compoundA))
        try await env.test { client in
            let (code, state) = try await StaffSignInEnvironment.authorize(client)
            let tampered = String(state.dropLast()) + (state.last == "A" ? "B" : "A")
            try await client.execute(uri: StaffSignInEnvironment.callback(code: code, state: tampered), method: .get) { response in
                #expect(response.status == .badRequest)
                let problem = try response.problem()
                #expect(problem.type.hasSuffix("/oidc-state-unknown"))
            }
            try await client.execute(uri: StaffSignInEnvironment.callback(code: code, state: state), method: .get) { #expect($0.status == .ok) }
            // The same state again (a replayed callback).
            try await client.execute(uri: StaffSignInEnvironment.callback(code: code, state: state), method: .get) {
                #expect($0.status == .badRequest)
            }
        }
        #expect(provider.redeemed == 1)
        #expect(try await env.auditDetails().filter { $0 == "oidc-state-unknown" }.count == 2)
    }

    @Test(arguments: [
        ("wrong nonce", "oidc-token-invalid"), ("wrong audience", "oidc-token-invalid"), ("foreign key", "oidc-token-invalid"),
        ("refused verifier", "oidc-code-refused"),
    ])
    func aProviderThatMisbehavesGivesAClear401(fault: String, code: String) async throws {
        let provider = try await OidcProviderStandIn.start(user: Self.secretary(of: 0))
        defer { Task { await provider.stop() } }
        let env = try await StaffSignInEnvironment.make("misbehaves-\(fault.replacingOccurrences(of: " ", with: "-"))", provider: provider)
        provider.signIn(as: Self.secretary(of: env.city.compoundA))
        var faults = OidcProviderStandIn.Faults()
        switch fault {
        case "wrong nonce": faults.nonce = "not-the-nonce"
        case "wrong audience": faults.audience = "another-client"
        case "foreign key": faults.foreignKey = true
        default: faults.refuseVerifier = true
        }
        provider.misbehave(faults)
        try await env.test { client in
            let (authorized, state) = try await StaffSignInEnvironment.authorize(client)
            try await client.execute(uri: StaffSignInEnvironment.callback(code: authorized, state: state), method: .get) { response in
                #expect(response.status == .unauthorized)
                let problem = try response.problem()
                #expect(problem.type.hasSuffix("/\(code)"))
                #expect(!String(buffer: response.body).contains("invalid_grant"))
            }
        }
        #expect(try await env.auditDetails() == [code])
        #expect(try await env.pool.query("SELECT count(*) FROM registry.accounts").scalar(Int.self) == 0)
    }

    @Test func aStoppedProviderIsA424NeverA5xx() async throws {
        let provider = try await OidcProviderStandIn.start(user: Self.secretary(of: 0))
        let env = try await StaffSignInEnvironment.make(provider: provider)
        provider.signIn(as: Self.secretary(of: env.city.compoundA))
        try await env.test { client in
            let (code, state) = try await StaffSignInEnvironment.authorize(client)
            await provider.stop()
            try await client.execute(uri: StaffSignInEnvironment.callback(code: code, state: state), method: .get) { response in
                #expect(response.status.code == 424)
                let problem = try response.problem()
                #expect(problem.type.hasSuffix("/oidc-provider-unavailable"))
                #expect(response.headers[.retryAfter] != nil)
            }
        }
        #expect(try await env.auditDetails() == ["oidc-provider-unavailable"])
    }

    @Test func startKeepsOnlyASameOriginNext() async throws {
        let provider = try await OidcProviderStandIn.start(user: Self.secretary(of: 0))
        defer { Task { await provider.stop() } }
        let env = try await StaffSignInEnvironment.make(provider: provider)
        provider.signIn(as: Self.secretary(of: env.city.compoundA))
        let next = try await env.test { client in
            let (code, state) = try await StaffSignInEnvironment.authorize(client, next: "//evil.example/x")
            return try await client.execute(uri: StaffSignInEnvironment.callback(code: code, state: state), method: .get) {
                try $0.decode(OidcSignedIn.self).next
            }
        }
        #expect(next == "/")
        let location = try await env.test { client in
            try await client.execute(uri: "/auth/oidc/start?next=/a", method: .get) { $0.headers[.location] ?? "" }
        }
        #expect(location.hasPrefix("\(provider.issuer)/authorize?"))
        #expect(location.contains("code_challenge_method=S256"))
        #expect(!location.contains("code_verifier"))
    }

    /// One whole sign-in; the token pair.
    static func signIn(_ env: StaffSignInEnvironment) async throws -> SignedIn {
        try await env.test { client in
            let (code, state) = try await StaffSignInEnvironment.authorize(client)
            return try await client.execute(uri: StaffSignInEnvironment.callback(code: code, state: state), method: .get) { response in
                guard response.status == .ok else { throw TestFailure("callback answered \(response.status): \(String(buffer: response.body))") }
                return try response.decode(OidcSignedIn.self).tokens
            }
        }
    }
}
