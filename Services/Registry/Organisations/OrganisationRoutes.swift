import Foundation
import Hummingbird
import ServiceKit

/// A compound's organisations, volunteer teams and group chat over HTTP:
/// `/v1/compounds/{id}/organisations`, `…/volunteer-teams`, `/v1/volunteer-teams/{id}/members`, `…/group-chat`.
struct OrganisationRoutes {
    let desk: OrganisationDesk

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/compounds/{id}/organisations") { request, context in
            let caller = try context.caller()
            let compoundID = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(NewOrganisation.self, context: context)
            return EditedResponse(status: .created, response: try await desk.create(body, compoundID: compoundID, by: caller))
        }
        router.get("/v1/compounds/{id}/organisations") { _, context in
            let principal = try context.requirePrincipal()
            return try await desk.organisations(compoundID: try context.parameters.require("id", as: Int.self), by: principal)
        }
        router.post("/v1/compounds/{id}/volunteer-teams") { request, context in
            let principal = try context.requirePrincipal()
            let compoundID = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(NewTeam.self, context: context)
            return EditedResponse(status: .created, response: try await desk.createTeam(body, compoundID: compoundID, by: principal))
        }
        router.get("/v1/compounds/{id}/volunteer-teams") { _, context in
            let principal = try context.requirePrincipal()
            return try await desk.teams(compoundID: try context.parameters.require("id", as: Int.self), by: principal)
        }
        router.post("/v1/volunteer-teams/{id}/members") { request, context in
            let principal = try context.requirePrincipal()
            let teamID = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(NewMember.self, context: context)
            try await desk.addMember(body, teamID: teamID, by: principal)
            return Response(status: .noContent)
        }
        router.put("/v1/compounds/{id}/group-chat") { request, context in
            let caller = try context.caller()
            let compoundID = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(GroupChatBody.self, context: context)
            return try await desk.setGroupChat(body, compoundID: compoundID, by: caller)
        }
        router.get("/v1/compounds/{id}/group-chat") { _, context in
            let principal = try context.requirePrincipal()
            return try await desk.groupChat(compoundID: try context.parameters.require("id", as: Int.self), by: principal)
        }
    }
}
