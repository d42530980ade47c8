import Foundation
import Hummingbird
import ServiceKit

/// Check-in, paper rosters and closing reports under `/v1/activities/{id}/occurrences/{start}/…`.
struct AttendanceRoutes {
    let service: CalendarService

    var desk: AttendanceDesk { AttendanceDesk(service: service) }

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/activities/{id}/occurrences/{start}/check-ins") { request, context in
            let body = try await request.decodeBody(CheckInBody.self, context: context)
            let result = try await desk.checkIn(
                try context.parameters.require("id", as: Int.self),
                try context.parameters.require("start"),
                body,
                by: try context.caller()
            )
            return EditedResponse(status: result.alreadyCheckedIn ? .ok : .created, response: result)
        }
        router.post("/v1/activities/{id}/occurrences/{start}/roster") { request, context in
            let body = try await request.decodeBody(PaperRoster.self, context: context)
            return try await desk.enterRoster(
                try context.parameters.require("id", as: Int.self),
                try context.parameters.require("start"),
                body,
                by: try context.caller()
            )
        }
        router.put("/v1/activities/{id}/occurrences/{start}/report") { request, context in
            let body = try await request.decodeBody(ReportBody.self, context: context)
            return try await desk.fileReport(
                try context.parameters.require("id", as: Int.self),
                try context.parameters.require("start"),
                body,
                by: try context.caller()
            )
        }
        router.get("/v1/activities/{id}/occurrences/{start}/report") { _, context in
            try await desk.report(
                try context.parameters.require("id", as: Int.self),
                try context.parameters.require("start"),
                by: try context.caller()
            )
        }
    }
}
