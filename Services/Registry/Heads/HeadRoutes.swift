import Foundation
import Hummingbird
import JobQueue
import Models
import Postgres
import ServiceKit

/// The three heads: units, the households a neighbour unit links, time-bounded assignments, coverage.
struct HeadRoutes {
    let runtime: LinliRuntime

    struct NewUnit: Decodable, Sendable {
        var level: String
        var name: String
        var parentID: Int?
    }
    struct Households: Decodable, Sendable { var householdIDs: [Int] }
    struct NewAssignment: Decodable, Sendable {
        var residentID: Int
        var startsOn: Date?
        var endsOn: Date?
    }
    struct Ending: Decodable, Sendable { var endedOn: Date? }

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/compounds/{id}/head-units") { request, context in
            let principal = try context.requirePrincipal()
            let compoundID = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(NewUnit.self, context: context)
            let level = try Validate.oneOf(body.level, HeadLevel.all.map(\.rawValue), field: "level")
            let name = try Validate.text(body.name, field: "name", max: 100)
            let unit = try await runtime.pool.withTransaction { tx in
                _ = try Access.requireManage(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
                if let parent = body.parentID {
                    let expected = level == "neighbour" ? "group" : level == "group" ? "area" : ""
                    guard let found = try HeadStore.unit(parent, on: tx), found.compoundID == compoundID, found.level == expected else {
                        throw APIError.invalid(
                            "parentID",
                            "must be a \(expected.isEmpty ? "nothing: an area unit has no parent" : expected + " unit of this compound")"
                        )
                    }
                }
                let id =
                    try tx.query(
                        "INSERT INTO registry.head_units (compound_id, level, parent_id, name) VALUES (\(compoundID), \(level), \(body.parentID), \(name)) RETURNING id"
                    ).scalar(Int.self) ?? 0
                return try HeadStore.units(compoundID: compoundID, ids: [id], on: tx)[0]
            }
            return EditedResponse(status: .created, response: unit)
        }
        router.get("/v1/compounds/{id}/head-units") { _, context in
            let principal = try context.requirePrincipal()
            let compoundID = try context.parameters.require("id", as: Int.self)
            return try await runtime.pool.withConnection { tx in
                _ = try Access.requireManage(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
                return try HeadStore.units(compoundID: compoundID, on: tx)
            }
        }
        router.get("/v1/compounds/{id}/coverage") { _, context in
            let principal = try context.requirePrincipal()
            let compoundID = try context.parameters.require("id", as: Int.self)
            return try await runtime.pool.withConnection { tx in
                _ = try Access.requireManage(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
                return try HeadStore.coverage(compoundID: compoundID, on: tx)
            }
        }
        router.put("/v1/head-units/{id}/households") { request, context in
            let principal = try context.requirePrincipal()
            let unitID = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(Households.self, context: context)
            return try await setHouseholds(unitID, Array(Set(body.householdIDs)).sorted(), principal: principal, correlationID: context.requestID)
        }
        addAssignments(to: router)
    }

    /// Replaces the households a neighbour unit links; an active head's assignment is renewed so
    /// its event carries the new coverage.
    private func setHouseholds(_ unitID: Int, _ households: [Int], principal: Principal, correlationID: String?) async throws -> HeadUnit {
        guard households.count <= NeighbourSpan.maximum else {
            throw APIError.invalid("householdIDs", "a neighbour unit links at most \(NeighbourSpan.maximum) households")
        }
        return try await runtime.jobs.withTransaction { tx, outbox in
            guard let unit = try HeadStore.unit(unitID, on: tx) else { throw APIError.notFound("head unit") }
            _ = try Access.requireManage(principal, covers: try RegistryScopes.compound(unit.compoundID, on: tx), "head unit")
            guard unit.level == "neighbour" else { throw APIError.invalid("householdIDs", "only neighbour units link households") }
            let inCompound =
                try tx.query(
                    "SELECT count(*) FROM registry.households WHERE id = ANY (\(households)) AND compound_id = \(unit.compoundID) AND dissolved_at IS NULL"
                ).scalar(Int.self) ?? 0
            guard inCompound == households.count else { throw APIError.invalid("householdIDs", "must all be households of the unit's compound") }
            let open = try tx.query(
                "SELECT resident_id, starts_on::timestamptz, ends_on::timestamptz FROM registry.head_assignments WHERE unit_id = \(unitID) AND ended_at IS NULL"
            )
            try HeadStore.vacate(unitID: unitID, endedOn: Date(), outbox: outbox, correlationID: correlationID, on: tx)
            try tx.execute("DELETE FROM registry.unit_households WHERE unit_id = \(unitID) AND household_id <> ALL (\(households))")
            try tx.execute(
                """
                INSERT INTO registry.unit_households (unit_id, household_id) SELECT \(unitID), h FROM unnest(\(households)) AS h
                ON CONFLICT (household_id) DO UPDATE SET unit_id = EXCLUDED.unit_id
                """
            )
            if let head = open.first {
                _ = try HeadStore.assign(
                    unitID: unitID,
                    residentID: try head.decode(0),
                    startsOn: Date(),
                    endsOn: try head.decode(2),
                    outbox: outbox,
                    correlationID: correlationID,
                    on: tx
                )
            }
            return try HeadStore.units(compoundID: unit.compoundID, ids: [unitID], on: tx)[0]
        }
    }
}
