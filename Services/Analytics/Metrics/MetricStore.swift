import Foundation
import Postgres

/// Reads the rollups and gauges a metric needs: sums per bucket and group, never raw facts.
struct MetricStore {
    /// A (bucket, group) pair of the hours-to-settle histogram: the bucket's index in the series, the group key.
    struct HistogramKey: Hashable, Sendable {
        let bucket: Int
        let key: String
    }

    let request: MetricRequest
    let scope: AnalyticsScope
    let buckets: Buckets
    let now: Date
    /// What each place id stands for, when rows are grouped by place here (see `groupsPlacesHere`).
    let places: Places
    /// The series' bucket labels.
    let labels: [String]

    init(request: MetricRequest, scope: AnalyticsScope, buckets: Buckets, places: Places, now: Date) {
        self.request = request
        self.places = places
        self.scope = scope
        self.buckets = buckets
        self.now = now
        labels = request.series.map(buckets.label)
        bucketOfDay = Dictionary(
            labels.enumerated().compactMap { index, label in Self.dayNumber(ofLabel: label).map { ($0, index) } },
            uniquingKeysWith: { first, _ in first }
        )
    }

    /// Each bucket's index by its `date` as days since 1970-01-01, as rollups return it.
    let bucketOfDay: [Int: Int]

    /// Days since 1970-01-01 of a `YYYY-MM-DD` label (proleptic Gregorian).
    static func dayNumber(ofLabel label: String) -> Int? {
        let parts = label.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        // Howard Hinnant's days_from_civil.
        let (month, day) = (parts[1], parts[2])
        let year = month <= 2 ? parts[0] - 1 : parts[0]
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    var endLabel: String { buckets.label(buckets.next(request.grain, after: request.series.last ?? now)) }

    /// Whether rows are grouped by place in SQL and rolled up to compounds, grids or areas here, from
    /// the places held in memory: when the caller sees the whole city and filters nothing, joining
    /// every row to its place and grouping the join costs the database more than ~1,000 lookups here.
    var groupsPlacesHere: Bool {
        guard scope.everything, request.area == nil, request.compound == nil else { return false }
        switch request.groupBy {
        case .area, .compound, .grid: return true
        case nil, .theme, .channel, .star: return false
        }
    }

    /// The group key over a place `p` and a row `r` with a `dim_value`, as grouped (text once grouped: see `keyText`).
    func key(level: Int) -> SQL {
        if groupsPlacesHere { return "r.place_id" }
        return switch request.groupBy {
        case nil: "''::text"
        case .area: "p.area_path[\(level)::int4]"
        case .compound: "p.compound_id"
        case .grid: "p.grid_id"
        case .theme, .channel, .star: "r.dim_value"
        }
    }

    /// The text of a grouped key `k`.
    static let keyText = "coalesce(k::text, '')"

    /// The key column a sums query returns: a place id as is when places are grouped here, else text.
    var keyOutput: String { groupsPlacesHere ? "k" : Self.keyText }

    /// Whether the rows must be joined to their places: to group by place, or to filter by scope, area or compound.
    var needsPlaces: Bool {
        if groupsPlacesHere { return false }
        if !scope.everything || request.area != nil || request.compound != nil { return true }
        switch request.groupBy {
        case .area, .compound, .grid: return true
        case nil, .theme, .channel, .star: return false
        }
    }

    /// `r` (a rollup table or subquery) joined to its places `p` where needed, with the place condition.
    func rows(_ table: String) -> (from: SQL, condition: SQL) {
        guard needsPlaces else { return (SQL(unsafeSQL: table), "true") }
        return (
            SQL(unsafeSQL: table + " JOIN analytics.places p ON p.id = r.place_id"), scope.condition(area: request.area, compound: request.compound)
        )
    }

    /// The area level `groupBy=area` groups by: asked for, or one below the area filter, or districts.
    func areaLevel(on connection: isolated PostgresConnection) throws -> Int {
        if request.areaLevel > 0 { return request.areaLevel }
        guard let area = request.area else { return 2 }
        let position = try connection.query(
            "SELECT array_position(area_path, \(area)::int8) FROM analytics.places WHERE \(area)::int8 = ANY (area_path) LIMIT 1"
        ).scalar(Int.self)
        return min(4, (position ?? 1) + 1)
    }

    /// Σ of rollup measures per bucket and group.
    func rollupSums(_ measures: [Measure], dimension: Dimension, on connection: isolated PostgresConnection) throws -> SumTable {
        guard !measures.isEmpty, let first = labels.first else { return SumTable(columns: measures.map(\.column)) }
        let named = measures.map { "sum(r.\($0.column)) AS \($0.column)" }.joined(separator: ", ")
        let level = try areaLevel(on: connection)
        let (from, condition) = rows("analytics.rollups r")
        let result = try connection.query(
            """
            SELECT b, \(unescaped: keyOutput), \(unescaped: measures.map { "s." + $0.column }.joined(separator: ", ")) FROM (
                SELECT r.bucket AS b, \(key(level: level)) AS k, \(unescaped: named)
                FROM \(from)
                WHERE r.grain = \(request.grain.rawValue) AND r.dim = \(dimension.rawValue)
                  AND r.bucket >= \(first)::date AND r.bucket < \(endLabel)::date AND \(condition)
                GROUP BY 1, 2
                HAVING \(unescaped: measures.map { "sum(r.\($0.column)) <> 0" }.joined(separator: " OR "))
            ) AS s
            """
        )
        return try SumTable(
            result,
            columns: measures.map(\.column),
            bucketOfDay: bucketOfDay,
            bucketCount: labels.count,
            keys: try keys(of: result, level: level, on: connection)
        )
    }

    /// How the result of a sums query names its groups: by text, or by place ids (`groupsPlacesHere`)
    /// each standing for its compound, grid or area.
    func keys(of result: PostgresResult, level: Int, on connection: isolated PostgresConnection) throws -> SumTable.Keys {
        guard groupsPlacesHere else { return .text }
        var ids = Set<Int>()
        for row in result { ids.insert(try row.decodeInt(1) ?? 0) }
        return .places(try groupKeys(ofPlaces: ids, level: level, on: connection))
    }

    /// The group key of each of these places.
    func groupKeys(ofPlaces ids: Set<Int>, level: Int, on connection: isolated PostgresConnection) throws -> [Int: String] {
        let known = try places.known(including: ids, on: connection)
        var groups: [Int: String] = [:]
        for id in ids {
            guard let place = known[id] else { continue }
            let key: String
            switch request.groupBy {
            case .compound: key = String(place.compoundID)
            case .grid: key = String(place.gridID)
            default: key = level >= 1 && level <= place.areaPath.count ? String(place.areaPath[level - 1]) : ""
            }
            groups[id] = key
        }
        return groups
    }

    /// Names of the groups that have them: compounds and themes.
    func groupLabels(_ keys: [String], on connection: isolated PostgresConnection) throws -> [String: String] {
        let ids = keys.compactMap { Int($0) }
        let result: PostgresResult
        switch request.groupBy {
        case .compound: result = try connection.query("SELECT compound_id::text, name FROM analytics.compounds WHERE compound_id = ANY (\(ids))")
        case .theme: result = try connection.query("SELECT theme_id::text, title FROM analytics.themes WHERE theme_id = ANY (\(ids))")
        default: return [:]
        }
        var names: [String: String] = [:]
        for row in result { names[try row.decode(0, as: String.self)] = try row.decode(1, as: String.self) }
        return names
    }
}
