import AnalyticsCity
import AnalyticsService
import Foundation
import Hummingbird
import HummingbirdTesting
import Models
import Processes
import ServiceKit
import ServiceTestSupport
import Testing

@Suite("The built-in dashboard")
struct DashboardTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let artifacts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("test-artifacts")

    @Test func theSessionCookieOpensThePageAndItIsScoped() async throws {
        let env = try await AnalyticsTestEnvironment.make(suppressionThreshold: 1)
        try await env.ingest(RoutesTests.scenario())
        let district = Principal(subject: "staff:d10", role: .district, areaIDs: [10])
        let token = try await env.tokens.mint(district)
        try await env.test { client in
            try await client.execute(uri: "/dashboard", method: .get) { #expect($0.status == .unauthorized) }
            var browser = HTTPFields()
            browser[.accept] = "text/html,application/xhtml+xml,*/*;q=0.8"
            try await client.execute(uri: "/dashboard?month=2025-01", method: .get, headers: browser) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/auth/sign-in?next=/dashboard%3Fmonth%3D2025-01")
            }
            var headers = browser
            headers[.cookie] = "\(SessionCookies.access)=\(token)"
            try await client.execute(uri: "/dashboard?month=2025-01", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("基层治理数据看板"))
                #expect(html.contains("<polyline"))
                #expect(html.contains("枫林小区"))
                #expect(!html.contains("锦绣园"), "a compound of another district shows on a district's page")
                #expect(!html.contains("<script"))
            }
            let bearer = try await env.environment.authorization(district)
            try await client.execute(uri: "/dashboard?month=2025-01", method: .get, headers: bearer) { #expect($0.status == .ok) }
            try await client.execute(uri: "/dashboard?token=\(token)", method: .get) { #expect($0.status == .unauthorized) }
        }
    }

    @Test func chromiumRendersItAndSavesAScreenshot() async throws {
        let chromium = try #require(Self.chromium, "install Debian's chromium (scripts/test does)")
        let env = try await AnalyticsTestEnvironment.make()
        let city = CityGenerator.generate(
            CityScale(districts: 2, compounds: 8, households: 120, residents: 260, months: 12, attendances: 3_000, seed: 11),
            timeZone: env.configuration.timeZone
        )
        try await env.ingest(city.eventPhases())
        let token = try await env.tokens.mint(AnalyticsTestEnvironment.dashboard)
        try FileManager.default.createDirectory(at: Self.artifacts, withIntermediateDirectories: true)
        let screenshot = Self.artifacts.appendingPathComponent("analytics-dashboard.png")
        try? FileManager.default.removeItem(at: screenshot)
        let month = String(Buckets(timeZone: env.configuration.timeZone).label(city.end.addingTimeInterval(-86_400)).prefix(7))
        // Test-only stand-in for the registry's sign-in page: it sets the session cookie as that page does.
        env.router.get("/test-sign-in") { request, _ in
            HTMLResponse.redirect(to: "/dashboard?month=\(month)", cookies: [SessionCookies.accessCookie(token, for: request)])
        }
        try await env.runtime.makeApplication(router: env.router).test(.live) { client in
            let port = try #require(client.port)
            let url = "http://127.0.0.1:\(port)/test-sign-in"
            let common = [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                "--user-data-dir=/tmp/linli-chromium-\(port)",
            ]
            let dom = try await ChildProcess.run(chromium, common + ["--dump-dom", url])
            #expect(dom.status == 0)
            #expect(dom.output.contains("基层治理数据看板"), "chromium did not reach the page with the session cookie")
            #expect(dom.output.contains(city.compounds[0].name))
            let shot = try await ChildProcess.run(chromium, common + ["--window-size=1400,1500", "--screenshot=\(screenshot.path)", url])
            #expect(shot.status == 0, "\(shot.output.suffix(500))")
        }
        let size = (try FileManager.default.attributesOfItem(atPath: screenshot.path)[.size] as? Int) ?? 0
        #expect(size > 30_000, "the screenshot is \(size) bytes")
        let png = try Data(contentsOf: screenshot).prefix(8)
        #expect(Array(png) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }
}
