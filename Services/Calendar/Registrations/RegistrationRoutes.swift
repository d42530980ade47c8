import Foundation
import Hummingbird
import ServiceKit

/// Sign-ups: `POST/GET /v1/activities/{id}/occurrences/{start}/registrations`, `GET /v1/registrations/{id}`,
/// `POST /v1/registrations/{id}/cancel`.
struct RegistrationRoutes {
    let service: CalendarService

    var desk: RegistrationDesk { RegistrationDesk(service: service) }

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/activities/{id}/occurrences/{start}/registrations") { request, context in
            let body = try await request.decodeBody(NewRegistration.self, context: context)
            let view = try await desk.register(
                activityID: try context.parameters.require("id", as: Int.self),
                recurrence: try context.parameters.require("start"),
                body,
                by: try context.caller()
            )
            return EditedResponse(status: .created, response: view)
        }
        router.get("/v1/activities/{id}/occurrences/{start}/registrations") { _, context in
            try await desk.roster(
                activityID: try context.parameters.require("id", as: Int.self),
                recurrence: try context.parameters.require("start"),
                by: try context.caller()
            )
        }
        router.get("/v1/registrations/{id}") { _, context in
            try await desk.registration(try context.parameters.require("id", as: Int.self), by: try context.caller())
        }
        router.post("/v1/registrations/{id}/cancel") { _, context in
            try await desk.cancel(try context.parameters.require("id", as: Int.self), by: try context.caller())
        }
    }
}
