import Foundation
import Hummingbird
import ServiceKit

/// Party organisation over HTTP: `/v1/compounds/{id}/party-branch`, `…/party-groups`,
/// `/v1/residents/{id}/party-membership`, `/v1/member-checkins` and `/v1/compounds/{id}/member-checkins`.
struct PartyRoutes {
    let desk: PartyDesk

    func add(to router: Router<LinliRequestContext>) {
        router.put("/v1/compounds/{id}/party-branch") { request, context in
            let caller = try context.caller()
            let compoundID = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(BranchBody.self, context: context)
            return try await desk.setBranch(body, compoundID: compoundID, by: caller)
        }
        router.get("/v1/compounds/{id}/party-branch") { _, context in
            let principal = try context.requirePrincipal()
            return try await desk.branch(compoundID: try context.parameters.require("id", as: Int.self), by: principal)
        }
        router.post("/v1/compounds/{id}/party-groups") { request, context in
            let principal = try context.requirePrincipal()
            let compoundID = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(GroupBody.self, context: context)
            return EditedResponse(status: .created, response: try await desk.addGroup(body, compoundID: compoundID, by: principal))
        }
        router.put("/v1/residents/{id}/party-membership") { request, context in
            let principal = try context.requirePrincipal()
            let residentID = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(MembershipBody.self, context: context)
            try await desk.setMembership(body, residentID: residentID, by: principal)
            return Response(status: .noContent)
        }
        router.post("/v1/member-checkins") { request, context in
            let caller = try context.caller()
            let body = try await request.decodeBody(CheckInBody.self, context: context)
            return EditedResponse(status: .created, response: try await desk.checkIn(body, by: caller))
        }
        router.get("/v1/compounds/{id}/member-checkins") { _, context in
            let principal = try context.requirePrincipal()
            return try await desk.checkIns(compoundID: try context.parameters.require("id", as: Int.self), by: principal)
        }
    }
}
