import Foundation
import Postgres

/// Column sums per bucket and group, as one rollup or gauge query returned them.
///
/// A breakdown by compound over a year is some 13,000 (bucket, group) cells: cells are keyed by two
/// small integers and hold their sums in an array in `columns` order, so reading and evaluating
/// them hashes no strings per cell.
struct SumTable: Sendable {
    /// A (bucket, group) pair: the bucket's index in the request's series, the group's in `groups`.
    struct Cell: Hashable, Sendable {
        let bucket: Int
        let group: Int

        func hash(into hasher: inout Hasher) { hasher.combine(bucket &<< 32 | group) }
    }

    /// The summed columns, in the order of every cell's values.
    let columns: [String]
    /// The group keys met (`""` when not grouped), in order of first appearance.
    private(set) var groups: [String] = []
    private(set) var groupIndex: [String: Int] = [:]
    private(set) var cells: [Cell: [Double]] = [:]

    /// An empty table of `columns`.
    init(columns: [String]) { self.columns = columns }

    /// Reads rows of (bucket label, group key, one value per column); labels outside `bucketIndex` are
    /// skipped, and a row without a label stands for every bucket of `unlabelledBuckets`.
    init(_ result: PostgresResult, columns: [String], bucketIndex: [String: Int], unlabelledBuckets: [Int] = []) throws {
        self.columns = columns
        cells.reserveCapacity(result.count)
        for row in result {
            let label = try row.decode(0, as: String?.self)
            let group = intern(try row.decode(1, as: String.self))
            var values = [Double](repeating: 0, count: columns.count)
            for index in columns.indices { values[index] = try row.decode(index + 2, as: Double?.self) ?? 0 }
            if let label {
                guard let bucket = bucketIndex[label] else { continue }
                cells[Cell(bucket: bucket, group: group)] = values
            } else {
                for bucket in unlabelledBuckets { cells[Cell(bucket: bucket, group: group)] = values }
            }
        }
    }

    private mutating func intern(_ key: String) -> Int {
        if let known = groupIndex[key] { return known }
        groupIndex[key] = groups.count
        groups.append(key)
        return groups.count - 1
    }

    /// The sums of a bucket and a group (by its index here), if the query returned any.
    func values(bucket: Int, group: Int?) -> [Double]? {
        guard let group else { return nil }
        return cells[Cell(bucket: bucket, group: group)]
    }

    /// The position of `column` in every cell's values.
    func slot(of column: String) -> Int? { columns.firstIndex(of: column) }
}
