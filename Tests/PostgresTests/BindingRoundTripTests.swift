import Foundation
import LinliTestSupport
import Postgres
import Testing

@Suite("Bound values round-trip through the server")
struct BindingRoundTripTests {
    let pool: PostgresPool

    init() async throws {
        pool = try await TestDatabase.make("bindings").makePool()
    }

    /// Sends a value as a parameter, reads it back from the server, and checks the server saw the right type.
    func roundTrip<T: PostgresEncodable & PostgresDecodable & Equatable>(_ value: T, as sqlType: String) async throws {
        let row = try await pool.query("SELECT \(value)::\(unescaped: sqlType) AS v, pg_typeof(\(value)::\(unescaped: sqlType))::text AS t")[0]
        #expect(try row.decode("v", as: T.self) == value)
        #expect(try row.decode("t", as: String.self) == sqlType.replacingOccurrences(of: "int8", with: "bigint"))
    }

    enum Status: String, PostgresEncodable, PostgresDecodable { case confirmed, waitlisted }

    @Test func vocabulariesTravelAsTheirRawValues() async throws {
        try await roundTrip(Status.waitlisted, as: "text")
        let row = try await pool.query("SELECT \(Status.confirmed) = 'confirmed' AS same, 'cancelled'::text AS other")[0]
        #expect(try row.decode("same", as: Bool.self))
        // A value outside the vocabulary is an error naming the column, never a default.
        #expect(throws: PostgresDecodingError.self) { try row.decode("other", as: Status.self) }
    }

    @Test func integersOfEveryWidth() async throws {
        try await roundTrip(Int.max, as: "int8")
        try await roundTrip(Int.min, as: "int8")
        try await roundTrip(Int64(-42), as: "int8")
        let row = try await pool.query(
            "SELECT \(Int32.max) AS a, \(Int16.min) AS b, pg_typeof(\(Int32(1)))::text AS ta, pg_typeof(\(Int16(1)))::text AS tb"
        )[0]
        #expect(try row.decode("a", as: Int32.self) == .max)
        #expect(try row.decode("b", as: Int16.self) == .min)
        #expect(try row.decode("ta", as: String.self) == "integer")
        #expect(try row.decode("tb", as: String.self) == "smallint")
    }

    @Test func floatsBoolsAndDecimals() async throws {
        let row = try await pool.query(
            "SELECT \(3.141592653589793) AS d, \(Float(1.5)) AS f, \(true) AS t, \(false) AS n, \(Decimal(string: "12345678901234567890.0123")!) AS m"
        )[0]
        #expect(try row.decode("d", as: Double.self) == 3.141592653589793)
        #expect(try row.decode("f", as: Float.self) == 1.5)
        #expect(try row.decode("t", as: Bool.self) == true)
        #expect(try row.decode("n", as: Bool.self) == false)
        #expect(try row.decode("m", as: String.self) == "12345678901234567890.0123")
        #expect(try row.decode("m", as: Decimal.self) == Decimal(string: "12345678901234567890.0123"))
        let negative = try await pool.query("SELECT (-0.0005)::numeric(10,4) AS a, 0::numeric AS b, 10000::numeric AS c")[0]
        #expect(try negative.decode("a", as: String.self) == "-0.0005")
        #expect(try negative.decode("b", as: String.self) == "0")
        #expect(try negative.decode("c", as: Int.self) == 10000)
    }

    @Test func textInEveryScript() async throws {
        for text in ["", "幸福邻里节 · 一月一主题、月月有活动", "🏘️👨‍👩‍👧‍👦 emoji", "tab\tnew\nline \\ back 'quote' \"double\""] {
            let back = try await pool.query("SELECT \(text)::text AS v, length(\(text)::text) AS n")[0]
            #expect(try back.decode("v", as: String.self) == text)
            #expect(try back.decode("n", as: Int.self) == text.unicodeScalars.count)
        }
    }

    @Test func oneMegabyteString() async throws {
        let big = String(repeating: "邻里abc", count: 1_048_576 / 9 + 1)
        let back = try await pool.query("SELECT \(big)::text AS v, octet_length(\(big)::text) AS n")[0]
        #expect(try back.decode("v", as: String.self) == big)
        #expect(try back.decode("n", as: Int.self) == big.utf8.count)
        #expect(big.utf8.count >= 1_048_576)
    }

    @Test func datesUUIDsAndBytes() async throws {
        let date = Date(timeIntervalSince1970: 1_790_000_000.123456)
        let id = UUID()
        let bytes = Data([0, 1, 2, 255, 0, 42])
        let row = try await pool.query("SELECT \(date) AS d, \(id) AS u, \(bytes) AS b, octet_length(\(bytes)) AS n")[0]
        let back = try row.decode("d", as: Date.self)
        #expect(abs(back.timeIntervalSince1970 - date.timeIntervalSince1970) < 0.000_001)
        #expect(try row.decode("u", as: UUID.self) == id)
        #expect(try row.decode("b", as: Data.self) == bytes)
        #expect(try row.decode("n", as: Int.self) == 6)
    }

    @Test func arraysOfEveryElementType() async throws {
        let row = try await pool.query(
            """
            SELECT \([1, 2, 3]) AS ints, \(["甲", "", "c,d"]) AS texts, \([true, false]) AS bools,
                   \([1.5, -2.25]) AS doubles, \([UUID(), UUID()]) AS uuids, \([Int]()) AS empty,
                   cardinality(\(["a", "b"])) AS n
            """
        )[0]
        #expect(try row.decode("ints", as: [Int].self) == [1, 2, 3])
        #expect(try row.decode("texts", as: [String].self) == ["甲", "", "c,d"])
        #expect(try row.decode("bools", as: [Bool].self) == [true, false])
        #expect(try row.decode("doubles", as: [Double].self) == [1.5, -2.25])
        #expect(try row.decode("uuids", as: [UUID].self).count == 2)
        #expect(try row.decode("empty", as: [Int].self) == [])
        #expect(try row.decode("n", as: Int.self) == 2)
        let withNull = try await pool.query("SELECT ARRAY[1, NULL, 3]::int8[] AS a")[0]
        #expect(try withNull.decode("a", as: [Int?].self) == [1, nil, 3])
    }

    @Test func nullsOfEveryType() async throws {
        let none: Int? = nil
        let noText: String? = nil
        let noDate: Date? = nil
        let row = try await pool.query("SELECT \(none) AS i, \(noText)::text AS s, \(noDate) AS d, pg_typeof(\(none))::text AS t")[0]
        #expect(try row.decode("i", as: Int?.self) == nil)
        #expect(try row.decode("s", as: String?.self) == nil)
        #expect(try row.decode("d", as: Date?.self) == nil)
        #expect(try row.decode("t", as: String.self) == "bigint")
    }

    struct Nested: Codable, Equatable {
        struct Inner: Codable, Equatable {
            var tags: [String]
            var when: Date
        }
        var name: String
        var inner: Inner
        var counts: [String: Int]
    }

    @Test func nestedJSONB() async throws {
        let value = Nested(
            name: "四方议事会",
            inner: .init(tags: ["a", "b"], when: Date(timeIntervalSince1970: 1_790_000_000.5)),
            counts: ["x": 1, "y": 2]
        )
        let row = try await pool.query(
            "SELECT \(json: value) AS j, \(json: value) -> 'inner' ->> 'tags' AS tags, jsonb_typeof(\(json: value)) AS t"
        )[0]
        struct Wrapper: Decodable { var j: Nested }
        #expect(try row.decode(Wrapper.self).j == value)
        #expect(try row.decode("tags", as: String.self) == #"["a", "b"]"#)
        #expect(try row.decode("t", as: String.self) == "object")
    }

    @Test func injectionAttemptsStayData() async throws {
        try await pool.execute("CREATE TABLE x (v text)")
        let hostile = "'); DROP TABLE x; --"
        try await pool.execute("INSERT INTO x (v) VALUES (\(hostile))")
        let stored = try await pool.query("SELECT v FROM x WHERE v = \(hostile)")
        #expect(stored.rowCount == 1)
        #expect(try stored[0].decode("v", as: String.self) == hostile)
        #expect(try await pool.query("SELECT to_regclass('x') IS NOT NULL").scalar(Bool.self) == true)
    }

    @Test func textWithNULIsRefusedBeforeSending() async throws {
        let error = await #expect(throws: PostgresError.self) {
            _ = try await pool.query("SELECT \("abc\u{0}def")::text")
        }
        #expect(error?.code == .invalidParameter)
    }

    @Test func preparedStatementsArePreparedOnceAndReused() async throws {
        let (answers, prepared) = try await pool.withConnection { connection in
            let answers = try [1, 2, 3].map { value in
                try connection.query("SELECT \(value) + 1 AS n", prepared: true).scalar(Int.self)
            }
            let prepared = try connection.query(
                "SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'linli_%'"
            ).scalar(Int.self)
            return (answers, prepared)
        }
        #expect(answers == [2, 3, 4])
        #expect(prepared == 1)
    }
}
