import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// Residents' concerns from intake to settlement: raising, listing and searching, one concern as
/// the caller may see it, duplicate suggestions, transitions, notes, owners and "me too"s. Each
/// method authorises the caller against the concern itself and throws ``Refusal``.
struct ConcernDesk {
    let jobs: JobQueue
    let configuration: ConcernsConfiguration
    /// What "now" is (a transition's reopen window is judged by it).
    let clock: WallClock

    var pool: PostgresPool { jobs.pool }

    /// Dashboards read aggregates from analytics, never concerns one by one.
    static func mayList(_ principal: Principal) throws {
        guard principal.role != .dashboard else { throw Refusal.forbidden("dashboards read aggregates from analytics") }
    }

    /// One concern as the caller may see it.
    func concern(_ id: Int, by principal: Principal) async throws -> ConcernView {
        try await pool.withConnection { connection in
            let viewer = try Viewer.load(principal, now: clock.now(), on: connection)
            guard let record = try ConcernStore.concern(id, on: connection) else { throw Refusal.notFound("concern") }
            return try view(record, viewer: viewer, on: connection)
        }
    }

    /// The concern as the viewer may see it; not found if they may not see it at all.
    func view(_ record: ConcernRecord, viewer: Viewer, on connection: isolated PostgresConnection) throws -> ConcernView {
        let access = viewer.access(to: record)
        guard access > .none else { throw Refusal.notFound("concern") }
        var updates = try ConcernStore.updates(of: record.id, includeInternal: access >= .owner, on: connection)
        if access < .staff {
            for index in updates.indices { updates[index].author = nil }
        }
        var reporter: Reporter?
        if access >= .own, let id = record.reporterResidentID {
            let known = try ConcernStore.reporter(id, on: connection)
            let phone = access == .staff && viewer.principal.maySeePersonalData ? known?.phone : nil
            reporter = Reporter(residentID: id, name: known?.name, phone: phone)
        }
        return ConcernView(record, access: access, updates: updates, reporter: reporter, reopenWindow: configuration.reopenWindow)
    }

    /// The concerns the caller may see that pass the filter, newest first.
    func list(_ filter: ConcernFilter, by principal: Principal) async throws -> Page<ConcernListItem> {
        let items = try await pool.withConnection { connection in
            try ConcernStore.list(filter, viewer: try Viewer.load(principal, now: clock.now(), on: connection), on: connection)
        }
        return Page(items: items, next: items.count == filter.limit ? items.last.map { String($0.id) } : nil)
    }

    /// Open concerns of a compound (the caller's own unless asked) that look like a new one.
    func duplicates(
        category: String,
        title: String,
        description: String,
        compoundID asked: Int?,
        by principal: Principal
    ) async throws -> [DuplicateSuggestion] {
        let settings = configuration
        return try await pool.withConnection { connection in
            let viewer = try Viewer.load(principal, now: clock.now(), on: connection)
            guard let compoundID = asked ?? viewer.compound, let compound = try CompoundRow.load(compoundID, on: connection),
                viewer.isStaff(areaPath: compound.areaPath, compoundID: compound.id) || viewer.memberCompounds.contains(compound.id)
            else { throw Refusal.invalid("compoundID", asked == nil ? "is required" : "no such compound") }
            return try ConcernStore.duplicates(
                compoundID: compound.id,
                category: category,
                titleTerms: SearchTerms.of(title),
                allTerms: SearchTerms.of(title + "\n" + description),
                threshold: settings.duplicateThreshold,
                excluding: nil,
                reopenWindow: settings.reopenWindow,
                on: connection
            )
        }
    }
}
