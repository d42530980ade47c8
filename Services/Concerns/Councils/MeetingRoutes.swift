import Foundation
import Hummingbird
import Models
import ServiceKit

/// `/v1/councils/{id}/meetings` and `/v1/meetings/{id}…`: council meetings, their agendas, attendance
/// and minutes; each route calls one ``MeetingDesk`` method.
struct MeetingRoutes {
    let runtime: LinliRuntime

    var desk: MeetingDesk { MeetingDesk(jobs: runtime.jobs, clock: runtime.clock) }

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/councils/{id}/meetings") { request, context in
            let body = try await request.decodeBody(NewMeeting.self, context: context)
            let id = try context.parameters.require("id", as: Int.self)
            let meeting = try await desk.schedule(id, body, by: try context.requirePrincipal(), requestID: context.requestID)
            return EditedResponse(status: .created, response: meeting)
        }
        router.get("/v1/councils/{id}/meetings") { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            let (limit, before) = (try Pagination.limit(request), try Pagination.after(request))
            return try await desk.meetings(of: id, before: before, limit: limit, by: try context.requirePrincipal())
        }
        router.get("/v1/meetings/{id}") { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            return try await desk.meeting(id, by: try context.requirePrincipal())
        }
        router.post("/v1/meetings/{id}/agenda") { request, context in
            let body = try await request.decodeBody(AgendaRequest.self, context: context)
            let id = try context.parameters.require("id", as: Int.self)
            return try await desk.extendAgenda(id, body, by: try context.requirePrincipal(), requestID: context.requestID)
        }
        router.post("/v1/meetings/{id}/hold") { request, context in
            let body = try await request.decodeBody(HoldRequest.self, context: context)
            let id = try context.parameters.require("id", as: Int.self)
            return try await desk.hold(id, body, by: try context.requirePrincipal(), requestID: context.requestID)
        }
        router.put("/v1/meetings/{id}/minutes") { request, context in
            let body = try await request.decodeBody(MinutesRequest.self, context: context)
            let id = try context.parameters.require("id", as: Int.self)
            return try await desk.keepMinutes(id, body, by: try context.requirePrincipal())
        }
    }
}
