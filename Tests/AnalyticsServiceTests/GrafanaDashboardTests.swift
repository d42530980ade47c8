import AnalyticsService
import Foundation
import Testing

@Suite("The Grafana dashboard in deploy/grafana")
struct GrafanaDashboardTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("deploy/grafana/linli-analytics.json")

    @Test func everyPanelQueriesAnEndpointThatAnswersWithTheColumnsItReads() async throws {
        let dashboard = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.file)) as? [String: Any])
        let panels = try #require(dashboard["panels"] as? [[String: Any]])
        #expect(panels.count >= 10)
        let env = try await AnalyticsTestEnvironment.make(suppressionThreshold: 1)
        try await env.ingest(RoutesTests.scenario())
        for panel in panels {
            for target in panel["targets"] as? [[String: Any]] ?? [] {
                let url = try #require(target["url"] as? String)
                let id = String(url.dropFirst("/v1/metrics/".count))
                let metric = try #require(MetricCatalog.metric(id), "\(panel["title"]!): no metric \(id)")
                var query: [String] = []
                for param in (target["url_options"] as? [String: Any])?["params"] as? [[String: String]] ?? [] {
                    let value = param["value"] ?? ""
                    switch (param["key"], value) {
                    case ("from", "${__from}"): query.append("from=1735660800000")  // what Grafana sends: epoch milliseconds
                    case ("to", "${__to}"): query.append("to=1740758400000")
                    case ("groupBy", let groupBy):
                        #expect(metric.groupBy.map(\.rawValue).contains(groupBy), "\(id) cannot be grouped by \(groupBy)")
                        query.append("groupBy=\(groupBy)")
                    case (let key?, let value): query.append("\(key)=\(value)")
                    default: break
                    }
                }
                let rows = try await env.rows(url + "?" + query.joined(separator: "&"))
                #expect(!rows.isEmpty, "\(url) answered no rows")
                let selectors = (target["columns"] as? [[String: String]] ?? []).compactMap { $0["selector"] }
                for selector in selectors {
                    #expect(rows.allSatisfy { $0.keys.contains(selector) }, "\(url): rows have no \(selector)")
                }
            }
        }
    }
}
