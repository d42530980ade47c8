import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import ServiceKit
import ServiceTestSupport
import Testing

@Suite("CSRF: a cookie-borne unsafe request needs the double-submit token and this site's origin")
struct CSRFTests {
    static let resident = Principal(subject: "resident:7", role: .resident, householdIDs: [3], residentID: 7)

    @Test func aCookiePostWithoutTheTokenIsRefusedWithAChinesePageOrAProblem() async throws {
        let (environment, app) = try await WebKitTestApp.make()
        let token = try await environment.tokens.mint(Self.resident)
        let csrf = CSRFProtection.makeToken()
        try await app.test(.router) { client in
            let browser = WebKitTestApp.browser(cookies: [SessionCookies.access: token, SessionCookies.csrf: csrf])
            try await client.execute(uri: "/v1/things", method: .post, headers: browser.posting, body: WebKitTestApp.form(["name": "x"])) {
                response in
                #expect(response.status == .forbidden)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let html = String(buffer: response.body)
                #expect(html.contains("页面已过期或来源不明"))
                #expect(html.contains("lang=\"zh-CN\""))
            }
            let api = WebKitTestApp.browser(cookies: [SessionCookies.access: token, SessionCookies.csrf: csrf], html: false)
            try await client.execute(uri: "/v1/things", method: .post, headers: api.posting, body: WebKitTestApp.form(["name": "x"])) { response in
                #expect(response.status == .forbidden)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try response.decode(ProblemBody.self)
                #expect(problem.type == "https://linli.dev/problems/csrf")
            }
            let wrong = WebKitTestApp.form(["_csrf": CSRFProtection.makeToken()])
            try await client.execute(uri: "/v1/things", method: .post, headers: browser.posting, body: wrong) { #expect($0.status == .forbidden) }
            let missingCookie = WebKitTestApp.browser(cookies: [SessionCookies.access: token])
            let form = WebKitTestApp.form(["_csrf": csrf])
            try await client.execute(uri: "/v1/things", method: .post, headers: missingCookie.posting, body: form) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/v1/things", method: .delete, headers: browser) { #expect($0.status == .forbidden) }
        }
    }

    @Test func withTheTokenInTheFormOrTheHeaderItPasses() async throws {
        let (environment, app) = try await WebKitTestApp.make()
        let token = try await environment.tokens.mint(Self.resident)
        try await app.test(.router) { client in
            let csrf = try await client.execute(uri: "/form", method: .get, headers: WebKitTestApp.browser(cookies: [:])) { response in
                #expect(response.status == .ok)
                let cookie = try #require(response.headers[.setCookie])
                #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"))
                return String(cookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1)[1])
            }
            let browser = WebKitTestApp.browser(cookies: [SessionCookies.access: token, SessionCookies.csrf: csrf])
            let form = WebKitTestApp.form(["name": "x", "_csrf": csrf])
            try await client.execute(uri: "/v1/things", method: .post, headers: browser.posting, body: form) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "resident:7")
            }
            var scripted = browser
            scripted[CSRFProtection.header] = csrf
            try await client.execute(uri: "/v1/things", method: .delete, headers: scripted) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/things", method: .get, headers: browser) { #expect($0.status == .ok) }
            // The page keeps the token the browser already has.
            try await client.execute(uri: "/form", method: .get, headers: browser) { response in
                #expect(response.headers[.setCookie] == nil)
                #expect(String(buffer: response.body).contains(csrf))
            }
        }
    }

    @Test func aBearerRequestIsExempt() async throws {
        let (environment, app) = try await WebKitTestApp.make()
        let headers = try await environment.authorization(Self.resident)
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/things", method: .post, headers: headers.posting, body: WebKitTestApp.form(["name": "x"])) {
                response in
                #expect(response.status == .ok)
            }
            var withCookie = headers
            withCookie[.cookie] = "\(SessionCookies.access)=not-used"
            try await client.execute(uri: "/v1/things", method: .delete, headers: withCookie) { #expect($0.status == .ok) }
        }
    }

    @Test func anotherSitesOriginIsRefusedEvenWithTheToken() async throws {
        let (environment, app) = try await WebKitTestApp.make()
        let token = try await environment.tokens.mint(Self.resident)
        let csrf = CSRFProtection.makeToken()
        try await app.test(.router) { client in
            let browser = WebKitTestApp.browser(cookies: [SessionCookies.access: token, SessionCookies.csrf: csrf])
            let form = WebKitTestApp.form(["_csrf": csrf])
            var foreign = browser.posting
            foreign[HTTPField.Name("Origin")!] = "https://evil.example"
            try await client.execute(uri: "/v1/things", method: .post, headers: foreign, body: form) { #expect($0.status == .forbidden) }
            var crossSite = browser.posting
            crossSite[HTTPField.Name("Sec-Fetch-Site")!] = "cross-site"
            try await client.execute(uri: "/v1/things", method: .post, headers: crossSite, body: form) { #expect($0.status == .forbidden) }
            var nullOrigin = browser.posting
            nullOrigin[HTTPField.Name("Origin")!] = "null"
            try await client.execute(uri: "/v1/things", method: .post, headers: nullOrigin, body: form) { #expect($0.status == .forbidden) }
            var otherPort = browser.posting
            otherPort[HTTPField.Name("Origin")!] = "http://localhost:9999"
            try await client.execute(uri: "/v1/things", method: .post, headers: otherPort, body: form) { #expect($0.status == .forbidden) }
            var own = browser.posting
            // The router test client addresses every request to `localhost`.
            own[HTTPField.Name("Origin")!] = "http://localhost"
            own[HTTPField.Name("Sec-Fetch-Site")!] = "same-origin"
            try await client.execute(uri: "/v1/things", method: .post, headers: own, body: form) { #expect($0.status == .ok) }
        }
    }

    @Test func tokensCompareInConstantTimeAndAreRandom() {
        let a = CSRFProtection.makeToken()
        #expect(a.count == 43)
        #expect(a != CSRFProtection.makeToken())
        #expect(!a.contains("+") && !a.contains("/") && !a.contains("="))
    }
}
