import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore

/// Renders a service's pages: Mustache templates (HTML-escaped by default) inside the one shared
/// ``WebLayout``. A service makes one at start with its templates and renders by name:
///
/// ```swift
/// let pages = try WebPages(templates: ["sign-in": SignInTemplates.signIn])
/// let html = pages.render("sign-in", title: WebStrings.SignIn.title, ["phone": phone])
/// ```
public struct WebPages: Sendable {
    let library: MustacheLibrary

    /// Parses the templates (name → Mustache text); a template may include another as `{{> name}}`.
    /// - Throws: the parser's error naming the template, at start rather than on a request.
    public init(templates: [String: String]) throws {
        var library = MustacheLibrary()
        try library.register(WebLayout.template, named: WebLayout.name)
        for (name, text) in templates { try library.register(text, named: name) }
        self.library = library
    }

    /// The whole page: the template `name` rendered with `values`, inside the layout with `title`
    /// and `chrome` (by default the bar of the resident's sections).
    public func render(_ name: String, title: String, _ values: [String: Any], chrome: WebChrome = .app) -> String {
        let body = library.render(values, withTemplate: name) ?? ""
        var layout = chrome.values
        layout["title"] = title
        layout["product"] = WebStrings.product
        layout["lang"] = WebStrings.language
        layout["stylesheet"] = WebAssets.stylesheetPath
        layout["body"] = body
        return library.render(layout, withTemplate: WebLayout.name) ?? body
    }

    /// The shared pages (the error page), available to every service.
    public static let shared: WebPages = {
        do { return try WebPages(templates: [ErrorPage.name: ErrorPage.template]) } catch {
            fatalError("the web kit's templates do not parse: \(error)")
        }
    }()
}

/// An HTML answer with the web kit's security headers: `nosniff`, a Content-Security-Policy with no
/// script, no inline style and no framing, `Referrer-Policy: same-origin`, and `Cache-Control: no-store` (pages are personal).
public enum HTMLResponse {
    /// The Content-Security-Policy of every page: no script at all, the shared stylesheet only (no
    /// inline style), images from this origin (a concern's photos) or inline, forms only to this origin.
    public static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    /// The page's response, with `cookies` as `Set-Cookie` lines.
    public static func page(_ html: String, status: HTTPResponse.Status = .ok, cookies: [String] = []) -> Response {
        var headers = securityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        headers.appendCookies(cookies)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A 303 to `location` (after a form post, or to the sign-in page), with `cookies`.
    public static func redirect(to location: String, cookies: [String] = []) -> Response {
        var headers = securityHeaders
        headers[.location] = location
        headers.appendCookies(cookies)
        return Response(status: .seeOther, headers: headers)
    }

    /// The headers every page and redirect carries.
    public static var securityHeaders: HTTPFields {
        var headers = HTTPFields()
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        headers[HTTPField.Name("Content-Security-Policy")!] = contentSecurityPolicy
        return headers
    }
}
