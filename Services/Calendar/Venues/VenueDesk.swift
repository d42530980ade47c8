import Foundation
import Postgres
import ServiceKit

/// Venues and their rooms, managed by the staff of the venue's compound. A venue outside the caller's
/// scope is reported as missing.
struct VenueDesk {
    let service: CalendarService

    /// A new venue of a compound the caller manages.
    func create(_ new: NewVenue, by caller: Caller) async throws -> Venue {
        let problems = new.problems()
        guard problems.isEmpty, let kind = new.kind else { throw Refusal.invalid(problems) }
        return try await service.pool.withTransaction { tx in
            guard let compound = try Residency.compound(new.compoundID, on: tx),
                caller.access.manages(compoundID: new.compoundID, areaPath: compound.areaPath)
            else { throw Refusal.invalid("compoundID", "no such compound") }
            return try VenueStore.insert(new, kind: kind, areaPath: compound.areaPath, on: tx)
        }
    }

    /// The venues the caller manages, by id, optionally of one compound. Only staff list venues.
    func venues(compoundID: Int?, after: Int, limit: Int, by caller: Caller) async throws -> [Venue] {
        guard caller.access.isStaff else { throw Refusal.forbidden("venues are managed by staff") }
        let principal = caller.principal
        return try await service.pool.withConnection { tx in
            let scope: [Int]? =
                switch principal.role {
                case .admin: compoundID.map { [$0] }
                case .secretary: principal.compoundIDs.filter { compoundID == nil || $0 == compoundID }
                default: compoundID.map { [$0] } ?? []
                }
            let areas = principal.role == .district && compoundID == nil ? principal.areaIDs : []
            return try VenueStore.venues(compoundIDs: scope, areaIDs: areas, after: after, limit: limit, on: tx)
                .filter { caller.access.manages(compoundID: $0.compoundID, areaPath: $0.areaPath) }
        }
    }

    /// One venue the caller manages, with its rooms.
    func venue(_ id: Int, by caller: Caller) async throws -> Venue {
        try await service.pool.withConnection { tx in try managed(id, caller, on: tx) }
    }

    /// A new room of a venue the caller manages.
    func addRoom(to venueID: Int, _ new: NewRoom, by caller: Caller) async throws -> Room {
        let problems = new.problems()
        guard problems.isEmpty else { throw Refusal.invalid(problems) }
        return try await service.pool.withTransaction { tx in
            _ = try managed(venueID, caller, on: tx)
            return try VenueStore.insertRoom(venueID: venueID, new, on: tx)
        }
    }

    /// The venue if the caller manages it, else 404.
    private func managed(_ id: Int, _ caller: Caller, on tx: isolated PostgresConnection) throws -> Venue {
        guard let venue = try VenueStore.venue(id, on: tx), caller.access.manages(compoundID: venue.compoundID, areaPath: venue.areaPath) else {
            throw Refusal.notFound("venue")
        }
        return venue
    }
}
