import Foundation
import LinliTestSupport
import Postgres
import Testing

@Suite("COPY FROM STDIN loads rows in bulk")
struct CopyTests {
    let pool: PostgresPool

    init() async throws {
        pool = try await TestDatabase.make("copy").makePool()
        try await pool.execute(
            """
            CREATE TABLE facts (
                id int8 PRIMARY KEY, compound int4 NOT NULL, name text, score real, at timestamptz,
                day date, attrs jsonb, raw json, tags text[], ok bool
            )
            """
        )
    }

    @Test func loadsOneHundredThousandRows() async throws {
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        let loaded = try await pool.withConnection { connection in
            try connection.copy(
                into: "public.facts",
                columns: ["id", "compound", "name", "score", "at", "day", "attrs", "raw", "tags", "ok"],
                rows: (0..<100_000).lazy.map { index in Self.factRow(index, start: start) }
            )
        }
        #expect(loaded == 100_000)
        let summary = try await pool.query(
            """
            SELECT count(*) AS n, count(name) AS named, max(compound) AS top, sum((attrs->>'n')::int8) AS total,
                   min(day)::text AS day, bool_and(tags = '{a,b}') AS tagged
            FROM facts
            """
        )[0]
        #expect(try summary.decode("n", as: Int.self) == 100_000)
        #expect(try summary.decode("named", as: Int.self) == 100_000 - 14_286)
        #expect(try summary.decode("top", as: Int.self) == 1074)
        #expect(try summary.decode("total", as: Int.self) == 99_999 * 100_000 / 2)
        #expect(try summary.decode("day", as: String.self) == "2026-09-21")
        #expect(try summary.decode("tagged", as: Bool.self) == true)
        let row = try await pool.query("SELECT name, score, raw::text FROM facts WHERE id = 5")[0]
        #expect(try row.decode("name", as: String.self) == "居民 5")
        #expect(try row.decode("score", as: Double.self) == 1.25)
        #expect(try row.decode("raw", as: String.self) == "[5]")
    }

    static func factRow(_ index: Int, start: Date) -> [(any PostgresEncodable)?] {
        let name: String? = index % 7 == 0 ? nil : "居民 \(index)"
        let attrs = PostgresJSONB(rawJSON: Array(#"{"n": \#(index)}"#.utf8))
        let raw = PostgresJSONB(rawJSON: Array("[\(index)]".utf8))
        let tags: [String] = ["a", "b"]
        return [index, index % 1075, name, Double(index) / 4, start.addingTimeInterval(Double(index)), start, attrs, raw, tags, index % 2 == 0]
    }

    @Test func aValueTheColumnCannotTakeFailsTheWholeCopy() async throws {
        let error = await #expect(throws: PostgresError.self) {
            try await pool.withConnection { connection in
                try connection.copy(
                    into: "facts",
                    columns: ["id", "compound"],
                    rows: [[1, 1], [2, "not a number"]] as [[(any PostgresEncodable)?]]
                )
            }
        }
        #expect(error != nil)
        #expect(try await pool.query("SELECT count(*) FROM facts").scalar(Int.self) == 0)
    }
}
