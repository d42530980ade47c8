import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobQueue
import RegistryService
import ServiceKit
import ServiceTestSupport
import Testing

@Suite("The browser's sign-in pages: phone code first, cookies, CSRF, Chinese errors, sign-out")
struct SignInPageTests {
    @Test func aResidentSignsInWithAPhoneCodeLandsOnNextAndSignsOut() async throws {
        let env = try await RegistryTestEnvironment.make()
        let city = try await CityFixture.make(on: env.pool)
        let phone = "13800001234"
        // The registry makes its first signing key when it starts.
        try await RegistryService(
            runtime: env.runtime,
            configuration: try RegistryConfiguration(environment: ["LINLI_REGISTRY_DATA_KEY": RegistryTestEnvironment.dataKey])
        )
        .prepare()
        // Notifications takes the code to the phone: its queue receives the event.
        try await env.runtime.jobs.subscribe(queue: "notifications", to: ["signin.code-issued"])
        try await env.test { client in
            let created = try await env.send(
                client,
                .post,
                "/v1/residents",
                as: RegistryTestEnvironment.admin,
                json: #"{"householdID":\#(city.householdA1),"name":"张桂兰","phone":"\#(phone)"}"#
            )
            #expect(created.status == .created)
            var browser = SignInBrowser(client: client)
            let page = try await browser.get("/auth/sign-in?next=/welcome")
            #expect(page.status == .ok)
            #expect(page.html.contains("获取验证码") && page.html.contains("工作人员登录") && page.html.contains("lang=\"zh-CN\""))
            #expect(page.html.contains(#"name="next" value="/welcome""#))
            #expect(!page.html.contains("<script"))

            let codeStep = try await browser.post("/auth/sign-in/code", ["phone": phone, "next": "/welcome"])
            #expect(codeStep.status == .ok)
            #expect(codeStep.html.contains(WebStrings.SignIn.codeSent) && codeStep.html.contains("138****1234"))
            #expect(codeStep.html.contains(#"name="code""#))
            let code = try #require(try await Self.lastCode(env))

            let wrong = try await browser.post(
                "/auth/sign-in/verify",
                ["phone": phone, "code": code == "000000" ? "111111" : "000000", "next": "/welcome"]
            )
            #expect(wrong.status == .unauthorized)
            #expect(wrong.html.contains(WebStrings.SignIn.wrongCode))
            #expect(browser.cookies[SessionCookies.access] == nil)

            let signedIn = try await browser.post("/auth/sign-in/verify", ["phone": phone, "code": code, "next": "/welcome"])
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == "/welcome")
            let setCookies = signedIn.headers[values: .setCookie]
            let access = try #require(setCookies.first { $0.hasPrefix("\(SessionCookies.access)=") })
            #expect(access.contains("HttpOnly") && access.contains("SameSite=Lax") && access.contains("Max-Age=900") && !access.contains("Secure"))
            let refresh = try #require(setCookies.first { $0.hasPrefix("\(SessionCookies.refresh)=") })
            #expect(refresh.contains("HttpOnly") && refresh.contains("SameSite=Lax") && refresh.contains("Path=/auth"))

            let again = try await browser.get("/auth/sign-in?next=/welcome")
            #expect(again.html.contains(WebStrings.SignIn.signedInAs) && again.html.contains(#"id="sign-out""#))

            // The refresh page rotates the refresh cookie and goes back; the old one is then refused.
            let oldRefresh = try #require(browser.cookies[SessionCookies.refresh])
            let renewed = try await browser.get("/auth/refresh?next=/welcome")
            #expect(renewed.status == .seeOther)
            #expect(renewed.headers[.location] == "/welcome")
            #expect(browser.cookies[SessionCookies.refresh] != nil && browser.cookies[SessionCookies.refresh] != oldRefresh)
            var replay = SignInBrowser(client: client)
            replay.cookies[SessionCookies.refresh] = oldRefresh
            let replayed = try await replay.get("/auth/refresh?next=/welcome")
            #expect(replayed.headers[.location] == "/auth/sign-in?next=/welcome")

            var forged = browser
            forged.cookies[SessionCookies.csrf] = nil
            #expect(try await forged.post("/auth/sign-out", [:]).status == .forbidden)

            let signedOut = try await browser.post("/auth/sign-out", [:])
            #expect(signedOut.status == .ok)
            #expect(signedOut.html.contains(WebStrings.SignIn.signedOut))
            #expect(browser.cookies[SessionCookies.access] == nil && browser.cookies[SessionCookies.refresh] == nil)
        }
    }

    @Test func anUnknownPhoneGetsTheSameAnswerAndFloodsWaitInChinese() async throws {
        let env = try await RegistryTestEnvironment.make()
        try await env.test { client in
            var browser = SignInBrowser(client: client)
            _ = try await browser.get("/auth/sign-in")
            let first = try await browser.post("/auth/sign-in/code", ["phone": "139 0000 9999"])
            #expect(first.status == .ok)
            #expect(first.html.contains(WebStrings.SignIn.codeSent) && first.html.contains(WebStrings.SignIn.notRegisteredHint))
            let second = try await browser.post("/auth/sign-in/code", ["phone": "13900009999"])
            #expect(second.status == .tooManyRequests)
            #expect(second.headers[.retryAfter].flatMap(Int.init).map { $0 > 0 } == true)
            #expect(second.html.contains(WebStrings.SignIn.tooManyCodes) && second.html.contains("后再试"))
            let bad = try await browser.post("/auth/sign-in/code", ["phone": "12345"])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.html.contains(WebStrings.SignIn.badPhone))
        }
    }

    @Test func formsNeedTheCSRFTokenAndNextStaysOnThisSite() async throws {
        let env = try await RegistryTestEnvironment.make()
        try await env.test { client in
            var browser = SignInBrowser(client: client)
            let hostile = try await browser.get("/auth/sign-in?next=//evil.example/x")
            #expect(hostile.html.contains(#"name="next" value="/""#))
            var stranger = browser
            stranger.cookies = [:]
            let forged = try await stranger.post("/auth/sign-in/code", ["phone": "13800001234"])
            #expect(forged.status == .forbidden)
            #expect(forged.html.contains(WebStrings.Errors.csrf))
            let refused = try await browser.post("/auth/sign-in/password", ["login": "x", "password": "y", "totp": "123456"])
            #expect(refused.status == .unauthorized)
            #expect(refused.html.contains(WebStrings.SignIn.wrongPassword))
            let sso = try await browser.get("/auth/sign-in/sso?code=abc&state=forged")
            #expect(sso.status == .badRequest)
            #expect(sso.html.contains(WebStrings.SignIn.ssoFailed))
            #expect(browser.cookies[SessionCookies.access] == nil)
            let refresh = try await browser.get("/auth/refresh?next=/dashboard")
            #expect(refresh.status == .seeOther)
            #expect(refresh.headers[.location] == "/auth/sign-in?next=/dashboard")
        }
    }

    /// The code of the last `signin.code-issued` event (what notifications sends by SMS).
    static func lastCode(_ env: RegistryTestEnvironment) async throws -> String? {
        func find(_ value: Any) -> String? {
            if let object = value as? [String: Any] {
                if let code = object["code"] as? String { return code }
                return object.values.lazy.compactMap(find).first
            }
            return nil
        }
        return try await env.published("signin.code-issued").last.flatMap(find)
    }
}

/// A browser for the router test client: keeps cookies, asks for HTML, echoes the CSRF token in forms.
struct SignInBrowser {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]

    struct Page {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let html: String
    }

    mutating func get(_ uri: String) async throws -> Page { try await send(uri, .get, body: nil) }

    mutating func post(_ uri: String, _ fields: [String: String]) async throws -> Page {
        var fields = fields
        if let csrf = cookies[SessionCookies.csrf] { fields["_csrf"] = fields["_csrf"] ?? csrf }
        let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        return try await send(uri, .post, body: body)
    }

    private mutating func send(_ uri: String, _ method: HTTPRequest.Method, body: String?) async throws -> Page {
        var headers = HTTPFields()
        headers[.accept] = "text/html,application/xhtml+xml,*/*;q=0.8"
        if !cookies.isEmpty { headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        let page = try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            Page(status: response.status, headers: response.headers, html: String(buffer: response.body))
        }
        for cookie in page.headers[values: .setCookie] {
            let pair = cookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0])
            if cookie.contains("Max-Age=0") || pair.count < 2 || pair[1].isEmpty { cookies[name] = nil } else { cookies[name] = String(pair[1]) }
        }
        return page
    }
}
