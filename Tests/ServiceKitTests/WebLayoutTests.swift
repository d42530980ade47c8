import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ServiceKit
import ServiceTestSupport
import Testing

@Suite("The web kit's layout: the bar of sections, the cached stylesheet, no inline style or script")
struct WebLayoutTests {
    static let pages = try! WebPages(templates: ["hello": "<h1>{{name}}</h1>"])

    @Test func theAppChromeMarksItsSectionAndEscapesValues() throws {
        let html = Self.pages.render("hello", title: "标题", ["name": "<b>李阿姨</b>"], chrome: .app(.inbox))
        #expect(html.contains("<title>标题 · 邻里</title>"))
        #expect(html.contains("<h1>&lt;b&gt;李阿姨&lt;/b&gt;</h1>"))
        for section in WebSection.allCases { #expect(html.contains("<a href=\"\(section.path)\"")) }
        #expect(html.contains("<a href=\"/inbox\" aria-current=\"page\">消息</a>"))
        #expect(!html.contains("<a href=\"/points\" aria-current"))
        #expect(html.contains("<link rel=\"stylesheet\" href=\"\(WebAssets.stylesheetPath)\">"))
        #expect(!html.contains("<style") && !html.contains("style=\"") && !html.contains("<script"))
        #expect(!html.contains("class=\"wide\""))
        #expect(Self.pages.render("hello", title: "t", [:], chrome: .app(.home, wide: true)).contains("<main class=\"wide\">"))
    }

    @Test func theBareChromeHasNoBar() {
        let html = Self.pages.render("hello", title: "登录", ["name": "x"], chrome: .bare)
        #expect(!html.contains("<nav"))
        #expect(html.contains(WebAssets.stylesheetPath))
    }

    @Test func theStylesheetIsServedUnderItsHashForAYear() async throws {
        let (_, app) = try await WebKitTestApp.make()
        #expect(WebAssets.stylesheetPath.wholeMatch(of: /\/assets\/linli-[0-9a-f]{12}\.css/) != nil)
        try await app.test(.router) { client in
            try await client.execute(uri: WebAssets.stylesheetPath, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
                #expect(response.headers[.cacheControl] == "public, max-age=31536000, immutable")
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                let css = String(buffer: response.body)
                #expect(css.contains(".tiles{") && css.contains(".big-code{"))
                #expect(response.body.readableBytes < 12_000)
            }
            // An old or made-up name is not served.
            try await client.execute(uri: "/assets/linli-000000000000.css", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test func pagesAllowOnlyTheStylesheetAndNoScript() {
        let policy = HTMLResponse.contentSecurityPolicy
        #expect(policy.contains("default-src 'none'"))
        #expect(policy.contains("style-src 'self'") && !policy.contains("unsafe-inline"))
        #expect(policy.contains("frame-ancestors 'none'"))
        #expect(!policy.contains("script-src"))
    }
}

@Suite("Every response of every service: nosniff, and no-store unless the route chose its caching")
struct SecurityHeadersTests {
    @Test func jsonProblemsPagesAndTheStylesheetCarryTheirHeaders() async throws {
        let (environment, app) = try await WebKitTestApp.make()
        let noSniff = HTTPField.Name("X-Content-Type-Options")!
        try await app.test(.router) { client in
            let admin = try await environment.authorization(Principal(subject: "staff:1", role: .admin))
            for (uri, headers) in [("/v1/things", admin), ("/v1/things", HTTPFields()), ("/no-such-route", HTTPFields()), ("/healthz", HTTPFields())]
            {
                try await client.execute(uri: uri, method: .get, headers: headers) { response in
                    #expect(response.headers[noSniff] == "nosniff", "\(uri) \(response.status)")
                    #expect(response.headers[.cacheControl] == "no-store", "\(uri) \(response.status)")
                }
            }
            // A route's own caching is kept.
            try await client.execute(uri: WebAssets.stylesheetPath, method: .get) { response in
                #expect(response.headers[.cacheControl] == "public, max-age=31536000, immutable")
                #expect(response.headers[values: noSniff] == ["nosniff"])
            }
        }
    }
}
