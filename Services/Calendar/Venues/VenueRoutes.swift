import Foundation
import Hummingbird
import ServiceKit

/// `/v1/venues`: service stations and other venues with their rooms, capacities and opening hours.
struct VenueRoutes {
    let service: CalendarService

    var desk: VenueDesk { VenueDesk(service: service) }

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/venues") { request, context in
            let body = try await request.decodeBody(NewVenue.self, context: context)
            return EditedResponse(status: .created, response: try await desk.create(body, by: try context.caller()))
        }
        router.get("/v1/venues") { request, context in
            let caller = try context.caller()
            let limit = try Pagination.limit(request)
            let after = try Pagination.after(request) ?? 0
            let compoundID = try request.integerParameter("compoundID")
            let venues = try await desk.venues(compoundID: compoundID, after: after, limit: limit, by: caller)
            return Page(items: venues, next: venues.count == limit ? venues.last.map { String($0.id) } : nil)
        }
        router.get("/v1/venues/{id}") { _, context in
            let caller = try context.caller()
            return try await desk.venue(try context.parameters.require("id", as: Int.self), by: caller)
        }
        router.post("/v1/venues/{id}/rooms") { request, context in
            let caller = try context.caller()
            let id = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(NewRoom.self, context: context)
            return EditedResponse(status: .created, response: try await desk.addRoom(to: id, body, by: caller))
        }
    }
}
