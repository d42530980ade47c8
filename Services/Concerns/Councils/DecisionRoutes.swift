import Foundation
import Hummingbird
import Models
import Postgres
import ServiceKit

/// Decisions of quorate meetings, with their action items, and the items' progress.
struct DecisionRoutes {
    let runtime: LinliRuntime
    let configuration: ConcernsConfiguration

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/meetings/{id}/decisions") { request, context in
            let body = try await request.decodeBody(NewDecision.self, context: context)
            let decision = try await record(try context.parameters.require("id", as: Int.self), body, context)
            return EditedResponse(status: .created, response: decision)
        }
        router.get("/v1/action-items") { request, context in
            let principal = try context.requirePrincipal()
            let compoundID = try request.integerParameter("compoundID")
            let ownerParty = try request.choiceParameter("ownerParty", in: CouncilParty.all.map(\.rawValue))
            let openOnly = try request.booleanParameter("open")
            let (limit, before) = (try Pagination.limit(request), try Pagination.after(request))
            let items = try await runtime.pool.withConnection { connection in
                let viewer = try Viewer.load(principal, now: runtime.clock.now(), on: connection)
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
        router.post("/v1/action-items/{id}/progress") { request, context in
            let body = try await request.decodeBody(ProgressRequest.self, context: context)
            return try await progress(try context.parameters.require("id", as: Int.self), body, context)
        }
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
    private func progress(_ id: Int, _ body: ProgressRequest, _ context: LinliRequestContext) async throws -> ActionItemView {
        let principal = try context.requirePrincipal()
        var checks = FieldChecks()
        if !(0...100).contains(body.progress) { checks.fail("progress", "must be from 0 to 100") }
        let note = checks.text(body.note, field: "note", required: false, max: 2_000)
        try checks.check()
        return try await runtime.pool.withTransaction { tx in
            let viewer = try Viewer.load(principal, now: runtime.clock.now(), on: tx)
            guard let (item, areaPath) = try DecisionStore.actionItem(id, lock: .update, on: tx),
                viewer.isStaff(areaPath: areaPath, compoundID: item.compoundID) || viewer.memberCompounds.contains(item.compoundID)
            else { throw APIError.notFound("action item") }
            let owner = viewer.parties(in: item.compoundID).contains(CouncilParty(rawValue: item.ownerParty))
            guard viewer.isStaff(areaPath: areaPath, compoundID: item.compoundID) || owner else {
                throw APIError.forbidden("only staff or the owner party report progress")
            }
            guard item.completedAt == nil else { throw APIError.conflict("the action item is completed", code: "wrong-state") }
            return try DecisionStore.progress(id, to: body.progress, note: note, on: tx)
        }
    }
}
