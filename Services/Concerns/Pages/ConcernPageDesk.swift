import Foundation
import Models
import Postgres
import ServiceKit

/// A council meeting that has a concern on its agenda.
struct ConcernMeeting: Decodable, Sendable, Equatable {
    var id: Int
    var title: String
    var startsAt: Date
    var state: String
}

/// What the resident's concern pages read, through ``ConcernDesk`` (who may see what is decided
/// there): one concern with its photos and meetings, one photo's bytes, the categories.
struct ConcernPageDesk: Sendable {
    let desk: ConcernDesk

    /// One concern as the caller may see it, its photos (to those who see its own side) and the
    /// council meetings that have it on their agenda.
    func page(_ id: Int, by principal: Principal) async throws -> (concern: ConcernView, photos: [ConcernPhotoRecord], meetings: [ConcernMeeting]) {
        let concern = try await desk.concern(id, by: principal)
        let seesOwnSide = concern.access != "public"
        return try await desk.pool.withConnection { connection in
            let photos = seesOwnSide ? try ConcernPhotoStore.list(of: id, on: connection) : []
            let meetings = try connection.query(
                """
                SELECT m.id, m.title, m.starts_at, m.state FROM concerns.agenda_items a JOIN concerns.meetings m ON m.id = a.meeting_id
                WHERE a.concern_id = \(id) ORDER BY m.starts_at
                """
            ).decode(ConcernMeeting.self)
            return (concern, photos, meetings)
        }
    }

    /// A photo's type and bytes, only to those who see the concern's own side (the reporter, their
    /// household and head, the owner party, staff); everyone else gets the concern's 404.
    func photo(_ id: Int, position: Int, by principal: Principal) async throws -> (mime: String, bytes: Data) {
        let clock = desk.clock
        return try await desk.pool.withConnection { connection in
            let viewer = try Viewer.load(principal, now: clock.now(), on: connection)
            guard let record = try ConcernStore.concern(id, on: connection), viewer.access(to: record) >= .own,
                let photo = try ConcernPhotoStore.photo(of: id, position: position, on: connection)
            else { throw Refusal.notFound("concern") }
            return photo
        }
    }

    /// The households a head may raise a concern for from the page (their own first, then those
    /// they cover, as ``Viewer`` counts them); empty for everyone else, who raise for their own.
    func households(for principal: Principal) async throws -> [(id: Int, dwelling: String, own: Bool)] {
        guard principal.role == .head else { return [] }
        let clock = desk.clock
        return try await desk.pool.withConnection { connection in
            let viewer = try Viewer.load(principal, now: clock.now(), on: connection)
            let ids = (viewer.household.map { [$0] } ?? []) + viewer.coveredHouseholds.subtracting(viewer.household.map { [$0] } ?? []).sorted()
            let rows = try connection.query(
                "SELECT id, dwelling FROM concerns.households WHERE id = ANY (\(ids)) AND NOT dissolved"
            )
            var dwellings: [Int: String] = [:]
            for row in rows { dwellings[try row.decode(0, as: Int.self)] = try row.decode(1, as: String.self) }
            return ids.compactMap { id in dwellings[id].map { (id, $0, id == viewer.household) } }
        }
    }

    /// The categories a concern may have, with their Chinese names, in the order of their service levels' table.
    func categories() async throws -> [(category: String, name: String)] {
        try await desk.pool.withConnection { connection in
            try connection.query("SELECT category, name FROM concerns.service_levels ORDER BY hours, category").map { row in
                (try row.decode(0, as: String.self), try row.decode(1, as: String.self))
            }
        }
    }
}
