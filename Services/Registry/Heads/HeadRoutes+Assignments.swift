import Foundation
import Hummingbird
import JobQueue
import Models
import Postgres
import ServiceKit

extension HeadRoutes {
    /// `POST /v1/head-units/{id}/assignments` and `POST /v1/head-assignments/{id}/end`.
    func addAssignments(to router: Router<LinliRequestContext>) {
        router.post("/v1/head-units/{id}/assignments") { request, context in
            let principal = try context.requirePrincipal()
            let unitID = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(NewAssignment.self, context: context)
            let startsOn = body.startsOn ?? Date()
            if let endsOn = body.endsOn, endsOn < startsOn { throw APIError.invalid("endsOn", "must not be before startsOn") }
            let unit = try await runtime.jobs.withTransaction { tx, outbox in
                guard let unit = try HeadStore.unit(unitID, on: tx) else { throw APIError.notFound("head unit") }
                _ = try Access.requireManage(principal, covers: try RegistryScopes.compound(unit.compoundID, on: tx), "head unit")
                guard try RegistryScopes.resident(body.residentID, on: tx)?.compoundID == unit.compoundID else {
                    throw APIError.invalid("residentID", "must be a resident of the unit's compound")
                }
                try HeadStore.vacate(unitID: unitID, endedOn: startsOn, outbox: outbox, correlationID: context.requestID, on: tx)
                _ = try HeadStore.assign(
                    unitID: unitID,
                    residentID: body.residentID,
                    startsOn: startsOn,
                    endsOn: body.endsOn,
                    outbox: outbox,
                    correlationID: context.requestID,
                    on: tx
                )
                return try HeadStore.units(compoundID: unit.compoundID, ids: [unitID], on: tx)[0]
            }
            return EditedResponse(status: .created, response: unit)
        }
        router.post("/v1/head-assignments/{id}/end") { request, context in
            let principal = try context.requirePrincipal()
            let assignmentID = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(Ending.self, context: context)
            try await runtime.jobs.withTransaction { tx, outbox in
                guard
                    let row = try tx.query(
                        "SELECT a.unit_id, u.compound_id FROM registry.head_assignments a JOIN registry.head_units u ON u.id = a.unit_id WHERE a.id = \(assignmentID) AND a.ended_at IS NULL"
                    ).first
                else { throw APIError.notFound("open head assignment") }
                _ = try Access.requireManage(principal, covers: try RegistryScopes.compound(try row.decode(1), on: tx), "head assignment")
                try HeadStore.vacate(
                    unitID: try row.decode(0),
                    endedOn: body.endedOn ?? Date(),
                    outbox: outbox,
                    correlationID: context.requestID,
                    on: tx
                )
            }
            return Response(status: .noContent)
        }
    }

    /// The daily job that ends assignments whose end date has passed (the unit becomes vacant).
    static func endExpiredAssignments(jobs: JobQueue) async throws {
        try await jobs.withTransaction { tx, outbox in
            let units = try tx.query(
                "SELECT unit_id FROM registry.head_assignments WHERE ended_at IS NULL AND ends_on < current_date"
            ).column("unit_id", as: Int.self)
            for unit in units { try HeadStore.vacate(unitID: unit, endedOn: Date(), outbox: outbox, correlationID: nil, on: tx) }
        }
    }
}
