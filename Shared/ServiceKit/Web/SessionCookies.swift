import Foundation
import HTTPTypes
import Hummingbird

/// The browser session's cookies (the sign-in contract), written in one place so that every service
/// reads and every sign-in page writes them the same way.
///
/// - `linli_access`: the access token (HttpOnly; SameSite=Lax; Path=/; Max-Age 900).
/// - `linli_refresh`: the refresh token (HttpOnly; SameSite=Lax; Path=/auth; 30 days), seen only by
///   the registry's `/auth/…` pages. Lax, not Strict: a resident who taps a link in WeChat after the
///   access cookie expired is redirected to `/auth/refresh` within a cross-site navigation, where a
///   Strict cookie is not sent and they would have to sign in again. A cross-site GET of
///   `/auth/refresh` can only rotate the victim's own tokens into their own browser.
/// - `linli_csrf`: the double-submit token (HttpOnly; SameSite=Strict; Path=/), echoed in every form.
///
/// Every cookie is `Secure` unless the request came to a loopback host (a developer's machine on
/// plain HTTP); behind the front door the public origin is HTTPS, so they are.
public enum SessionCookies {
    public static let access = "linli_access"
    public static let refresh = "linli_refresh"
    public static let csrf = "linli_csrf"

    /// The access token's lifetime, the same as the token's own.
    public static let accessMaxAge = 15 * 60
    /// The refresh token's lifetime.
    public static let refreshMaxAge = 30 * 24 * 3600
    /// The CSRF token's lifetime: a day, renewed by every page that shows a form.
    public static let csrfMaxAge = 24 * 3600

    /// `Set-Cookie` for the access token.
    public static func accessCookie(_ token: String, for request: Request) -> String {
        cookie(access, token, path: "/", sameSite: "Lax", maxAge: accessMaxAge, request: request)
    }

    /// `Set-Cookie` for the refresh token.
    public static func refreshCookie(_ token: String, for request: Request) -> String {
        cookie(refresh, token, path: "/auth", sameSite: "Lax", maxAge: refreshMaxAge, request: request)
    }

    /// `Set-Cookie` for the CSRF token.
    public static func csrfCookie(_ token: String, for request: Request) -> String {
        cookie(csrf, token, path: "/", sameSite: "Strict", maxAge: csrfMaxAge, request: request)
    }

    /// `Set-Cookie`s that remove the session (sign-out, a refused refresh).
    public static func clearing(for request: Request) -> [String] {
        [
            cookie(access, "", path: "/", sameSite: "Lax", maxAge: 0, request: request),
            cookie(refresh, "", path: "/auth", sameSite: "Lax", maxAge: 0, request: request),
        ]
    }

    /// One `Set-Cookie` value.
    static func cookie(_ name: String, _ value: String, path: String, sameSite: String, maxAge: Int, request: Request) -> String {
        var text = "\(name)=\(value); Path=\(path); Max-Age=\(maxAge); HttpOnly; SameSite=\(sameSite)"
        if !request.isLoopback { text += "; Secure" }
        return text
    }

    /// The value of the cookie `name` sent with the request.
    public static func value(_ name: String, in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for part in header.split(separator: ";") {
                let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0] == name, !pair[1].isEmpty { return String(pair[1]) }
            }
        }
        return nil
    }
}

extension HTTPFields {
    /// Appends one `Set-Cookie` per value (they are never folded into one line).
    public mutating func appendCookies(_ cookies: [String]) {
        for cookie in cookies { append(HTTPField(name: .setCookie, value: cookie)) }
    }
}
