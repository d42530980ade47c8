import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Postgres
import ServiceKit

/// `/dashboard`: the district office's page, rendered on the server with SVG charts, in Chinese.
///
/// A browser cannot send a bearer header when it opens a page, so the page also takes the token
/// once as `?token=`, answers with a redirect that drops it from the address, and keeps it in an
/// HttpOnly, SameSite=Strict cookie scoped to `/dashboard`.
struct DashboardRoutes {
    let runtime: LinliRuntime
    let evaluator: MetricEvaluator

    static let cookie = "linli_dashboard"

    func add(to router: Router<LinliRequestContext>) {
        router.get("/dashboard") { request, context in try await page(request, context) }
    }

    private func page(_ request: Request, _ context: LinliRequestContext) async throws -> Response {
        let query = MetricRoutes.query(request)
        if context.principal == nil, let token = query["token"] {
            _ = try await runtime.tokens.verify(token)
            var headers = HTTPFields()
            headers[.location] = "/dashboard" + (query["month"].map { "?month=" + (Self.isMonth($0) ? $0 : "") } ?? "")
            headers[.setCookie] = "\(Self.cookie)=\(token); Path=/dashboard; HttpOnly; SameSite=Strict; Max-Age=28800"
            return Response(status: .seeOther, headers: headers)
        }
        let principal: Principal
        if let known = context.principal {
            principal = known
        } else if let token = Self.cookieValue(request.headers[.cookie]) {
            principal = try await runtime.tokens.verify(token)
        } else {
            throw APIError.unauthenticated("open the dashboard with a dashboard or district token")
        }
        let scope = try AnalyticsScope(principal)
        if let month = query["month"], !Self.isMonth(month) { throw APIError.invalid("month", "must be YYYY-MM") }
        let data = try await DashboardData.load(
            month: query["month"],
            scope: scope,
            evaluator: evaluator,
            pool: runtime.pool,
            now: runtime.clock.now()
        )
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("Content-Security-Policy")!] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: DashboardPage(data: data).html)))
    }

    static func isMonth(_ text: String) -> Bool {
        text.count == 7 && text.enumerated().allSatisfy { $0.offset == 4 ? $0.element == "-" : $0.element.isASCII && $0.element.isNumber }
    }

    static func cookieValue(_ header: String?) -> String? {
        guard let header else { return nil }
        for part in header.split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0] == cookie { return String(pair[1]) }
        }
        return nil
    }
}
