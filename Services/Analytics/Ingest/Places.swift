import Foundation
import Models
import Postgres
import Synchronization

/// Finds the interned place of a (compound, grid, area path), creating it on first sight, and what a
/// place id stands for.
///
/// Ids found already in the table are remembered: places are never changed or deleted, so a
/// committed id stays right. An id created by the current transaction is not remembered until it is
/// seen again, because that transaction may still roll back.
final class Places: Sendable {
    struct Key: Hashable, Sendable {
        let compoundID: Int
        let gridID: Int
        let areaPath: [Int]
    }

    private let cache = Mutex<[Key: Int]>([:])

    /// The place of a placement.
    func id(for placement: Placement, on tx: isolated PostgresConnection) throws -> Int {
        try id(for: Key(compoundID: placement.compoundID, gridID: placement.gridID ?? 0, areaPath: placement.areaPath), on: tx)
    }

    /// The place of a compound-level event (no grid known): the compound's own place if it is at the
    /// same area path, otherwise a place for the compound at that path.
    func compoundPlace(_ compoundID: Int, areaPath: [Int]?, on tx: isolated PostgresConnection) throws -> Int {
        let projected = try tx.query(
            """
            SELECT p.id, p.area_path FROM analytics.compounds c JOIN analytics.places p ON p.id = c.place_id
            WHERE c.compound_id = \(compoundID)
            """,
            prepared: true
        )
        if let row = projected.first {
            let path = try row.decode(1, as: [Int].self)
            if areaPath == nil || areaPath == path { return try row.decode(0, as: Int.self) }
        }
        return try id(for: Key(compoundID: compoundID, gridID: 0, areaPath: areaPath ?? []), on: tx)
    }

    /// The current place of a resident from the projection, if known.
    func residentPlace(_ residentID: Int, on tx: isolated PostgresConnection) throws -> Int? {
        try tx.query("SELECT place_id FROM analytics.residents WHERE resident_id = \(residentID)", prepared: true).scalar(Int?.self) ?? nil
    }

    func id(for key: Key, on tx: isolated PostgresConnection) throws -> Int {
        if let known = cache.withLock({ $0[key] }) { return known }
        let existing = try tx.query(
            "SELECT id FROM analytics.places WHERE compound_id = \(key.compoundID) AND grid_id = \(key.gridID) AND area_path = \(key.areaPath)",
            prepared: true
        ).scalar(Int.self)
        if let existing {
            cache.withLock { $0[key] = existing }
            return existing
        }
        let created = try tx.query("SELECT analytics.place_for(\(key.compoundID), \(key.gridID), \(key.areaPath))").scalar(Int.self)
        guard let created else { throw PostgresError(code: .unexpectedResult, reason: "no place was created") }
        return created
    }

    private let byID = Mutex<[Int: Key]>([:])

    /// Every place met so far by id, after reading those of `ids` not met before. Ids read from
    /// rollups are of committed places, and a place never changes, so what is read stays right.
    func known(including ids: Set<Int>, on connection: isolated PostgresConnection) throws -> [Int: Key] {
        let missing = byID.withLock { known in ids.filter { known[$0] == nil } }
        if !missing.isEmpty {
            var read: [Int: Key] = [:]
            let rows = try connection.query("SELECT id, compound_id, grid_id, area_path FROM analytics.places WHERE id = ANY (\(Array(missing)))")
            for row in rows {
                read[try row.decode(0, as: Int.self)] = Key(
                    compoundID: try row.decode(1, as: Int.self),
                    gridID: try row.decode(2, as: Int.self),
                    areaPath: try row.decode(3, as: [Int].self)
                )
            }
            byID.withLock { $0.merge(read) { _, new in new } }
        }
        return byID.withLock { $0 }
    }

    /// Forgets every remembered id (after a rebuild or in tests that reset the schema).
    func forget() {
        cache.withLock { $0.removeAll() }
        byID.withLock { $0.removeAll() }
    }
}
