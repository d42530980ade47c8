import Foundation
import Postgres

/// Loads a city of residents straight into the registry's tables with COPY.
enum RegistryBenchData {
    struct City {
        let sampleResident: Int
        let sampleCompound: Int
    }

    /// 100 compounds in one district, 2.5 residents per household.
    static func load(residents: Int, pool: PostgresPool) async throws -> City {
        try await pool.withConnection { connection in
            try connection.executeScript(
                """
                TRUNCATE registry.residencies, registry.residents, registry.households, registry.compounds, registry.areas CASCADE;
                INSERT INTO registry.areas (id, parent_id, level, name, path) VALUES (1, NULL, 'city', '株洲市', '{1}'), (2, 1, 'district', '芦淞区', '{1,2}');
                INSERT INTO registry.compounds (id, area_id, area_path, name) SELECT g, 2, '{1,2}', '小区' || g FROM generate_series(1, 100) g;
                """
            )
            let households = max(1, residents * 2 / 5)
            try connection.copy(
                into: "registry.households",
                columns: ["id", "compound_id", "dwelling"],
                rows: (1...households).lazy.map { id -> [(any PostgresEncodable)?] in [id, id % 100 + 1, "\(id / 100)-\(id % 100)"] }
            )
            let surnames = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴"]
            try connection.copy(
                into: "registry.residents",
                columns: ["id", "name", "birth_year", "phone_prefix", "phone_suffix", "household_id", "compound_id"],
                rows: (1...residents).lazy.map { id -> [(any PostgresEncodable)?] in
                    let household = id % households + 1
                    return [
                        id, surnames[id % 10] + "居民\(id)", 1940 + id % 70, "138", String(format: "%04d", id % 10_000), household, household % 100 + 1,
                    ]
                }
            )
            try connection.executeScript(
                """
                SELECT setval(pg_get_serial_sequence('registry.households', 'id'), (SELECT max(id) FROM registry.households));
                SELECT setval(pg_get_serial_sequence('registry.residents', 'id'), (SELECT max(id) FROM registry.residents));
                ANALYZE registry.residents; ANALYZE registry.households; ANALYZE registry.compounds;
                """
            )
            return City(sampleResident: residents / 2, sampleCompound: 42)
        }
    }
}
