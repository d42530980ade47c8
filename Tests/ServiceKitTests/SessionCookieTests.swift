import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import ServiceKit
import ServiceTestSupport
import Testing

@Suite("The browser session's cookies: the access cookie is a bearer token, written HttpOnly, SameSite, Secure off loopback")
struct SessionCookieTests {
    static let resident = Principal(subject: "resident:7", role: .resident, householdIDs: [3], residentID: 7)

    static func request(host: String) -> Request {
        var head = HTTPRequest(method: .get, scheme: "https", authority: host, path: "/")
        head.headerFields[.accept] = "text/html"
        return Request(head: head, body: .init(buffer: .init()))
    }

    @Test func theAccessCookieActsAsTheBearerToken() async throws {
        let (environment, app) = try await WebKitTestApp.make()
        let token = try await environment.tokens.mint(Self.resident)
        try await app.test(.router) { client in
            let api = WebKitTestApp.browser(cookies: [SessionCookies.access: token], html: false)
            try await client.execute(uri: "/v1/things", method: .get, headers: api) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "resident:7")
            }
            // An Authorization header wins over the cookie.
            var both = try await environment.authorization(Principal(subject: "staff:1", role: .admin))
            both[.cookie] = "\(SessionCookies.access)=\(token)"
            try await client.execute(uri: "/v1/things", method: .get, headers: both) { #expect(String(buffer: $0.body) == "staff:1") }
            // A bad cookie is a 401 for an API client…
            let bad = WebKitTestApp.browser(cookies: [SessionCookies.access: "expired"], html: false)
            try await client.execute(uri: "/v1/things", method: .get, headers: bad) { #expect($0.status == .unauthorized) }
            // …and a browser's page is sent to renew it, then back.
            let page = WebKitTestApp.browser(cookies: [SessionCookies.access: "expired"])
            try await client.execute(uri: "/v1/things?x=1", method: .get, headers: page) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/auth/refresh?next=/v1/things%3Fx%3D1")
            }
            // No session at all: straight to the sign-in page.
            try await client.execute(uri: "/v1/things", method: .get, headers: WebKitTestApp.browser(cookies: [:])) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/auth/sign-in?next=/v1/things")
            }
        }
    }

    @Test func cookiesAreHttpOnlySameSiteAndSecureOffLoopback() {
        let loopback = Self.request(host: "127.0.0.1:8081")
        let public_ = Self.request(host: "linli.example.cn")
        let access = SessionCookies.accessCookie("t", for: loopback)
        #expect(access == "linli_access=t; Path=/; Max-Age=900; HttpOnly; SameSite=Lax")
        #expect(SessionCookies.accessCookie("t", for: public_) == access + "; Secure")
        #expect(SessionCookies.accessCookie("t", for: Self.request(host: "localhost:8084")) == access)
        let refresh = SessionCookies.refreshCookie("r", for: public_)
        #expect(
            refresh.contains("Path=/auth") && refresh.contains("SameSite=Lax") && refresh.contains("HttpOnly") && refresh.hasSuffix("; Secure")
        )
        #expect(refresh.contains("Max-Age=\(30 * 24 * 3600)"))
        let csrf = SessionCookies.csrfCookie("c", for: public_)
        #expect(csrf.contains("SameSite=Strict") && csrf.contains("HttpOnly") && csrf.contains("Path=/;") && csrf.hasSuffix("; Secure"))
        #expect(SessionCookies.clearing(for: public_).allSatisfy { $0.contains("Max-Age=0") && $0.hasSuffix("; Secure") })
    }

    @Test func nextIsOnlyASameOriginPath() {
        #expect(ReturnPath.safe("/dashboard?month=2025-01") == "/dashboard?month=2025-01")
        for hostile in ["//evil.example/", "https://evil.example", "javascript:alert(1)", "/\\evil.example", "dashboard", "/a\nb", "", nil] {
            #expect(ReturnPath.safe(hostile) == "/", "\(String(describing: hostile))")
        }
        #expect(ReturnPath.encoded("/d?a=1&b=2") == "/d%3Fa%3D1%26b%3D2")
    }

    @Test func aBrowserGetsChinesePagesAndAnAPIClientProblems() async throws {
        let (_, app) = try await WebKitTestApp.make()
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/nothing-here", method: .get, headers: WebKitTestApp.browser(cookies: [:])) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("页面不存在"))
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                #expect(response.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("frame-ancestors 'none'") == true)
            }
            try await client.execute(uri: "/v1/nothing-here", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
        }
    }
}
