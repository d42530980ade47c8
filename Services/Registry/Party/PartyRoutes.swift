import Foundation
import Hummingbird
import JobQueue
import Models
import Postgres
import ServiceKit

/// Party organisation: a branch per compound, party groups per building, members (restricted),
/// and in-office members registering at their home compound (在职党员进小区报到).
struct PartyRoutes {
    let runtime: LinliRuntime

    struct BranchBody: Decodable, Sendable {
        var name: String
        var secretaryResidentID: Int?
    }
    struct GroupBody: Decodable, Sendable {
        var name: String
        var buildingID: Int?
    }
    struct MembershipBody: Decodable, Sendable {
        var branchID: Int
        var groupID: Int?
        var inOffice: Bool
        var joinedOn: Date?
    }
    struct CheckInBody: Decodable, Sendable {
        var residentID: Int
        var compoundID: Int
        var pledges: [String]
    }
    struct Branch: Codable, Sendable, ResponseEncodable {
        var id: Int
        var compoundID: Int
        var name: String
        var secretaryResidentID: Int?
        var groups: [PartyGroup]
    }
    struct PartyGroup: Codable, Sendable {
        var id: Int
        var name: String
        var buildingID: Int?
    }

    func add(to router: Router<LinliRequestContext>) {
        router.put("/v1/compounds/{id}/party-branch") { request, context in
            let principal = try context.requirePrincipal()
            let compoundID = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(BranchBody.self, context: context)
            let name = try Validate.text(body.name, field: "name", max: 100)
            return try await runtime.jobs.withTransaction { tx, outbox in
                _ = try Access.requireManage(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
                if let secretary = body.secretaryResidentID, try RegistryScopes.resident(secretary, on: tx)?.compoundID != compoundID {
                    throw APIError.invalid("secretaryResidentID", "must be a resident of the compound")
                }
                try tx.execute(
                    """
                    INSERT INTO registry.party_branches (compound_id, name, secretary_resident_id) VALUES (\(compoundID), \(name), \(body.secretaryResidentID))
                    ON CONFLICT (compound_id) DO UPDATE SET name = EXCLUDED.name, secretary_resident_id = EXCLUDED.secretary_resident_id
                    """
                )
                try outbox.publish(try RegistryEvents.compoundChanged(compoundID, on: tx), correlationID: context.requestID, on: tx)
                return try Self.branch(compoundID: compoundID, on: tx)
            }
        }
        router.get("/v1/compounds/{id}/party-branch") { _, context in
            let principal = try context.requirePrincipal()
            let compoundID = try context.parameters.require("id", as: Int.self)
            return try await runtime.pool.withConnection { tx in
                _ = try Access.requireManage(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
                return try Self.branch(compoundID: compoundID, on: tx)
            }
        }
        router.post("/v1/compounds/{id}/party-groups") { request, context in
            let principal = try context.requirePrincipal()
            let compoundID = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(GroupBody.self, context: context)
            let name = try Validate.text(body.name, field: "name", max: 100)
            let branch = try await runtime.pool.withTransaction { tx in
                _ = try Access.requireManage(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
                guard let branchID = try tx.query("SELECT id FROM registry.party_branches WHERE compound_id = \(compoundID)").scalar(Int.self) else {
                    throw APIError.conflict("set up the compound's party branch first", code: "no-branch")
                }
                if let building = body.buildingID,
                    try tx.query("SELECT 1 FROM registry.buildings WHERE id = \(building) AND compound_id = \(compoundID)").rowCount == 0
                {
                    throw APIError.invalid("buildingID", "is not a building of this compound")
                }
                try tx.execute("INSERT INTO registry.party_groups (branch_id, building_id, name) VALUES (\(branchID), \(body.buildingID), \(name))")
                return try Self.branch(compoundID: compoundID, on: tx)
            }
            return EditedResponse(status: .created, response: branch)
        }
        addMembership(to: router)
    }

    static func branch(compoundID: Int, on tx: isolated PostgresConnection) throws -> Branch {
        guard
            let row = try tx.query(
                """
                SELECT b.id, b.compound_id, b.name, b.secretary_resident_id,
                       coalesce((SELECT jsonb_agg(jsonb_build_object('id', g.id, 'name', g.name, 'buildingID', g.building_id) ORDER BY g.id)
                                 FROM registry.party_groups g WHERE g.branch_id = b.id), '[]') AS groups
                FROM registry.party_branches b WHERE b.compound_id = \(compoundID)
                """
            ).first
        else { throw APIError.notFound("party branch") }
        return try row.decode(Branch.self)
    }
}
