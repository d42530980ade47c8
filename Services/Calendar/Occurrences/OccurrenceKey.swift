import CalendarCore
import Foundation
import ServiceKit

/// The `{start}` of an occurrence's path: its original local start (`RECURRENCE-ID`).
enum OccurrenceKey {
    /// The canonical recurrence id text (`2025-03-08T09:00:00`), or 404 for text that is no local time.
    static func parse(_ text: String) throws -> String {
        guard let local = LocalDateTime(text: text.removingPercentEncoding ?? text) else { throw Refusal.notFound("occurrence") }
        return local.description
    }

    static func local(_ text: String) throws -> LocalDateTime {
        guard let local = LocalDateTime(text: try parse(text)) else { throw Refusal.notFound("occurrence") }
        return local
    }
}
