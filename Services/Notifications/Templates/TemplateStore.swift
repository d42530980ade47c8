import Foundation
import Postgres

/// The saved templates' SQL.
enum TemplateStore {
    /// One saved template.
    struct Row: Decodable, Sendable {
        let kind: String
        let channel: String
        let body: String
        let updatedBy: String
        let updatedAt: Date
    }

    static func all(on connection: isolated PostgresConnection) throws -> [Row] {
        try connection.query("SELECT kind, channel, body, updated_by, updated_at FROM notify.templates ORDER BY kind, channel").decode(Row.self)
    }

    /// A renderer with the saved templates over the defaults.
    static func renderer(on connection: isolated PostgresConnection) throws -> TemplateRenderer {
        var overrides: [TemplateRenderer.TemplateKey: String] = [:]
        for row in try all(on: connection) {
            guard let slot = TemplateSlot(rawValue: row.channel) else { continue }
            overrides[.init(kind: row.kind, slot: slot)] = row.body
        }
        return TemplateRenderer(overrides: overrides)
    }

    static func save(kind: String, slot: TemplateSlot, body: String, by subject: String, on connection: isolated PostgresConnection) throws {
        try connection.execute(
            """
            INSERT INTO notify.templates (kind, channel, body, updated_by) VALUES (\(kind), \(slot.rawValue), \(body), \(subject))
            ON CONFLICT (kind, channel) DO UPDATE SET body = EXCLUDED.body, updated_by = EXCLUDED.updated_by, updated_at = now()
            """
        )
    }

    @discardableResult
    static func delete(kind: String, slot: TemplateSlot, on connection: isolated PostgresConnection) throws -> Bool {
        try connection.execute("DELETE FROM notify.templates WHERE kind = \(kind) AND channel = \(slot.rawValue)") > 0
    }
}
