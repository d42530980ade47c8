import Foundation
import Hummingbird
import JobQueue
import Models
import Postgres
import ServiceKit

extension PartyRoutes {
    /// Party membership (restricted) and in-office members' check-ins.
    func addMembership(to router: Router<LinliRequestContext>) {
        router.put("/v1/residents/{id}/party-membership") { request, context in
            let principal = try context.requirePrincipal()
            let residentID = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(MembershipBody.self, context: context)
            try await runtime.pool.withTransaction { tx in
                _ = try Access.requireManage(principal, covers: try RegistryScopes.resident(residentID, on: tx), "resident")
                guard principal.maySeePersonalData else { throw APIError.forbidden("party membership is restricted") }
                guard
                    let branchCompound = try tx.query("SELECT compound_id FROM registry.party_branches WHERE id = \(body.branchID)").scalar(Int.self),
                    principal.covers(try RegistryScopes.compound(branchCompound, on: tx) ?? ObjectScope())
                else { throw APIError.invalid("branchID", "no such party branch") }
                try tx.execute(
                    """
                    INSERT INTO registry.party_members (resident_id, branch_id, group_id, in_office, joined_on)
                    VALUES (\(residentID), \(body.branchID), \(body.groupID), \(body.inOffice), \(body.joinedOn))
                    ON CONFLICT (resident_id) DO UPDATE SET branch_id = EXCLUDED.branch_id, group_id = EXCLUDED.group_id,
                        in_office = EXCLUDED.in_office, joined_on = EXCLUDED.joined_on
                    """
                )
            }
            return Response(status: .noContent)
        }
        router.post("/v1/member-checkins") { request, context in
            let principal = try context.requirePrincipal()
            let body = try await request.decodeBody(CheckInBody.self, context: context)
            let pledges = try body.pledges.enumerated().map { index, pledge in try Validate.text(pledge, field: "pledges[\(index)]", max: 100) }
            guard pledges.count <= 20 else { throw APIError.invalid("pledges", "at most 20") }
            let id = try await runtime.jobs.withTransaction { tx, outbox in
                let scope = try Access.require(principal, covers: try RegistryScopes.resident(body.residentID, on: tx), "resident")
                // The member registers themselves, or the compound's staff records it.
                guard principal.residentID == body.residentID || principal.isStaff else {
                    throw APIError.forbidden("a member registers themselves, or staff record it")
                }
                guard scope.compoundID == body.compoundID else { throw APIError.invalid("compoundID", "must be the member's home compound") }
                guard try tx.query("SELECT 1 FROM registry.party_members WHERE resident_id = \(body.residentID) AND in_office").rowCount == 1 else {
                    throw APIError.invalid("residentID", "is not recorded as an in-office party member")
                }
                let id =
                    try tx.query(
                        """
                        INSERT INTO registry.member_checkins (resident_id, compound_id, pledges) VALUES (\(body.residentID), \(body.compoundID), \(pledges))
                        ON CONFLICT (resident_id, compound_id) DO UPDATE SET pledges = EXCLUDED.pledges RETURNING id
                        """
                    ).scalar(Int.self) ?? 0
                try outbox.publish(
                    MemberCheckedIn(checkInID: id, residentID: body.residentID, compoundID: body.compoundID, pledges: pledges, at: Date()),
                    correlationID: context.requestID,
                    on: tx
                )
                return id
            }
            return EditedResponse(status: .created, response: CheckInReceipt(id: id))
        }
        router.get("/v1/compounds/{id}/member-checkins") { _, context in
            let principal = try context.requirePrincipal()
            let compoundID = try context.parameters.require("id", as: Int.self)
            return try await runtime.pool.withConnection { tx in
                _ = try Access.requireManage(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
                return try tx.query(
                    """
                    SELECT c.id, c.resident_id, r.name, c.pledges, c.checked_in_at FROM registry.member_checkins c
                    JOIN registry.residents r ON r.id = c.resident_id WHERE c.compound_id = \(compoundID) ORDER BY c.checked_in_at DESC
                    """
                ).decode(CheckIn.self)
            }
        }
    }

    struct CheckInReceipt: Codable, Sendable, ResponseEncodable { var id: Int }
    struct CheckIn: Codable, Sendable, ResponseEncodable {
        var id: Int
        var residentID: Int
        var name: String
        var pledges: [String]
        var checkedInAt: Date
    }
}
