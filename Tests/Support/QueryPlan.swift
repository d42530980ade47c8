import Foundation
import Postgres

/// The plan PostgreSQL chose for a statement (`EXPLAIN (FORMAT JSON)`, not run), and the shape checks
/// that keep claim statements honest.
///
/// Why: a `LIMIT … FOR UPDATE SKIP LOCKED` subquery means "one free row" only if it runs once per
/// statement. On the inner side of a nested loop it runs again for every outer row and skips the rows
/// the statement has just changed, so it returns *other* rows (issue 23). Whether the planner puts it
/// there depends on the tables' statistics, so tests check the shape on small tables and after
/// ``PlannerStatistics/analyse(_:on:)`` on realistic ones.
public struct QueryPlan: Sendable {
    /// One plan node.
    public struct Node: Sendable {
        public let type: String
        /// How it hangs under its parent: `Outer`, `Inner`, `InitPlan`, `SubPlan`, `Member`, `Subquery`…
        public let relationship: String?
        /// `CTE name` or `InitPlan 1 (returns $0)` for subplans.
        public let subplanName: String?
        public let children: [Node]

        init(_ json: [String: Any]) {
            type = json["Node Type"] as? String ?? "?"
            relationship = json["Parent Relationship"] as? String
            subplanName = json["Subplan Name"] as? String
            children = (json["Plans"] as? [[String: Any]] ?? []).map(Node.init)
        }
    }

    public let root: Node

    /// Plans `sql` on the connection without running it.
    /// - Parameter generic: plan it as a prepared statement does after a few runs (`plan_cache_mode =
    ///   force_generic_plan`: the parameters' values unknown), rather than for these values.
    public static func explain(_ sql: SQL, generic: Bool = false, on connection: isolated PostgresConnection) throws -> QueryPlan {
        try connection.execute(SQL(unsafeSQL: "SET plan_cache_mode = \(generic ? "force_generic_plan" : "auto")"))
        defer { _ = try? connection.execute("RESET plan_cache_mode") }
        let text = try connection.query(SQL(unsafeSQL: "EXPLAIN (FORMAT JSON) " + sql.text, bindings: sql.bindings)).scalar(String.self) ?? "[]"
        guard let outer = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]],
            let plan = outer.first?["Plan"] as? [String: Any]
        else { throw PlanError(description: "EXPLAIN answered no plan") }
        return QueryPlan(root: Node(plan))
    }

    /// Row-locking nodes (`LockRows`) that can run more than once in one execution of the statement:
    /// below the inner side of a nested loop or in a correlated subplan, without an InitPlan or a CTE
    /// (each run once) in between. Each is described by its path from the root.
    public var lockingNodesThatMayRunAgain: [String] {
        var found: [String] = []
        func walk(_ node: Node, path: [String], repeats: Bool) {
            var repeats = repeats
            switch node.relationship {
            case "InitPlan": repeats = false  // an InitPlan (and a CTE) is evaluated once and its rows kept
            case "SubPlan": repeats = true  // a correlated subplan runs per outer row
            default: break
            }
            let here = path + [node.subplanName.map { "\(node.type) [\($0)]" } ?? node.type]
            if node.type == "LockRows", repeats { found.append(here.joined(separator: " > ")) }
            for child in node.children {
                let rescanned = node.type == "Nested Loop" && child.relationship == "Inner"
                walk(child, path: here, repeats: repeats || rescanned)
            }
        }
        walk(root, path: [], repeats: false)
        return found
    }

    /// Whether any node of the plan has this type (e.g. `Nested Loop`).
    public func contains(_ type: String) -> Bool {
        func walk(_ node: Node) -> Bool { node.type == type || node.children.contains(where: walk) }
        return walk(root)
    }

    struct PlanError: Error, CustomStringConvertible {
        let description: String
    }
}

/// Gives tables the statistics a serving database has, so the planner makes its production choices.
public enum PlannerStatistics {
    /// Copies every row of a table `times` times (all columns but `id` and generated ones, so the copies
    /// get fresh ids), then analyses it: a table that looks like one that has served a while.
    public static func replicate(_ table: String, times: Int, on connection: isolated PostgresConnection) throws {
        let parts = table.split(separator: ".").map(String.init)
        let columns =
            try connection.query(
                """
                SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) FROM information_schema.columns
                WHERE table_schema = \(parts[0]) AND table_name = \(parts[1]) AND column_name <> 'id' AND is_generated = 'NEVER'
                """
            ).scalar(String.self) ?? ""
        let name = parts.map { "\"\($0)\"" }.joined(separator: ".")
        try connection.execute(
            SQL(unsafeSQL: "INSERT INTO \(name) (\(columns)) SELECT \(columns) FROM \(name), generate_series(1, \(times))")
        )
        try analyse([table], on: connection)
    }

    /// Runs `ANALYZE` on each table (schema-qualified names, spliced as identifiers).
    public static func analyse(_ tables: [String], on connection: isolated PostgresConnection) throws {
        for table in tables {
            let parts = table.split(separator: ".").map { "\"\($0)\"" }.joined(separator: ".")
            try connection.execute(SQL(unsafeSQL: "ANALYZE \(parts)"))
        }
    }
}
