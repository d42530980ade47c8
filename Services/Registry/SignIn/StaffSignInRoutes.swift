import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ServiceKit

/// Staff sign-in over HTTP:
/// - `GET /auth/oidc/start?next=/…`: 302 to the provider's authorize URL (PKCE S256, state, nonce).
/// - `GET /auth/oidc/callback?code&state`: the token pair and the `next` path as JSON (``OidcCompletion``);
///   the browser's pages call ``StaffSignInDesk/completeOidc(code:state:client:)`` themselves to set cookies.
/// - `POST /v1/auth/password` `{login, password, totp}`: the token pair.
/// - `POST /v1/accounts/{id}/credentials` `{login, password}` (operators): 201 with the login and the
///   `otpauth://` URI, shown once.
struct StaffSignInRoutes {
    let oidc: StaffSignInDesk
    let password: PasswordSignInDesk

    /// The routes of a registry with these settings (one OIDC client, whose caches every request shares).
    init(runtime: LinliRuntime, oidc settings: OidcSettings?, vault: PersonalDataVault) {
        let sessions = SessionIssuer(pool: runtime.pool, clock: runtime.clock, issuerName: runtime.configuration.auth.issuer)
        let provider = settings.map { OidcProvider(settings: $0, clock: runtime.clock, logger: runtime.logger) }
        oidc = StaffSignInDesk(jobs: runtime.jobs, clock: runtime.clock, sessions: sessions, provider: provider, logger: runtime.logger)
        password = PasswordSignInDesk(jobs: runtime.jobs, clock: runtime.clock, sessions: sessions, vault: vault)
    }

    func add(to router: Router<LinliRequestContext>) {
        router.get("/auth/oidc/start") { request, _ -> Response in
            let next = try request.textParameter("next", maxLength: 500)
            let (url, _) = try await Self.answering { try await oidc.startOidc(next: next) }
            var headers = HTTPFields()
            headers[.location] = url
            headers[.cacheControl] = "no-store"
            return Response(status: .found, headers: headers)
        }
        router.get("/auth/oidc/callback") { request, context -> OidcCompletion in
            guard let code = try request.textParameter("code", maxLength: 2000), let state = try request.textParameter("state", maxLength: 200)
            else { throw StaffSignInFailure.stateUnknown.problem }
            let client = Self.client(request, context)
            let (tokens, next) = try await Self.answering { try await oidc.completeOidc(code: code, state: state, client: client) }
            return OidcCompletion(tokens: tokens, next: next)
        }
        router.post("/v1/auth/password") { request, context -> TokenPair in
            let body = try await request.decodeBody(PasswordSignIn.self, context: context)
            let client = Self.client(request, context)
            return try await Self.answering { try await password.signIn(login: body.login, password: body.password, totp: body.totp, client: client) }
        }
        router.post("/v1/accounts/{id}/credentials") { request, context -> EditedResponse<IssuedStaffCredentials> in
            let caller = try context.caller()
            let id = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(NewStaffCredentials.self, context: context)
            var headers = HTTPFields()
            headers[.cacheControl] = "no-store"
            return EditedResponse(status: .created, headers: headers, response: try await password.setCredentials(accountID: id, body, by: caller))
        }
    }

    /// Runs a desk call, turning the sign-in failures into their problem documents (``ProblemMiddleware``
    /// knows only ``Refusal`` and ``APIError``).
    static func answering<T: Sendable>(_ call: () async throws -> T) async throws -> T {
        do {
            return try await call()
        } catch let failure as StaffSignInFailure {
            throw failure.problem
        } catch let failure as SessionFailure {
            throw failure.problem
        }
    }

    /// The caller's address and user agent, for the audit.
    static func client(_ request: Request, _ context: LinliRequestContext) -> SignInClient {
        SignInClient(address: context.clientAddress, userAgent: request.headers[.userAgent].map { String($0.prefix(300)) })
    }
}

/// The body of `POST /v1/auth/password`.
struct PasswordSignIn: Codable, Sendable {
    var login: String
    var password: String
    var totp: String
}

/// The JSON answer of the OIDC callback: the token pair and where to go on to.
struct OidcCompletion: Codable, Sendable, ResponseEncodable {
    var tokens: TokenPair
    var next: String
}

extension IssuedStaffCredentials: ResponseEncodable {}

extension RegistryService {
    /// Adds staff sign-in's routes (OIDC start and callback, password + TOTP, operators' credentials).
    /// Called from ``addRoutes(to:)``.
    public func addStaffSignInRoutes(to router: Router<LinliRequestContext>) {
        StaffSignInRoutes(runtime: runtime, oidc: configuration.oidc, vault: vault).add(to: router)
    }
}
