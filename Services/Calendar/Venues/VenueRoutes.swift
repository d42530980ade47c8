import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// `/v1/venues`: service stations and other venues with their rooms, capacities and opening hours.
struct VenueRoutes {
    let service: CalendarService

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/venues") { request, context in
            let body = try await request.decodeBody(NewVenue.self, context: context)
            return EditedResponse(status: .created, response: try await create(body, try context.caller()))
        }
        router.get("/v1/venues") { request, context in
            let caller = try context.caller()
            guard caller.access.isStaff else { throw Refusal.forbidden("venues are managed by staff") }
            let principal = caller.principal
            let limit = try Pagination.limit(request)
            let after = try Pagination.after(request) ?? 0
            let compound = try request.uri.queryParameters["compoundID"].map { try ActivityRoutes.integer($0, "compoundID") }
            let venues = try await service.pool.withConnection { tx in
                let scope: [Int]? =
                    switch principal.role {
                    case .admin: compound.map { [$0] }
                    case .secretary: principal.compoundIDs.filter { compound == nil || $0 == compound }
                    default: compound.map { [$0] } ?? []
                    }
                let areas = principal.role == .district && compound == nil ? principal.areaIDs : []
                return try VenueStore.venues(compoundIDs: scope, areaIDs: areas, after: after, limit: limit, on: tx)
                    .filter { caller.access.manages(compoundID: $0.compoundID, areaPath: $0.areaPath) }
            }
            return Page(items: venues, next: venues.count == limit ? venues.last.map { String($0.id) } : nil)
        }
        router.get("/v1/venues/{id}") { _, context in
            let caller = try context.caller()
            let id = try context.parameters.require("id", as: Int.self)
            return try await service.pool.withConnection { tx in try managed(id, caller, on: tx) }
        }
        router.post("/v1/venues/{id}/rooms") { request, context in
            let caller = try context.caller()
            let id = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(NewRoom.self, context: context)
            let name = body.name.trimmingCharacters(in: .whitespacesAndNewlines)
            var problems: [Refusal.Field] = []
            if name.isEmpty || name.count > 100 { problems.append(.init(field: "name", message: "must be 1–100 characters")) }
            if let capacity = body.capacity, !(1...100_000).contains(capacity) {
                problems.append(.init(field: "capacity", message: "must be from 1 to 100,000"))
            }
            guard problems.isEmpty else { throw Refusal.invalid(problems) }
            let room = try await service.pool.withTransaction { tx in
                _ = try managed(id, caller, on: tx)
                return try VenueStore.insertRoom(venueID: id, body, on: tx)
            }
            return EditedResponse(status: .created, response: room)
        }
    }

    private func managed(_ id: Int, _ caller: Caller, on tx: isolated PostgresConnection) throws -> Venue {
        guard let venue = try VenueStore.venue(id, on: tx), caller.access.manages(compoundID: venue.compoundID, areaPath: venue.areaPath) else {
            throw Refusal.notFound("venue")
        }
        return venue
    }

    private func create(_ new: NewVenue, _ caller: Caller) async throws -> Venue {
        let problems = new.problems()
        guard problems.isEmpty else { throw Refusal.invalid(problems) }
        return try await service.pool.withTransaction { tx in
            guard let compound = try Residency.compound(new.compoundID, on: tx),
                caller.access.manages(compoundID: new.compoundID, areaPath: compound.areaPath)
            else { throw Refusal.invalid("compoundID", "no such compound") }
            return try VenueStore.insert(new, areaPath: compound.areaPath, on: tx)
        }
    }
}
