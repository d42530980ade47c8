import Foundation
import Models
import Postgres
import ServiceKit

extension RegistrationDesk {
    /// Who signed up for an occurrence, in sign-up order. Staff see every sign-up (phones only if they may
    /// see personal data); a head sees the households they cover; anyone else who may read the activity is refused.
    func roster(activityID: Int, recurrence: String, by caller: Caller) async throws -> RosterList {
        let recurrenceID = try OccurrenceKey.parse(recurrence)
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
                households = try Residency.households(coveredBy: head, now: now, on: tx)
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
