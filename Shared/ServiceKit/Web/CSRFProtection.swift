import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Double-submit CSRF protection for browser sessions: a random token in the `linli_csrf` cookie
/// (SameSite=Strict, HttpOnly) that every form echoes in a hidden `_csrf` field (or a script in the
/// `X-CSRF-Token` header), compared in constant time, plus a check that the request did not come
/// from another site (`Origin`, `Sec-Fetch-Site`).
public enum CSRFProtection {
    /// The hidden form field.
    public static let field = "_csrf"
    /// The header a page script may send instead.
    public static let header = HTTPField.Name("X-CSRF-Token")!

    /// The 403 a forged or stale request gets (rendered as a Chinese page for a browser).
    public static let refusal = APIError(
        .forbidden,
        code: "csrf",
        title: "The request failed the CSRF check",
        detail: "reload the page and try again"
    )

    /// A fresh token: 32 random bytes, base64url.
    public static func makeToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// The token a page puts in its forms: the request's cookie, or a new one with the `Set-Cookie` that stores it.
    public static func token(for request: Request) -> (token: String, setCookie: String?) {
        if let existing = SessionCookies.value(SessionCookies.csrf, in: request), existing.count >= 32 { return (existing, nil) }
        let token = makeToken()
        return (token, SessionCookies.csrfCookie(token, for: request))
    }

    /// Checks an unsafe request: the origin is this site, and the submitted token equals the cookie's.
    /// - Parameter form: the posted form, when the caller has read it already (else the body is read here).
    /// - Throws: ``refusal`` (403).
    public static func verify(_ request: inout Request, context: some RequestContext, form: WebForm? = nil) async throws {
        guard isSameSite(request) else { throw refusal }
        guard let expected = SessionCookies.value(SessionCookies.csrf, in: request) else { throw refusal }
        var submitted = request.headers[header]
        if submitted == nil {
            if let form {
                submitted = form[field]
            } else if let contentType = request.headers[.contentType]?.lowercased() {
                if contentType.hasPrefix("application/x-www-form-urlencoded") {
                    submitted = try await WebForm.read(&request, context: context)[field]
                } else if contentType.hasPrefix("multipart/form-data") {
                    submitted = multipartField(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
                }
            }
        }
        guard let submitted, equal(submitted, expected) else { throw refusal }
    }

    /// `Sec-Fetch-Site` is `same-origin`, `same-site` or `none` when sent, and `Origin`, when sent,
    /// names the host the request was addressed to.
    static func isSameSite(_ request: Request) -> Bool {
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!]?.lowercased(),
            !["same-origin", "same-site", "none"].contains(site)
        {
            return false
        }
        guard let origin = request.headers[HTTPField.Name("Origin")!] else { return true }
        guard let url = URL(string: origin), let host = url.host?.lowercased() else { return false }
        let authority = (request.requestAuthority ?? "").lowercased()
        let port = url.port.map { ":\($0)" } ?? ""
        return authority == host + port || (port.isEmpty && (authority == host + ":80" || authority == host + ":443"))
    }

    /// Constant-time equality of two tokens.
    static func equal(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8)
        let right = Array(b.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }

    /// The `_csrf` part of a multipart body (the resident pages' photo uploads).
    static func multipartField(_ body: String) -> String? {
        guard let name = body.range(of: "name=\"\(field)\"") else { return nil }
        guard let start = body.range(of: "\r\n\r\n", range: name.upperBound..<body.endIndex) else { return nil }
        let rest = body[start.upperBound...]
        // "\r\n" is one Character in Swift, equal to neither "\r" nor "\n": stop at any line break.
        return String(rest.prefix { !$0.isNewline })
    }
}

/// Requires the CSRF check (``CSRFProtection/verify(_:context:form:)``) for every unsafe method
/// (POST, PUT, PATCH, DELETE) of a request whose credentials came from the session cookie. A request
/// with its own `Authorization` header is exempt: a browser never adds one to a forged request.
public struct CSRFMiddleware: RouterMiddleware {
    public typealias Context = LinliRequestContext

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.viaSessionCookie, ![.get, .head, .options].contains(request.method) else { return try await next(request, context) }
        var request = request
        try await CSRFProtection.verify(&request, context: context)
        return try await next(request, context)
    }
}
