import Foundation
import Postgres
import ServiceKit

/// Subscribable iCalendar feeds: issues a feed's secret URL to whoever may read its subject, and writes
/// the feed for a key. The key itself is the credential, so serving a feed needs no caller.
struct FeedDesk {
    let service: CalendarService

    /// Who may have which feed: a compound's to its staff and the people who live there; a theme's to the staff who
    /// see the theme; a resident's to the resident, the head who covers their household, and their compound's staff.
    func issue(_ body: FeedRequest, by caller: Caller) async throws -> FeedLink {
        guard let kind = body.kind else { throw Refusal.invalid("kind", "must be compound, theme or resident") }
        let now = service.clock.now()
        let principal = caller.principal
        let key = try await service.pool.withTransaction { tx in
            let allowed: Bool
            switch kind {
            case .compound:
                let compound = try Residency.compound(body.id, on: tx)
                allowed =
                    try compound.map { caller.access.manages(compoundID: body.id, areaPath: $0.areaPath) } == true
                    || Residency.homeCompounds(of: principal, now: now, on: tx).contains(body.id) && compound != nil
            case .theme:
                allowed = try !ThemeStore.visible(principal, id: body.id, month: nil, after: 0, limit: 1, on: tx).isEmpty
            case .resident:
                let resident = try Residency.resident(body.id, on: tx)
                if let resident, principal.residentID == resident.id, principal.has(.resident, .head) {
                    allowed = true
                } else if let resident, let compound = resident.compoundID, caller.access.manages(compoundID: compound, areaPath: resident.areaPath) {
                    allowed = true
                } else if let resident, principal.role == .head, let head = principal.residentID, let household = resident.householdID {
                    allowed = try Residency.head(head, covers: household, now: now, on: tx)
                } else {
                    allowed = false
                }
            }
            guard allowed else { throw Refusal.notFound(kind.rawValue) }
            return try FeedStore.issue(kind: kind, subjectID: body.id, rotate: body.rotate ?? false, by: principal.subject, on: tx)
        }
        return FeedLink(kind: key.kind, id: key.subjectID, url: service.feedURL(key: key.key))
    }

    /// The iCalendar text of the feed an active key opens; 404 for a revoked or unknown key, or a subject gone.
    func feed(key: String) async throws -> String {
        let now = service.clock.now()
        let text = try await service.pool.withConnection { tx -> String? in
            guard let found = try FeedStore.find(key, on: tx) else { return nil }
            return try FeedBuilder(service: service, now: now).feed(found, on: tx)
        }
        guard let text else { throw Refusal.notFound("feed") }
        return text
    }
}
