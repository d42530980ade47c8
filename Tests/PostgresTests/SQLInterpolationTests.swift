import Postgres
import Testing

@Suite("SQL interpolation binds values and splices only labelled identifiers")
struct SQLInterpolationTests {
    @Test func valuesBecomeNumberedParameters() {
        let name = "x'; DROP TABLE y; --"
        let sql: SQL = "SELECT * FROM t WHERE a = \(1) AND b = \(name) AND c = \(Optional<Int>.none)"
        #expect(sql.text == "SELECT * FROM t WHERE a = $1 AND b = $2 AND c = $3")
        #expect(sql.bindings.count == 3)
        #expect(sql.description == sql.text)
    }

    @Test func identifiersAreQuotedAndUnescapedIsLabelled() {
        let sql: SQL = "SELECT \(identifier: "we\"ird") FROM \(unescaped: "queue.jobs")"
        #expect(sql.text == #"SELECT "we""ird" FROM queue.jobs"#)
        #expect(sql.bindings.count == 0)
    }

    @Test func fragmentsAreRenumberedWhenComposed() {
        let filter: SQL = "compound = \(7) AND name <> '$1'"
        let sql: SQL = "SELECT \(1) WHERE \(filter) AND x = \(2)"
        #expect(sql.text == "SELECT $1 WHERE compound = $2 AND name <> '$1' AND x = $3")
        #expect(sql.bindings.count == 3)
        let rows = SQL.joined([SQL("(\(1), \(2))"), SQL("(\(3), \(4))")], separator: ", ")
        #expect(rows.text == "($1, $2), ($3, $4)")
    }
}

@Suite("Property names find their snake_case columns")
struct SnakeCaseTests {
    @Test(arguments: [
        ("createdAt", "created_at"), ("userID", "user_id"), ("householdIDs", "household_ids"), ("areaPath", "area_path"),
        ("URLString", "url_string"), ("id", "id"), ("phone2Hash", "phone2_hash"), ("memberIDsCount", "member_ids_count"),
    ])
    func converts(_ name: String, _ column: String) throws {
        #expect(PostgresRow.snakeCaseColumn(for: name) == column)
    }
}
