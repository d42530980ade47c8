import ConcernsService
import Foundation
import Postgres

/// The benchmark's city: compounds in districts, and concerns with realistic Chinese titles and
/// descriptions, loaded with COPY (the intake path is not what is measured).
struct ConcernsBenchData {
    let compounds: Int
    let districts: Int
    let concerns: Int

    /// Area path of a compound: city 1, district 100 + d, subdistrict 1000 + compound / 10.
    func areaPath(ofCompound compound: Int) -> [Int] { [1, 100 + district(of: compound), 10_000 + compound / 10] }
    func district(of compound: Int) -> Int { compound % districts }

    static let places = ["1栋", "2栋", "3栋", "5栋", "地下车库", "小区门口", "东门", "西门", "中心花园", "健身广场", "楼道", "天台", "物业楼", "幼儿园旁"]
    static let problems: [(category: String, words: [String])] = [
        ("water-leak", ["积水", "漏水", "水管爆裂", "下水道堵塞", "墙面渗水"]),
        ("elevator", ["电梯故障", "电梯困人", "电梯异响", "电梯停运"]),
        ("parking", ["乱停车", "车位不足", "消防通道停车", "充电桩不够"]),
        ("sanitation", ["垃圾清运不及时", "垃圾桶满溢", "楼道堆物", "异味严重"]),
        ("noise", ["装修噪音", "广场舞扰民", "夜间施工", "狗叫扰民"]),
        ("public-facilities", ["路灯不亮", "健身器材损坏", "门禁失灵", "监控坏了"]),
        ("greening", ["草坪枯黄", "树枝遮挡窗户", "绿化带杂草"]),
        ("safety", ["消防栓损坏", "电线私拉", "高空抛物"]),
        ("property-fees", ["物业费上涨", "停车费不透明"]),
        ("neighbour-dispute", ["邻里漏水纠纷", "占用公共区域"]),
    ]
    static let details = ["已经好几天了", "老人小孩出行不便", "希望尽快处理", "多次反映未解决", "晚上特别严重", "影响正常生活"]

    /// Loads the compounds into the projection and the concerns into the service's table, analyses them and reads them into shared buffers.
    func load(on connection: isolated PostgresConnection) throws {
        try connection.copy(
            into: "concerns.compounds",
            columns: ["id", "name", "area_path", "grid_ids", "revision"],
            rows: (1...compounds).lazy.map { id -> [(any PostgresEncodable)?] in [id, "小区\(id)", areaPath(ofCompound: id), [id], 1] }
        )
        var random = SplitMix(seed: 42)
        let now = Date()
        let rows = (1...concerns).lazy.map { id -> [(any PostgresEncodable)?] in
            let compound = 1 + random.next(compounds)
            let problem = Self.problems[random.next(Self.problems.count)]
            let title = Self.places[random.next(Self.places.count)] + problem.words[random.next(problem.words.count)]
            let description = title + "，" + Self.details[random.next(Self.details.count)]
            // Raised over the last two years, oldest first; about 1 in 4 still unsettled, more among the recent.
            let raised = now.addingTimeInterval(-Double(concerns - id) / Double(concerns) * 730 * 86_400 - 3_600)
            let recent = now.timeIntervalSince(raised) < 60 * 86_400
            let roll = random.next(100)
            let state =
                roll < (recent ? 50 : 10)
                ? ["open", "acknowledged", "in-progress", "referred"][random.next(4)] : (roll < 95 ? "settled" : "closed-unsettled")
            let expected = raised.addingTimeInterval(Double([24, 48, 72, 120, 168][random.next(5)]) * 3_600)
            let unsettled = state != "settled" && state != "closed-unsettled"
            let owner: String? =
                state == "open" ? nil : ["party-branch", "owners-committee", "property-company", "resident-representatives"][random.next(4)]
            return [
                id, compound, areaPath(ofCompound: compound), problem.category, "group-chat", title, description, SearchTerms.of(title),
                SearchTerms.of(title + "\n" + description), 1_000_000 + random.next(compounds * 50), "resident:bench", state, owner,
                expected, unsettled ? expected : nil, raised, state == "settled" ? expected : nil, raised,
            ]
        }
        try connection.copy(
            into: "concerns.concerns",
            columns: [
                "id", "compound_id", "area_path", "category", "source", "title", "description", "title_terms", "search_terms",
                "reporter_resident_id", "raised_by", "state", "owner_party", "expected_by", "next_escalation_at", "raised_at", "settled_at",
                "updated_at",
            ],
            rows: rows
        )
        try connection.execute("SELECT setval(pg_get_serial_sequence('concerns.concerns', 'id'), \(concerns))")
        try connection.executeScript("VACUUM ANALYZE concerns.concerns")
        try connection.executeScript("ANALYZE concerns.compounds")
        // A serving database has its working set in memory; COPY and VACUUM go through small ring buffers.
        try connection.executeScript(
            """
            CREATE EXTENSION IF NOT EXISTS pg_prewarm;
            SELECT pg_prewarm(c.oid::regclass) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'concerns' AND c.relkind IN ('r', 'i');
            """
        )
    }
}

/// A small deterministic random generator, so every run loads the same city.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    /// A number in `0..<bound`.
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
