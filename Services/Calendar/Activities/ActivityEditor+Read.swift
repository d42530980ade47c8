import Foundation
import Postgres
import ServiceKit

extension ActivityEditor {
    /// One activity the caller may read (404 otherwise).
    func activity(_ id: Int, by caller: Caller) async throws -> ActivityRecord {
        let now = service.clock.now()
        return try await service.pool.withConnection { tx in
            try caller.access.readable(try ActivityStore.load(id, on: tx), now: now, on: tx)
        }
    }

    /// A page of the activities the caller may read, by id: staff those of the compounds they manage
    /// (drafts included), residents and heads those published in their home compounds.
    func activities(
        compoundID: Int?,
        themeID: Int?,
        state: ActivityState?,
        after: Int?,
        limit: Int,
        by caller: Caller
    ) async throws -> [ActivityRecord] {
        let principal = caller.principal
        let selection = ActivityFilter(
            everything: principal.role == .admin,
            areaIDs: principal.role == .district ? principal.areaIDs : [],
            managedCompounds: principal.role == .secretary ? principal.compoundIDs : [],
            compoundID: compoundID,
            themeID: themeID,
            state: state,
            after: after,
            limit: limit
        )
        let now = service.clock.now()
        return try await service.pool.withConnection { tx in
            var filter = selection
            filter.homeCompounds = Array(try Residency.homeCompounds(of: principal, now: now, on: tx))
            return try ActivityStore.list(filter, on: tx)
        }
    }
}
