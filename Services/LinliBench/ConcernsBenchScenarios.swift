import Foundation
import ServiceKit

/// One latency measurement: a name for the table, a key for the JSON, and the request of each sample.
struct ConcernsBenchScenario {
    let name: String
    let key: String
    let target: String
    let request: (Int) -> (String, String?)
}

/// The list and search requests measured, with tokens for the callers who make them.
struct ConcernsBenchScenarios {
    let data: ConcernsBenchData
    let tokens: TokenIssuer

    static let words = ["积水", "电梯故障", "乱停车", "路灯不亮", "垃圾", "噪音", "漏水", "消防通道", "充电桩", "门禁"]

    func all() async throws -> [ConcernsBenchScenario] {
        let admin = try await tokens.mint(Principal(subject: "staff:bench-admin", role: .admin))
        var secretaries: [String] = []
        var districtOffices: [String] = []
        for compound in 1...min(50, data.compounds) {
            secretaries.append(try await tokens.mint(Principal(subject: "staff:s\(compound)", role: .secretary, compoundIDs: [compound])))
        }
        for district in 0..<data.districts {
            districtOffices.append(try await tokens.mint(Principal(subject: "staff:d\(district)", role: .district, areaIDs: [100 + district])))
        }
        let (concerns, words) = (data.concerns, Self.words)
        let target = "p99 ≤ 30"
        func pick<T>(_ values: [T], _ index: Int) -> T { values[abs(index * 7 + 3) % values.count] }
        return [
            .init(name: "`GET /healthz` (floor: server and client overhead)", key: "healthz", target: "") { _ in ("/healthz", nil) },
            .init(name: "list, secretary (one compound), newest 50", key: "list_secretary", target: target) { index in
                ("/v1/concerns?limit=50", pick(secretaries, index))
            },
            .init(name: "list, secretary, unsettled only (`state=in-progress`)", key: "list_secretary_state", target: target) { index in
                ("/v1/concerns?state=in-progress", pick(secretaries, index))
            },
            .init(name: "list, district office (~1/10 of the city), newest 50", key: "list_district", target: target) { index in
                ("/v1/concerns?limit=50", pick(districtOffices, index))
            },
            .init(name: "list, district office, a deep page (`after=` a random cursor)", key: "list_district_deep", target: target) { index in
                ("/v1/concerns?limit=50&after=\(1 + (index * 7_919) % concerns)", pick(districtOffices, index))
            },
            .init(name: "list, district office, overdue only", key: "list_district_overdue", target: target) { index in
                ("/v1/concerns?overdue=true", pick(districtOffices, index))
            },
            .init(name: "list, administrator, one category (`category=elevator`)", key: "list_admin_category", target: target) { _ in
                ("/v1/concerns?category=elevator", admin)
            },
            .init(name: "search, secretary (`q=` a word, one compound)", key: "search_secretary", target: target) { index in
                ("/v1/concerns?q=\(encode(pick(words, index)))", pick(secretaries, index / 3))
            },
            .init(name: "search, district office (`q=` a word)", key: "search_district", target: target) { index in
                ("/v1/concerns?q=\(encode(pick(words, index)))", pick(districtOffices, index / 3))
            },
            .init(name: "search, administrator, whole city (`q=` a word)", key: "search_admin", target: target) { index in
                ("/v1/concerns?q=\(encode(pick(words, index)))", admin)
            },
        ]
    }
}

private func encode(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }
