import Foundation
import Hummingbird
import Models
import Postgres
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
            try await list(
                activityID: try context.parameters.require("id", as: Int.self),
                start: try context.parameters.require("start"),
                caller: try context.caller()
            )
        }
        router.get("/v1/registrations/{id}") { _, context in
            try await desk.registration(try context.parameters.require("id", as: Int.self), by: try context.caller())
        }
        router.post("/v1/registrations/{id}/cancel") { _, context in
            try await desk.cancel(try context.parameters.require("id", as: Int.self), by: try context.caller())
        }
    }

    /// Staff see every sign-up (phones only if they may see personal data); a head sees the households they cover.
    private func list(activityID: Int, start: String, caller: Caller) async throws -> RosterList {
        let recurrenceID = try OccurrenceKey.parse(start)
        let now = service.clock.now()
        return try await service.pool.withConnection { tx in
            let activity = try caller.access.readable(try ActivityStore.load(activityID, on: tx), now: now, on: tx)
            guard let occurrence = try OccurrenceStore.find(activityID: activityID, recurrenceID: recurrenceID, on: tx) else {
                throw Refusal.notFound("occurrence")
            }
            let principal = caller.principal
            let manages = caller.access.manages(compoundID: activity.compoundID, areaPath: activity.areaPath)
            var households: [Int]? = nil
            if !manages {
                guard principal.role == .head, let head = principal.residentID else {
                    throw Refusal.forbidden("only the compound's staff and heads see who signed up")
                }
                households = try tx.query(
                    """
                    SELECT DISTINCT unnest(household_ids) AS household FROM calendar.head_assignments
                    WHERE resident_id = \(head) AND vacated_on IS NULL AND (ends_on IS NULL OR ends_on >= \(now))
                    """
                ).column("household", as: Int.self)
            }
            let records = try RegistrationStore.list(occurrenceID: occurrence.id, households: households, on: tx)
            let people = try Residency.residents(records.map(\.residentID), on: tx)
            var waitlistPosition = 0
            let showPhones = manages && principal.maySeePersonalData
            let entries = records.map { record in
                if record.status == .waitlisted { waitlistPosition += 1 }
                return RosterEntry(
                    registrationID: record.id,
                    residentID: record.residentID,
                    name: people[record.residentID]?.name,
                    phone: showPhones ? people[record.residentID]?.phone : nil,
                    householdID: record.householdID,
                    channel: record.channel,
                    registeredBy: record.registeredBy,
                    status: record.status,
                    waitlistPosition: record.status == .waitlisted ? waitlistPosition : nil,
                    createdAt: record.createdAt
                )
            }
            return RosterList(occurrenceID: occurrence.id, capacity: occurrence.capacity, items: entries)
        }
    }
}

/// One sign-up in an occurrence's list.
struct RosterEntry: Encodable, Sendable {
    var registrationID: Int
    var residentID: Int
    var name: String?
    /// Only for staff who may see personal data.
    var phone: String?
    var householdID: Int?
    var channel: AttendanceChannel
    var registeredBy: Int?
    var status: RegistrationStatus
    var waitlistPosition: Int?
    var createdAt: Date
}

/// The sign-ups of one occurrence, in sign-up order.
struct RosterList: Encodable, Sendable, ResponseEncodable {
    var occurrenceID: Int
    var capacity: Int?
    var items: [RosterEntry]
}
