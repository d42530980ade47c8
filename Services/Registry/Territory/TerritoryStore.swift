import Foundation
import Postgres
import ServiceKit

/// Which compounds a list may show: the caller's scope, narrowed to an area if asked.
struct CompoundFilter: Sendable {
    let principal: Principal
    let areaID: Int?
}

/// The territory's SQL.
enum TerritoryStore {
    static func areas(on tx: isolated PostgresConnection) throws -> [Area] {
        try tx.query("SELECT id, parent_id, level, name, path FROM registry.areas ORDER BY path").decode(Area.self)
    }

    static func area(_ id: Int, on tx: isolated PostgresConnection) throws -> Area? {
        try tx.query("SELECT id, parent_id, level, name, path FROM registry.areas WHERE id = \(id)").decode(Area.self).first
    }

    static func insertArea(parentID: Int?, level: AreaLevel, name: String, parentPath: [Int], on tx: isolated PostgresConnection) throws -> Area {
        let id =
            try tx.query(
                "INSERT INTO registry.areas (parent_id, level, name, path) VALUES (\(parentID), \(level), \(name), '{}') RETURNING id"
            ).scalar(Int.self) ?? 0
        return try tx.query(
            "UPDATE registry.areas SET path = \(parentPath + [id]) WHERE id = \(id) RETURNING id, parent_id, level, name, path"
        ).decode(Area.self)[0]
    }

    static func compound(_ id: Int, on tx: isolated PostgresConnection) throws -> Compound? {
        try tx.query(
            "SELECT id, area_id, area_path, grid_id, name, address, revision FROM registry.compounds WHERE id = \(id)"
        ).decode(Compound.self).first
    }

    /// Compounds in the caller's scope (admins see all, district offices their subtrees,
    /// secretaries their compounds; other roles see none), ordered by id.
    static func compounds(_ filter: CompoundFilter, after: Int?, limit: Int, on tx: isolated PostgresConnection) throws -> [Compound] {
        let principal = filter.principal
        let everything = principal.role == .admin
        let areas = principal.role == .district ? principal.areaIDs : []
        let compounds = principal.role == .secretary ? principal.compoundIDs : []
        return try tx.query(
            """
            SELECT id, area_id, area_path, grid_id, name, address, revision FROM registry.compounds
            WHERE (\(everything) OR area_path && \(areas) OR id = ANY (\(compounds)))
              AND (\(filter.areaID)::int8 IS NULL OR \(filter.areaID) = ANY (area_path))
              AND id > \(after ?? 0)
            ORDER BY id LIMIT \(limit)
            """
        ).decode(Compound.self)
    }

    static func insertCompound(_ new: NewCompound, name: String, area: Area, on tx: isolated PostgresConnection) throws -> Compound {
        try tx.query(
            """
            INSERT INTO registry.compounds (area_id, area_path, grid_id, name, address)
            VALUES (\(area.id), \(area.path), \(new.gridID), \(name), \(new.address))
            RETURNING id, area_id, area_path, grid_id, name, address, revision
            """
        ).decode(Compound.self)[0]
    }
}
