import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Postgres
import ServiceKit

/// `/dashboard`: the district office's page, rendered on the server with SVG charts, in Chinese.
///
/// It needs a signed-in caller like every other route: a browser's session cookie (`linli_access`,
/// read by ServiceKit's `SessionCookieMiddleware`) or an API client's bearer header. A browser with
/// no session is sent to `/auth/sign-in?next=/dashboard…` (ServiceKit's `BrowserErrorMiddleware`
/// answers its 401 with that redirect); a token is never taken from the address.
struct DashboardRoutes {
    let runtime: LinliRuntime
    let evaluator: MetricEvaluator

    func add(to router: Router<LinliRequestContext>) {
        router.get("/dashboard") { request, context in try await page(request, context) }
    }

    private func page(_ request: Request, _ context: LinliRequestContext) async throws -> Response {
        let query = MetricRoutes.query(request)
        guard let principal = context.principal else {
            throw APIError.unauthenticated("sign in to open the dashboard (a dashboard or district account)")
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
}
