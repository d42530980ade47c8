import Foundation
import Postgres

/// Column sums per bucket and group, as one rollup or gauge query returned them.
///
/// A breakdown by compound over a year is some 13,000 (bucket, group) cells. They are stored densely,
/// group by group and bucket by bucket, each cell's sums side by side in `columns` order, so reading
/// and evaluating them hashes nothing and allocates nothing per cell. A table is built once and only
/// read after: a class, so the evaluator's per-cell code passes a reference rather than copying it.
final class SumTable: Sendable {
    /// The summed columns, in the order of every cell's values.
    let columns: [String]
    /// Buckets per group: the request's series.
    let bucketCount: Int
    /// The group keys met (`""` when not grouped), in order of first appearance.
    let groups: [String]
    let groupIndex: [String: Int]
    /// `sums[(group × bucketCount + bucket) × columns.count + column]`; 0 for a cell the query did not return.
    private let sums: [Double]

    /// An empty table of `columns`.
    convenience init(columns: [String]) {
        self.init(columns: columns, bucketCount: 0, groups: [], groupIndex: [:], sums: [])
    }

    private init(columns: [String], bucketCount: Int, groups: [String], groupIndex: [String: Int], sums: [Double]) {
        self.columns = columns
        self.bucketCount = bucketCount
        self.groups = groups
        self.groupIndex = groupIndex
        self.sums = sums
    }

    /// How a result's key column (the second) names a row's group.
    enum Keys {
        /// Text: the group's key itself (NULL for `""`).
        case text
        /// A place id, standing for the group of these keys (a place's compound, grid or area).
        case places([Int: String])

        /// The group key of a row of a sums query (its second column).
        func key(of row: PostgresRow) throws -> String {
            switch self {
            case .text: try row.decodeString(1) ?? ""
            case .places(let keyOfPlace): keyOfPlace[try row.decodeInt(1) ?? 0] ?? ""
            }
        }
    }

    /// The bucket of a row of a sums query (its first column, a `date`) as days since 1970-01-01; nil for NULL.
    static func day(of row: PostgresRow) throws -> Int? {
        try row.decodeDate(0).map { Int(($0.timeIntervalSince1970 / 86_400).rounded(.down)) }
    }

    /// Reads rows of (bucket, group key, one value per column). A bucket is a `date`, its day found in
    /// `bucketOfDay` (days since 1970-01-01; other days are skipped); a row whose bucket is NULL stands
    /// for every bucket of `unlabelledBuckets`. Rows of the same cell add up.
    convenience init(
        _ result: PostgresResult,
        columns: [String],
        bucketOfDay: [Int: Int],
        bucketCount: Int,
        unlabelledBuckets: [Int] = [],
        keys: Keys = .text
    ) throws {
        let width = columns.count
        var groups: [String] = []
        var groupIndex: [String: Int] = [:]
        var groupOfPlace: [Int: Int] = [:]
        var sums: [Double] = []
        var values = [Double](repeating: 0, count: width)
        // Rows mostly come bucket by bucket: the last bucket found is the first guess.
        var last: (day: Int, bucket: Int?) = (.min, nil)
        func intern(_ key: String) -> Int {
            if let known = groupIndex[key] { return known }
            groupIndex[key] = groups.count
            groups.append(key)
            sums.append(contentsOf: repeatElement(0, count: bucketCount * width))
            return groups.count - 1
        }
        func add(group: Int, bucket: Int) {
            let cell = group * bucketCount + bucket
            for column in 0..<width { sums[cell * width + column] += values[column] }
        }
        for row in result {
            let group: Int
            switch keys {
            case .text: group = intern(try keys.key(of: row))
            case .places(let keyOfPlace):
                let place = try row.decodeInt(1) ?? 0
                if let known = groupOfPlace[place] {
                    group = known
                } else {
                    group = intern(keyOfPlace[place] ?? "")
                    groupOfPlace[place] = group
                }
            }
            for column in 0..<width { values[column] = try row.decodeDouble(column + 2) ?? 0 }
            if let day = try Self.day(of: row) {
                if day != last.day { last = (day, bucketOfDay[day]) }
                guard let bucket = last.bucket else { continue }
                add(group: group, bucket: bucket)
            } else {
                for bucket in unlabelledBuckets { add(group: group, bucket: bucket) }
            }
        }
        self.init(columns: columns, bucketCount: bucketCount, groups: groups, groupIndex: groupIndex, sums: sums)
    }

    /// The sum of the column at `slot` for a bucket and a group; 0 for a cell the query did not return.
    @inline(__always)
    func value(_ slot: Int, bucket: Int, group: Int) -> Double {
        sums[(group * bucketCount + bucket) * columns.count + slot]
    }

    /// The keys of the groups with a non-zero sum in any of the columns at `slots`, in any bucket.
    func groups(withNonZero slots: [Int]) -> [String] {
        guard !slots.isEmpty else { return [] }
        return groups.indices.filter { group in
            (0..<bucketCount).contains { bucket in slots.contains { value($0, bucket: bucket, group: group) != 0 } }
        }.map { groups[$0] }
    }

    /// The position of `column` in every cell's values.
    func slot(of column: String) -> Int? { columns.firstIndex(of: column) }
}
