import Foundation
import Postgres
import ServiceKit

/// A resident's own inbox: listing, counting and marking their messages read. Every call is for the
/// resident behind the token, so there is no one else's message to see.
struct InboxDesk {
    let pool: PostgresPool

    /// Newest first, `limit` at a time, below the cursor.
    func list(resident: Int, before: Int?, limit: Int, unreadOnly: Bool) async throws -> Page<InboxItem> {
        let items = try await pool.withConnection {
            try InboxStore.list(resident: resident, before: before, limit: limit, unreadOnly: unreadOnly, on: $0)
        }
        return Page(items: items, next: items.count == limit ? items.last.map { String($0.id) } : nil)
    }

    func unreadCount(resident: Int) async throws -> Int {
        try await pool.withConnection { try InboxStore.unreadCount(resident: resident, on: $0) }
    }

    /// Marks one message read, or refuses a message not in this resident's inbox.
    func markRead(resident: Int, id: Int) async throws {
        guard try await pool.withConnection({ try InboxStore.markRead(resident: resident, id: id, on: $0) }) else {
            throw Refusal.notFound("message")
        }
    }

    /// Marks every unread message read; returns how many.
    func markAllRead(resident: Int) async throws -> Int {
        try await pool.withConnection { try InboxStore.markAllRead(resident: resident, on: $0) }
    }

    /// Where a new stream starts: after `lastEventID` when the client reconnects, else after the newest message.
    func streamStart(resident: Int, lastEventID: Int?) async throws -> Int {
        if let lastEventID { return lastEventID }
        return try await pool.withConnection { try InboxStore.latestID(resident: resident, on: $0) }
    }
}
