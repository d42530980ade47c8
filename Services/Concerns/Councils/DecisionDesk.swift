import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// Decisions of quorate meetings, with their action items, and the items' progress. Each method
/// authorises the caller against the meeting or action item itself and throws ``Refusal``.
struct DecisionDesk {
    let jobs: JobQueue
    let configuration: ConcernsConfiguration
    /// What "now" is (a settled concern's reopen window is judged by it).
    let clock: WallClock

    var pool: PostgresPool { jobs.pool }

    /// The action items the caller may see that pass the filter, newest first.
    func actionItems(
        compoundID: Int?,
        ownerParty: String?,
        openOnly: Bool,
        before: Int?,
        limit: Int,
        by principal: Principal
    ) async throws -> Page<ActionItemView> {
        let items = try await pool.withConnection { connection in
            let viewer = try Viewer.load(principal, now: clock.now(), on: connection)
            return try DecisionStore.actionItems(
                visibility: Self.visibility(of: viewer),
                compoundID: compoundID,
                ownerParty: ownerParty,
                openOnly: openOnly,
                before: before,
                limit: limit,
                on: connection
            )
        }
        return Page(items: items, next: items.count == limit ? items.last.map { String($0.id) } : nil)
    }

    /// Action items a list may include (the compound's area path is on the item itself).
    static func visibility(of viewer: Viewer) -> SQL {
        let principal = viewer.principal
        switch principal.role {
        case .admin: return "TRUE"
        case .district: return "area_path && \(principal.areaIDs)"
        case .secretary: return "compound_id = ANY (\(principal.compoundIDs))"
        default: return "compound_id = ANY (\(Array(viewer.memberCompounds)))"
        }
    }

    /// Staff covering the compound, or the holder of the owner party's seat, report progress.
    func progress(_ id: Int, _ body: ProgressRequest, by principal: Principal) async throws -> ActionItemView {
        var checks = FieldChecks()
        if !(0...100).contains(body.progress) { checks.fail("progress", "must be from 0 to 100") }
        let note = checks.text(body.note, field: "note", required: false, max: 2_000)
        try checks.check()
        return try await pool.withTransaction { tx in
            let viewer = try Viewer.load(principal, now: clock.now(), on: tx)
            guard let (item, areaPath) = try DecisionStore.actionItem(id, lock: .update, on: tx),
                viewer.isStaff(areaPath: areaPath, compoundID: item.compoundID) || viewer.memberCompounds.contains(item.compoundID)
            else { throw Refusal.notFound("action item") }
            let owner = viewer.parties(in: item.compoundID).contains(CouncilParty(rawValue: item.ownerParty))
            guard viewer.isStaff(areaPath: areaPath, compoundID: item.compoundID) || owner else {
                throw Refusal.forbidden("only staff or the owner party report progress")
            }
            guard item.completedAt == nil else { throw Refusal.conflict("the action item is completed", code: "wrong-state") }
            return try DecisionStore.progress(id, to: body.progress, note: note, on: tx)
        }
    }
}
