import Foundation
import HTTPTypes
import Hummingbird
import Models
import NIOCore
import Postgres
import ServiceKit

/// `/v1/metrics` (the glossary), `/v1/metrics/{id}` (rows as JSON or CSV) and `/v1/overview`.
/// Read-only: a `dashboard` token reads everything, district and secretary tokens their scope.
struct MetricRoutes {
    let runtime: ServiceKit.LinliRuntime
    let evaluator: MetricEvaluator

    var buckets: Buckets { evaluator.buckets }

    func add(to router: Router<LinliRequestContext>) {
        router.get("/v1/metrics") { _, context in
            _ = try AnalyticsScope(try context.requirePrincipal())
            return try Self.jsonResponse(try LinliJSON.encode(MetricCatalog.metrics.map(GlossaryEntry.init)))
        }
        router.get("/v1/metrics/{id}") { request, context in try await metric(request, context) }
        router.get("/v1/overview") { request, context in
            let scope = try AnalyticsScope(try context.requirePrincipal())
            let overview = try await Overview.compute(
                query: Self.query(request),
                scope: scope,
                evaluator: evaluator,
                pool: runtime.pool,
                now: runtime.clock.now()
            )
            return try Self.jsonResponse(try LinliJSON.encode(overview))
        }
    }

    private func metric(_ request: Request, _ context: LinliRequestContext) async throws -> Response {
        let scope = try AnalyticsScope(try context.requirePrincipal())
        var id = try context.parameters.require("id")
        var csv = request.headers[.accept].map { $0.contains("text/csv") } ?? false
        if id.hasSuffix(".csv") {
            id.removeLast(4)
            csv = true
        } else if id.hasSuffix(".json") {
            id.removeLast(5)
            csv = false
        }
        guard let metric = MetricCatalog.metric(id) else { throw APIError.notFound("metric") }
        let now = runtime.clock.now()
        let parsed = try MetricRequest(metric: metric, query: Self.query(request), buckets: buckets, now: now)
        let evaluator = self.evaluator
        let rows = try await runtime.pool.withConnection { connection in
            guard try scope.admits(area: parsed.area, compound: parsed.compound, on: connection) else {
                throw APIError.notFound(parsed.compound != nil ? "compound" : "area")
            }
            return try evaluator.rows(for: parsed, scope: scope, now: now, on: connection)
        }
        let columns = MetricColumns(groupBy: parsed.groupBy)
        var headers = HTTPFields()
        headers[HTTPField.Name("X-Linli-Metric-Unit")!] = metric.unit
        if csv {
            headers[.contentType] = "text/csv; charset=utf-8"
            headers[.contentDisposition] = "inline; filename=\"\(metric.id).csv\""
            let body = MetricRowWriter.csv(rows, columns: columns, buckets: buckets)
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        headers[.contentType] = "application/json; charset=utf-8"
        let body = MetricRowWriter.json(rows, columns: columns, buckets: buckets)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func query(_ request: Request) -> [String: String] {
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
        return query
    }

    static func jsonResponse(_ bytes: [UInt8]) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// A glossary entry as `/v1/metrics` lists it.
struct GlossaryEntry: Codable, Sendable {
    let id: String
    let nameZh: String
    let nameEn: String
    let definition: String
    let definitionZh: String
    let unit: String
    let describesPeople: Bool
    let groupBy: [String]
    let intervals: [String]

    init(_ metric: Metric) {
        id = metric.id
        nameZh = metric.nameZh
        nameEn = metric.nameEn
        definition = metric.definition
        definitionZh = metric.definitionZh
        unit = metric.unit
        describesPeople = metric.describesPeople
        groupBy = metric.groupBy.map(\.rawValue)
        intervals = Grain.allCases.map(\.interval)
    }
}
