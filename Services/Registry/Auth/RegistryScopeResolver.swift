import Foundation
import Models
import Postgres
import ServiceKit

/// Resolves a sign-in token in the registry from its own tables: the registry owns accounts, posts,
/// head assignments and residencies, so it projects nothing.
///
/// It uses helper "accounts"' ``AccountPrincipal/principal(accountID:now:on:)`` (the account →
/// principal function sign-in itself issues tokens with), so the registry answers exactly what a
/// fresh sign-in would: an account disabled (or locked) since the token was minted is refused, a
/// head whose assignment ended is a resident again. The registry consumes none of its own events,
/// so its ``ScopeResolverCache`` entries are not dropped on a change: they live 2 s at most.
struct RegistryScopeResolver: ScopeResolver {
    let pool: PostgresPool
    let clock: WallClock

    func resolve(_ token: Principal) async throws -> Principal {
        guard let accountID = token.accountID else { return token }
        let now = clock.now()
        do {
            var principal = try await pool.withConnection { connection in
                try AccountPrincipal.principal(accountID: accountID, now: now, on: connection)
            }
            principal.subject = token.subject
            return principal
        } catch let failure as SessionFailure {
            switch failure {
            case .accountDisabled: throw ScopeRefusal.disabled
            case .noPost: throw ScopeRefusal.noPost
            default: throw ScopeRefusal.unknown
            }
        } catch let refusal as Refusal where refusal.kind == .notFound {
            throw ScopeRefusal.unknown
        }
    }
}
