import Foundation
import Hummingbird
import ServiceKit

/// Renders the sign-in pages: the phone step, the code step (with the phone kept in a hidden field,
/// never in the address), the staff form, the signed-in and signed-out pages. Each page carries the
/// CSRF token of the browser (a new `linli_csrf` cookie when it has none).
struct PagesView: Sendable {
    let pages: WebPages
    let singleSignOn: Bool

    /// The templates are constants of the code: one that does not parse is a bug, caught by the page tests.
    init(singleSignOn: Bool) {
        do { pages = try WebPages(templates: PagesTemplates.all) } catch { fatalError("the sign-in templates do not parse: \(error)") }
        self.singleSignOn = singleSignOn
    }

    /// What a page shows besides the words.
    struct State {
        var next = "/"
        var phone: String?
        var codeStep = false
        var login: String?
        var staffOpen = false
        var error: PagesFailure?
        var notice: String?
    }

    /// The sign-in page in `state`.
    func signIn(_ state: State, for request: Request) -> Response {
        let csrf = CSRFProtection.token(for: request)
        var values = common(next: state.next, csrf: csrf.token)
        values["codeStep"] = state.codeStep
        values["staffOpen"] = state.staffOpen
        values["singleSignOn"] = singleSignOn
        if let phone = state.phone {
            values["phone"] = phone
            values["maskedPhone"] = ChinesePhone(phone)?.masked ?? ""
        }
        if let login = state.login { values["login"] = login }
        if let error = state.error { values["error"] = error.message }
        if let notice = state.notice { values["notice"] = notice }
        let html = pages.render(PagesTemplates.signIn, title: WebStrings.SignIn.title, values, chrome: .bare)
        var response = HTMLResponse.page(html, status: state.error?.status ?? .ok, cookies: csrf.setCookie.map { [$0] } ?? [])
        if let wait = state.error?.retryAfter { response.headers[.retryAfter] = String(wait) }
        return response
    }

    /// "You are signed in as …", with the way on and the sign-out button.
    func signedIn(subject: String, next: String, for request: Request) -> Response {
        let csrf = CSRFProtection.token(for: request)
        var values = common(next: next, csrf: csrf.token)
        values["signedInAs"] = WebStrings.SignIn.signedInAs
        values["subject"] = subject
        values["continue"] = WebStrings.SignIn.proceed
        let html = pages.render(PagesTemplates.signedIn, title: WebStrings.SignIn.title, values)
        return HTMLResponse.page(html, cookies: csrf.setCookie.map { [$0] } ?? [])
    }

    /// "You have signed out", with the session's cookies cleared.
    func signedOut(for request: Request) -> Response {
        let html = pages.render(PagesTemplates.signedOut, title: WebStrings.SignIn.signOut, ["t": PagesTemplates.words], chrome: .bare)
        return HTMLResponse.page(html, cookies: SessionCookies.clearing(for: request))
    }

    private func common(next: String, csrf: String) -> [String: Any] {
        ["t": PagesTemplates.words, "next": next, "nextEncoded": ReturnPath.encoded(next), "csrf": csrf]
    }
}
