import Foundation
import Postgres

/// A small city written straight into the registry's tables: two districts, a compound in each,
/// two households in the first compound and one in the second.
struct CityFixture: Sendable {
    let city: Int
    let districtA: Int
    let districtB: Int
    let compoundA: Int
    let compoundB: Int
    let householdA1: Int
    let householdA2: Int
    let householdB1: Int

    static func make(on pool: PostgresPool) async throws -> CityFixture {
        try await pool.withTransaction { tx in try build(on: tx) }
    }

    private static func build(on tx: isolated PostgresConnection) throws -> CityFixture {
        let (city, cityPath) = try area(nil, "city", "株洲市", [], on: tx)
        let (districtA, pathA) = try area(city, "district", "芦淞区", cityPath, on: tx)
        let (districtB, pathB) = try area(city, "district", "天元区", cityPath, on: tx)
        let compoundA = try compound(districtA, pathA, "枫林小区", on: tx)
        let compoundB = try compound(districtB, pathB, "书香苑", on: tx)
        return CityFixture(
            city: city,
            districtA: districtA,
            districtB: districtB,
            compoundA: compoundA,
            compoundB: compoundB,
            householdA1: try household(compoundA, "1-101", on: tx),
            householdA2: try household(compoundA, "1-102", on: tx),
            householdB1: try household(compoundB, "2-201", on: tx)
        )
    }

    static func area(_ parent: Int?, _ level: String, _ name: String, _ parentPath: [Int], on tx: isolated PostgresConnection) throws -> (Int, [Int])
    {
        let id = try tx.query(
            "INSERT INTO registry.areas (parent_id, level, name, path) VALUES (\(parent), \(level), \(name), '{}') RETURNING id"
        ).scalar(Int.self)!
        try tx.execute("UPDATE registry.areas SET path = \(parentPath + [id]) WHERE id = \(id)")
        return (id, parentPath + [id])
    }

    static func compound(_ area: Int, _ path: [Int], _ name: String, on tx: isolated PostgresConnection) throws -> Int {
        try tx.query("INSERT INTO registry.compounds (area_id, area_path, name) VALUES (\(area), \(path), \(name)) RETURNING id").scalar(Int.self)!
    }

    static func household(_ compound: Int, _ dwelling: String, on tx: isolated PostgresConnection) throws -> Int {
        try tx.query("INSERT INTO registry.households (compound_id, dwelling) VALUES (\(compound), \(dwelling)) RETURNING id").scalar(Int.self)!
    }
}
