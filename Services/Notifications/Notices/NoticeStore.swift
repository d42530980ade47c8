import Foundation
import Postgres
import ServiceKit

/// The notices' SQL: which compounds a notice reaches.
enum NoticeStore {
    /// The compounds in the principal's scope, under `areaID` and among `compoundIDs` when given.
    static func compounds(in principal: Principal, areaID: Int?, compoundIDs: [Int]?, on connection: isolated PostgresConnection) throws -> [Int] {
        try connection.query(
            """
            SELECT c.id FROM notify.compounds c
            WHERE \(CompoundScope.filter(principal, column: "c.id", path: "c.area_path"))
              AND (\(areaID)::int8 IS NULL OR \(areaID) = ANY (c.area_path))
              AND (\(compoundIDs)::int8[] IS NULL OR c.id = ANY (\(compoundIDs)))
            ORDER BY c.id
            """
        ).column("id", as: Int.self)
    }
}
