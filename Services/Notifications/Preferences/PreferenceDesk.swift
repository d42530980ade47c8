import Foundation
import Postgres
import ServiceKit

/// One choice; `kind` `*` applies to every kind without a choice of its own.
struct Preference: Codable, Sendable, Equatable {
    var kind: String
    var channel: String
    var enabled: Bool
}

/// Which kinds a resident wants on which channel. The resident reads and edits their own; staff
/// covering the resident may too; anyone else is told the resident does not exist.
struct PreferenceDesk {
    let pool: PostgresPool

    /// Channels a resident chooses for themselves (group robots and systems are not personal).
    static let personalChannels: [Channel] = [.inbox, .sms]

    func preferences(of id: Int, by principal: Principal) async throws -> [Preference] {
        try await pool.withConnection { connection in
            try Self.authorise(id, principal, on: connection)
            return try PreferenceStore.load(id, on: connection)
        }
    }

    /// Replaces the resident's choices (already checked with ``check(_:)``); returns them as saved.
    func replace(_ id: Int, with items: [Preference], by principal: Principal) async throws -> [Preference] {
        try await pool.withTransaction { tx in
            try Self.authorise(id, principal, on: tx)
            try PreferenceStore.replace(id, with: items, on: tx)
            return try PreferenceStore.load(id, on: tx)
        }
    }

    /// Names each choice whose kind or channel does not exist or is not personal.
    static func check(_ items: [Preference]) throws {
        var problems: [Refusal.Field] = []
        for (index, item) in items.enumerated() {
            if item.kind != "*" && MessageKind.named(item.kind) == nil {
                problems.append(.init(field: "items[\(index)].kind", message: "is not a message kind (or *)"))
            }
            if !(Channel(rawValue: item.channel).map(personalChannels.contains) ?? false) {
                problems.append(.init(field: "items[\(index)].channel", message: "must be inbox or sms"))
            }
        }
        guard problems.isEmpty else { throw Refusal.invalid(problems) }
    }

    /// The resident themself, or staff whose scope covers the resident; anyone else is refused as not found.
    static func authorise(_ id: Int, _ principal: Principal, on connection: isolated PostgresConnection) throws {
        if principal.residentID == id { return }
        guard let scope = try PreferenceStore.residentScope(id, on: connection), principal.isStaff, principal.covers(scope) else {
            throw Refusal.notFound("resident")
        }
    }
}
