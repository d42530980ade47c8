import Foundation
import Hummingbird
import HummingbirdTesting
import Models
import ServiceKit
import ServiceTestSupport
import Synchronization
import Testing

/// A resolver that answers from a table the test changes, counting its calls.
final class TableResolver: ScopeResolver {
    let accounts = Mutex<[Int: AccountScope]>([:])
    let calls = Atomic<Int>(0)

    func resolve(_ token: Principal) async throws -> Principal {
        calls.add(1, ordering: .relaxed)
        guard let id = token.accountID, let scope = accounts.withLock({ $0[id] }) else { throw ScopeRefusal.unknown }
        return try scope.principal(for: token, household: 10, headHouseholds: [])
    }
}

@Suite("Sign-in tokens are resolved from records: the role mapping, the cache, the middleware's answers")
struct ScopeResolverTests {
    static let token = Principal(subject: "account:7", role: .admin, accountID: 7)

    @Test func postsMapToOneRoleAndResidentsToHeadOrResident() throws {
        let district = AccountScope(kind: .staff, status: .active, residentID: nil, postKinds: [.community, .subdistrict], areaIDs: [5, 3, 5])
        #expect(try district.principal(for: Self.token, household: nil, headHouseholds: []).role == .district)
        #expect(try district.principal(for: Self.token, household: nil, headHouseholds: []).areaIDs == [3, 5])
        let secretary = AccountScope(
            AccountChanged(
                accountID: 7,
                kind: .staff,
                status: .locked,
                residentID: nil,
                posts: [StaffPost(kind: .firstSecretary, compoundID: 9)],
                revision: 1
            )
        )
        let resolved = try secretary.principal(for: Self.token, household: nil, headHouseholds: [])
        #expect(resolved == Principal(subject: "account:7", role: .secretary, compoundIDs: [9], accountID: 7))
        #expect(
            try AccountScope(kind: .staff, status: .active, residentID: nil, postKinds: [.operator]).principal(
                for: Self.token,
                household: nil,
                headHouseholds: []
            ).role == .admin
        )
        #expect(throws: ScopeRefusal.noPost) {
            try AccountScope(kind: .staff, status: .active, residentID: nil).principal(for: Self.token, household: nil, headHouseholds: [])
        }
        #expect(throws: ScopeRefusal.mixedPosts) {
            try AccountScope(kind: .staff, status: .active, residentID: nil, postKinds: [.operator, .dashboard]).principal(
                for: Self.token,
                household: nil,
                headHouseholds: []
            )
        }
        let resident = AccountScope(kind: .resident, status: .active, residentID: 42)
        let plain = try resident.principal(for: Self.token, household: 10, headHouseholds: [])
        #expect(plain == Principal(subject: "account:7", role: .resident, householdIDs: [10], residentID: 42, accountID: 7))
        let head = try resident.principal(for: Self.token, household: 10, headHouseholds: [12, 11])
        #expect(head.role == .head && head.householdIDs == [10, 11, 12])
        var disabled = resident
        disabled.status = .disabled
        #expect(throws: ScopeRefusal.disabled) { try disabled.principal(for: Self.token, household: 10, headHouseholds: []) }
    }

    @Test func operatorTokensPassUnchangedAndSignInTokensNeedAResolver() async throws {
        let slot = ScopeResolverSlot()
        let operatorToken = Principal(subject: "staff:ops", role: .district, areaIDs: [1])
        #expect(try await slot.resolve(operatorToken) == operatorToken)
        await #expect(throws: ScopeRefusal.unknown) { try await slot.resolve(Self.token) }
    }

    @Test func theCacheServesWithinItsLifetimeAndInvalidationIsImmediate() async throws {
        let resolver = TableResolver()
        resolver.accounts.withLock { $0[7] = AccountScope(kind: .resident, status: .active, residentID: 42) }
        let slot = ScopeResolverSlot(cache: ScopeResolverCache(ttl: .milliseconds(300)))
        slot.install(resolver)
        #expect(try await slot.resolve(Self.token).role == .resident)
        #expect(try await slot.resolve(Self.token).residentID == 42)
        #expect(resolver.calls.load(ordering: .relaxed) == 1)
        // Changed records without an invalidation: seen once the entry expires.
        resolver.accounts.withLock { $0[7]?.status = .disabled }
        try await Task.sleep(for: .milliseconds(350))
        await #expect(throws: ScopeRefusal.disabled) { try await slot.resolve(Self.token) }
        // With one (as a consumer does): at once.
        resolver.accounts.withLock { $0[7]?.status = .active }
        _ = try? await slot.resolve(Self.token)
        slot.cache.invalidate(residentID: 42)
        resolver.accounts.withLock { $0[7]?.status = .disabled }
        await #expect(throws: ScopeRefusal.disabled) { try await slot.resolve(Self.token) }
    }

    @Test func aResolutionBegunBeforeAnInvalidationIsNotRemembered() {
        let cache = ScopeResolverCache()
        let start = cache.now
        cache.invalidate(accountID: 1)
        cache.remember(Self.token, accountID: 7, resolvedFrom: start)
        #expect(cache.principal(accountID: 7) == nil)
        let bounded = ScopeResolverCache(capacity: 2)
        let long = bounded.now.advanced(by: .seconds(5))
        for id in 1...5 { bounded.remember(Self.token, accountID: id, resolvedFrom: long) }
        #expect(bounded.count <= 2)
    }

    @Test func theMiddlewareAnswersUnknownAndDisabledWith401AndNoPostWith403() async throws {
        let environment = try await ServiceTestEnvironment.make(service: "kit", migrations: [], openAPI: "openapi: 3.1.0\n")
        let resolver = TableResolver()
        environment.runtime.scopes.install(resolver)
        let router = environment.runtime.makeRouter()
        router.get("/v1/private") { _, context -> String in try context.requirePrincipal().role.rawValue }
        let app = environment.runtime.makeApplication(router: router)
        let token = try await environment.signIn(accountID: 7, claimed: .admin)
        try await app.test(.router) { client in
            let unknown = try await client.execute(uri: "/v1/private", method: .get, headers: token.headers)
            #expect(unknown.status == .unauthorized)
            #expect(try unknown.problem().detail == "account not known yet, try again")
            resolver.accounts.withLock { $0[7] = AccountScope(kind: .staff, status: .active, residentID: nil) }
            let noPost = try await client.execute(uri: "/v1/private", method: .get, headers: token.headers)
            #expect(noPost.status == .forbidden)
            environment.runtime.scopes.cache.invalidateAll()
            resolver.accounts.withLock { $0[7] = AccountScope(kind: .staff, status: .active, residentID: nil, postKinds: [.dashboard], areaIDs: [1]) }
            // The token said admin; the records say dashboard.
            #expect(String(buffer: try await client.execute(uri: "/v1/private", method: .get, headers: token.headers).body) == "dashboard")
            environment.runtime.scopes.cache.invalidateAll()
            resolver.accounts.withLock { $0[7]?.status = .disabled }
            let disabled = try await client.execute(uri: "/v1/private", method: .get, headers: token.headers)
            #expect(disabled.status == .unauthorized)
            #expect(try disabled.problem().detail == "account disabled")
            // An operator's token, without `acct`, is taken as it is.
            let operatorToken = try await environment.authorization(Principal(subject: "staff:ops", role: .admin))
            #expect(String(buffer: try await client.execute(uri: "/v1/private", method: .get, headers: operatorToken).body) == "admin")
        }
    }
}
