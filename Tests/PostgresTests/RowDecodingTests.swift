import Foundation
import LinliTestSupport
import Postgres
import Testing

@Suite("Rows decode by name, by index and into structs")
struct RowDecodingTests {
    let pool: PostgresPool

    init() async throws {
        pool = try await TestDatabase.make("decoding").makePool()
    }

    struct Resident: Decodable, Equatable {
        var id: Int
        var fullName: String
        var movedInAt: Date?
        var tags: [String]
        var householdID: UUID?
    }

    @Test func structsFromSnakeCaseColumns() async throws {
        let rows = try await pool.query(
            """
            SELECT 7 AS id, '张三' AS full_name, NULL::timestamptz AS moved_in_at, ARRAY['志愿者']::text[] AS tags,
                   NULL::uuid AS household_id
            UNION ALL
            SELECT 8, '李四', '2026-01-02T03:04:05Z', '{}', '6f1c1b3e-8a5e-4c5e-9a52-1d2f3b4c5d6e'
            ORDER BY id
            """
        )
        let residents = try rows.decode(Resident.self)
        #expect(residents.count == 2)
        #expect(residents[0] == Resident(id: 7, fullName: "张三", movedInAt: nil, tags: ["志愿者"], householdID: nil))
        #expect(residents[1].movedInAt == Date(timeIntervalSince1970: 1_767_323_045))
        #expect(residents[1].householdID == UUID(uuidString: "6f1c1b3e-8a5e-4c5e-9a52-1d2f3b4c5d6e"))
    }

    @Test func byIndexAndByName() async throws {
        let row = try await pool.query("SELECT 1 AS a, 'two' AS b")[0]
        #expect(try row.decode(0, as: Int.self) == 1)
        #expect(try row.decode(1, as: String.self) == "two")
        #expect(try row.decode("b", as: String.self) == "two")
        #expect(row.result.columns == ["a", "b"])
    }

    @Test func nullIntoNonOptionalIsAnErrorNamingTheColumn() async throws {
        let row = try await pool.query("SELECT NULL::text AS nickname")[0]
        let error = #expect(throws: PostgresDecodingError.self) { try row.decode("nickname", as: String.self) }
        #expect(error?.column == "nickname")
        #expect(error?.failure == nil)
        #expect(error?.description.contains("nickname") == true)
        #expect(error?.description.contains("not optional") == true)
    }

    @Test func wrongTypeIsAnErrorNamingColumnAndTypes() async throws {
        let row = try await pool.query("SELECT 42 AS age")[0]
        let error = #expect(throws: PostgresDecodingError.self) { try row.decode("age", as: Date.self) }
        #expect(error?.column == "age")
        #expect(error?.columnType == .int4)
        #expect(error?.expectedType == "Date")
        #expect(error?.failure == .typeMismatch)
    }

    @Test func structWithWrongColumnTypeNamesTheColumn() async throws {
        struct Shape: Decodable {
            var id: Int
            var name: Int
        }
        let row = try await pool.query("SELECT 1 AS id, 'x' AS name")[0]
        let error = #expect(throws: PostgresDecodingError.self) { try row.decode(Shape.self) }
        #expect(error?.column == "name")
    }

    @Test func outOfRangeIsReported() async throws {
        let row = try await pool.query("SELECT 70000 AS n")[0]
        let error = #expect(throws: PostgresDecodingError.self) { try row.decode("n", as: Int16.self) }
        #expect(error?.failure == .outOfRange)
    }

    @Test func missingColumnIsReported() async throws {
        let row = try await pool.query("SELECT 1 AS a")[0]
        #expect(throws: PostgresDecodingError.self) { try row.decode("b", as: Int.self) }
        struct NeedsB: Decodable { var b: Int }
        #expect(throws: DecodingError.self) { try row.decode(NeedsB.self) }
    }

    @Test func enumsAndDomainsDecodeAsText() async throws {
        try await pool.execute("CREATE TYPE mood AS ENUM ('calm', 'busy')")
        let row = try await pool.query("SELECT 'busy'::mood AS m")[0]
        #expect(try row.decode("m", as: String.self) == "busy")
        // Strings are sent untyped, so the server coerces them to the enum like a literal.
        let back = try await pool.query("SELECT \("calm")::mood = 'calm' AS same").scalar(Bool.self)
        #expect(back == true)
    }
}
