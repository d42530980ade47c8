import Foundation
import HTTPTypes
import Hummingbird
import ServiceKit

/// The browser's sign-in pages (Chinese, phone first, plain forms):
/// - `GET /auth/sign-in?next=`: phone → "获取验证码" → code → signed in; "工作人员登录" opens single
///   sign-on (when configured) and the password + TOTP form. Already signed in: who, and sign-out.
/// - `POST /auth/sign-in/code`, `POST /auth/sign-in/verify`, `POST /auth/sign-in/password`: the steps.
///   Success sets the session cookies and redirects (303) to `next`; a failure shows the form again
///   with the reason in Chinese (and `Retry-After` for a flood or a lock).
/// - `GET /auth/refresh?next=`: renews the session with the `linli_refresh` cookie (rotated) and goes
///   back to `next`; any service's page whose access cookie expired is sent here. No refresh cookie or
///   a refused one: the cookies are cleared and the browser goes to the sign-in page.
/// - `POST /auth/sign-out`: revokes the refresh family, clears the cookies.
/// - `GET /auth/sign-in/sso?code&state`: the browser's end of single sign-on (the redirect URL a
///   deployment registers at its provider for browsers; `/auth/oidc/callback` answers JSON): the
///   session's cookies, then on to the `next` the login started with; a failure is a Chinese page.
///
/// Every post is checked by ``CSRFProtection`` (the sign-in forms too: no login CSRF). `next` is only
/// ever a same-origin path (``ReturnPath``).
struct PagesRoutes: Sendable {
    let backend: any SignInPagesBackend
    let view: PagesView

    init(backend: any SignInPagesBackend) {
        self.backend = backend
        self.view = PagesView(singleSignOn: backend.offersSingleSignOn)
    }

    func add(to router: Router<LinliRequestContext>) {
        router.get("/auth/sign-in") { request, context in
            let next = ReturnPath.safe(request.uri.queryParameters["next"].map(String.init))
            if let principal = context.principal { return view.signedIn(subject: principal.subject, next: next, for: request) }
            return view.signIn(.init(next: next), for: request)
        }
        router.post("/auth/sign-in/code") { request, context in try await requestCode(request, context) }
        router.post("/auth/sign-in/verify") { request, context in try await verify(request, context) }
        router.post("/auth/sign-in/password") { request, context in try await password(request, context) }
        router.get("/auth/refresh") { request, context in try await refresh(request, context) }
        router.post("/auth/sign-out") { request, context in try await signOut(request, context) }
        router.get("/auth/sign-in/sso") { request, context in try await singleSignOn(request, context) }
    }

    private func requestCode(_ request: Request, _ context: LinliRequestContext) async throws -> Response {
        let (request, form, next) = try await read(request, context)
        guard let phone = form["phone"], ChinesePhone(phone) != nil else {
            return view.signIn(
                .init(next: next, phone: form["phone"], error: .init(message: WebStrings.SignIn.badPhone, status: .unprocessableContent)),
                for: request
            )
        }
        do {
            try await backend.requestCode(phone: phone, client: client(request, context))
        } catch {
            guard let failure = PagesFailure.from(error) else { throw error }
            return view.signIn(.init(next: next, phone: phone, codeStep: failure.status != .unprocessableContent, error: failure), for: request)
        }
        return view.signIn(.init(next: next, phone: phone, codeStep: true, notice: WebStrings.SignIn.codeSent), for: request)
    }

    private func verify(_ request: Request, _ context: LinliRequestContext) async throws -> Response {
        let (request, form, next) = try await read(request, context)
        guard let phone = form["phone"], ChinesePhone(phone) != nil else { return view.signIn(.init(next: next), for: request) }
        guard let code = form["code"], code.count == 6, code.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            let failure = PagesFailure(message: WebStrings.SignIn.badCode, status: .unprocessableContent)
            return view.signIn(.init(next: next, phone: phone, codeStep: true, error: failure), for: request)
        }
        do {
            let tokens = try await backend.verifyCode(phone: phone, code: code, client: client(request, context))
            return Self.signedIn(tokens, next: next, for: request)
        } catch {
            guard let failure = PagesFailure.from(error) else { throw error }
            return view.signIn(.init(next: next, phone: phone, codeStep: true, error: failure), for: request)
        }
    }

    private func password(_ request: Request, _ context: LinliRequestContext) async throws -> Response {
        let (request, form, next) = try await read(request, context)
        guard let login = form["login"], let password = form.fields["password"], !password.isEmpty, let totp = form["totp"] else {
            let failure = PagesFailure(message: WebStrings.SignIn.missingPassword, status: .unprocessableContent)
            return view.signIn(.init(next: next, login: form["login"], staffOpen: true, error: failure), for: request)
        }
        do {
            let tokens = try await backend.signInWithPassword(login: login, password: password, totp: totp, client: client(request, context))
            return Self.signedIn(tokens, next: next, for: request)
        } catch {
            guard let failure = PagesFailure.from(error) else { throw error }
            return view.signIn(.init(next: next, login: login, staffOpen: true, error: failure), for: request)
        }
    }

    private func refresh(_ request: Request, _ context: LinliRequestContext) async throws -> Response {
        let next = ReturnPath.safe(request.uri.queryParameters["next"].map(String.init))
        let signIn = "/auth/sign-in?next=" + ReturnPath.encoded(next)
        guard let token = SessionCookies.value(SessionCookies.refresh, in: request) else {
            return HTMLResponse.redirect(to: signIn, cookies: SessionCookies.clearing(for: request))
        }
        do {
            return Self.signedIn(try await backend.refresh(token, client: client(request, context)), next: next, for: request)
        } catch {
            guard PagesFailure.from(error) != nil else { throw error }
            return HTMLResponse.redirect(to: signIn, cookies: SessionCookies.clearing(for: request))
        }
    }

    private func signOut(_ request: Request, _ context: LinliRequestContext) async throws -> Response {
        let (request, _, _) = try await read(request, context)
        if let token = SessionCookies.value(SessionCookies.refresh, in: request) {
            do { try await backend.signOut(token, client: client(request, context)) } catch  where PagesFailure.from(error) != nil {}
        }
        return view.signedOut(for: request)
    }

    private func singleSignOn(_ request: Request, _ context: LinliRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        do {
            guard let code = query["code"].map(String.init), let state = query["state"].map(String.init), code.count <= 2_000, state.count <= 200
            else { throw StaffSignInFailure.stateUnknown }
            let (tokens, next) = try await backend.completeSingleSignOn(code: code, state: state, client: client(request, context))
            return Self.signedIn(tokens, next: next, for: request)
        } catch {
            guard let failure = PagesFailure.from(error) else { throw error }
            return view.signIn(.init(staffOpen: true, error: failure), for: request)
        }
    }

    /// The posted form, after the CSRF check, and its safe `next`.
    private func read(_ request: Request, _ context: LinliRequestContext) async throws -> (Request, WebForm, String) {
        var request = request
        let form = try await WebForm.read(&request, context: context)
        try await CSRFProtection.verify(&request, context: context, form: form)
        return (request, form, ReturnPath.safe(form["next"]))
    }

    private func client(_ request: Request, _ context: LinliRequestContext) -> SignInClient {
        SignInClient(address: context.clientAddress, userAgent: request.headers[.userAgent].map { String($0.prefix(300)) })
    }

    /// The session's cookies set, and on to `next`.
    static func signedIn(_ tokens: BrowserTokens, next: String, for request: Request) -> Response {
        HTMLResponse.redirect(
            to: ReturnPath.safe(next),
            cookies: [SessionCookies.accessCookie(tokens.access, for: request), SessionCookies.refreshCookie(tokens.refresh, for: request)]
        )
    }
}
