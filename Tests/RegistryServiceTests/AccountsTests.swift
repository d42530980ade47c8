import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobQueue
import Models
import Postgres
import ServiceKit
import ServiceTestSupport
import Testing

@testable import RegistryService

@Suite("Accounts and staff posts")
struct AccountsTests {
    @Test func anAdminMakesAStaffAccountWhosePostsGiveItsRole() async throws {
        let fixture = try await SignInFixture.make()
        let district = fixture.city.districtA
        let account: AccountView = try await fixture.env.test { client in
            let secretary = Principal(subject: "staff:sec", role: .secretary, compoundIDs: [fixture.city.compoundA])
            let body =
                #"{"displayName":"李娜","posts":[{"kind":"district-office","areaID":\#(district)}],"identities":[{"provider":"password","subject":"li-na"}]}"#
            #expect(try await fixture.env.send(client, .post, "/v1/accounts", as: secretary, json: body).status == .forbidden)
            let made = try await fixture.env.send(client, .post, "/v1/accounts", as: RegistryTestEnvironment.admin, json: body)
            #expect(made.status == .created)
            let account = try made.decode(AccountView.self)
            #expect(account.posts == [StaffPost(kind: .districtOffice, areaID: district)])
            // The same login twice is refused; a mix of roles is a 409; an unknown area a 422.
            let twice = try await fixture.env.send(client, .post, "/v1/accounts", as: RegistryTestEnvironment.admin, json: body)
            #expect(twice.status == .conflict)
            let mixed =
                #"{"posts":[{"kind":"community","areaID":\#(district)},{"kind":"compound-secretary","compoundID":\#(fixture.city.compoundA)}]}"#
            let refused = try await fixture.env.send(client, .put, "/v1/accounts/\(account.id)/posts", as: RegistryTestEnvironment.admin, json: mixed)
            #expect(refused.status == .conflict)
            #expect(String(buffer: refused.body).contains("posts-mixed"))
            let nowhere = try await fixture.env.send(
                client,
                .put,
                "/v1/accounts/\(account.id)/posts",
                as: RegistryTestEnvironment.admin,
                json: #"{"posts":[{"kind":"community","areaID":999999}]}"#
            )
            #expect(nowhere.status == .unprocessableContent)
            let listed = try await fixture.env.send(client, .get, "/v1/accounts?kind=staff", as: RegistryTestEnvironment.admin)
            #expect(try listed.decode(Page<AccountView>.self).items.map(\.id) == [account.id])
            return account
        }
        let issuer = SessionIssuer(pool: fixture.env.pool, clock: fixture.clock.clock, issuerName: "linli")
        let pair = try await issuer.issue(accountID: account.id, method: .password, ip: "127.0.0.1", userAgent: "tests")
        try await fixture.env.test { client in
            try await client.execute(uri: "/v1/auth/me", method: .get, headers: SignInFixture.bearer(pair.accessToken)) { response in
                #expect(response.status == .ok)
                let me = try response.decode(SignedInCaller.self)
                #expect(me.role == "district")
                #expect(me.areaIDs == [district])
                #expect(me.account?.posts.count == 1)
            }
            let moved = try await fixture.env.send(
                client,
                .put,
                "/v1/accounts/\(account.id)/posts",
                as: RegistryTestEnvironment.admin,
                json: #"{"posts":[{"kind":"compound-secretary","compoundID":\#(fixture.city.compoundA)}]}"#
            )
            #expect(try moved.decode(AccountView.self).revision == 2)
            let none = try await fixture.env.send(
                client,
                .put,
                "/v1/accounts/\(account.id)/posts",
                as: RegistryTestEnvironment.admin,
                json: #"{"posts":[]}"#
            )
            #expect(none.status == .ok)
        }
        await #expect(throws: SessionFailure.noPost) {
            try await issuer.issue(accountID: account.id, method: .password, ip: nil, userAgent: nil)
        }
        let revisions = try await fixture.env.published("account.changed").compactMap { $0["revision"] as? Int }
        #expect(revisions == [1, 2, 3])
        #expect(try await fixture.count("SELECT count(*) FROM registry.staff_posts WHERE ended_at IS NOT NULL") == 2)
        #expect(try await fixture.count("SELECT count(*) FROM registry.sign_in_audit WHERE action = 'sign-in' AND outcome = 'refused'") == 1)
    }

    @Test func aHeadSignsInAsHeadOverTheHouseholdsOfTheUnit() async throws {
        let fixture = try await SignInFixture.make()
        let resident = try await fixture.env.pool.query(
            "SELECT id FROM registry.residents WHERE household_id = \(fixture.city.householdA1)"
        ).scalar(Int.self)!
        try await fixture.env.pool.withTransaction { tx in
            let unit = try tx.query(
                "INSERT INTO registry.head_units (compound_id, level, name) VALUES (\(fixture.city.compoundA), 'neighbour', '一邻') RETURNING id"
            ).scalar(Int.self)!
            try tx.execute("INSERT INTO registry.unit_households (unit_id, household_id) VALUES (\(unit), \(fixture.city.householdA2))")
            try tx.execute("INSERT INTO registry.head_assignments (unit_id, resident_id, starts_on) VALUES (\(unit), \(resident), current_date)")
        }
        let principal = try await fixture.env.test { client in
            let pair = try await fixture.signIn(client)
            return try await fixture.env.pool.withConnection { tx in
                try AccountPrincipal.principal(accountID: pair.account.id, now: Date(), on: tx)
            }
        }
        #expect(principal.role == .head)
        #expect(principal.householdIDs == [fixture.city.householdA1, fixture.city.householdA2].sorted())
        #expect(principal.residentID == resident)
    }
}
