import Foundation
import Hummingbird
import JobQueue
import Models
import Postgres
import ServiceKit

/// Owners' committees, property companies (incl. red property) and social organisations of a compound.
struct OrganisationRoutes {
    let runtime: LinliRuntime
    let vault: PersonalDataVault

    struct NewOrganisation: Decodable, Sendable {
        var kind: String
        var name: String
        var redProperty: Bool?
        var contact: String?
    }
    struct Organisation: Codable, Sendable, ResponseEncodable {
        var id: Int
        var compoundID: Int
        var kind: String
        var name: String
        var redProperty: Bool
        var contact: String?
    }

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/compounds/{id}/organisations") { request, context in
            let principal = try context.requirePrincipal()
            let compoundID = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(NewOrganisation.self, context: context)
            let kind = try Validate.oneOf(body.kind, ["owners-committee", "property-company", "social-organisation"], field: "kind")
            let name = try Validate.text(body.name, field: "name", max: 100)
            let contact = try Validate.optionalText(body.contact, field: "contact", max: 100)
            if body.redProperty == true && kind != "property-company" { throw APIError.invalid("redProperty", "applies only to a property company") }
            let organisation = try await runtime.jobs.withTransaction { tx, outbox in
                _ = try Access.requireManage(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
                if kind == "owners-committee",
                    try tx.query("SELECT 1 FROM registry.organisations WHERE compound_id = \(compoundID) AND kind = 'owners-committee'").rowCount > 0
                {
                    throw APIError.conflict("the compound already has an owners' committee", code: "already-exists")
                }
                let created = try tx.query(
                    """
                    INSERT INTO registry.organisations (compound_id, kind, name, red_property, contact)
                    VALUES (\(compoundID), \(kind), \(name), \(body.redProperty ?? false), \(contact))
                    RETURNING id, compound_id, kind, name, red_property, contact
                    """
                ).decode(Organisation.self)[0]
                try outbox.publish(try RegistryEvents.compoundChanged(compoundID, on: tx), correlationID: context.requestID, on: tx)
                return created
            }
            return EditedResponse(status: .created, response: organisation)
        }
        router.get("/v1/compounds/{id}/organisations") { _, context in
            let principal = try context.requirePrincipal()
            let compoundID = try context.parameters.require("id", as: Int.self)
            return try await runtime.pool.withConnection { tx in
                _ = try Access.require(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
                return try tx.query(
                    "SELECT id, compound_id, kind, name, red_property, contact FROM registry.organisations WHERE compound_id = \(compoundID) ORDER BY kind, id"
                ).decode(Organisation.self)
            }
        }
        addVolunteerTeams(to: router)
        addGroupChat(to: router)
    }
}
