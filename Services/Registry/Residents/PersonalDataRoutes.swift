import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// `GET /v1/residents/{id}/personal-data`: the full phone and ID number and party membership, for
/// staff who may see personal data, each read written to the audit table in the same transaction.
struct PersonalDataRoutes {
    let runtime: LinliRuntime
    let vault: PersonalDataVault

    func add(to router: Router<LinliRequestContext>) {
        router.get("/v1/residents/{id}/personal-data") { _, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id", as: Int.self)
            let requestID = context.requestID
            return try await runtime.pool.withTransaction { tx in
                _ = try Access.require(principal, covers: try RegistryScopes.resident(id, on: tx), "resident")
                guard principal.maySeePersonalData else { throw APIError.forbidden("this role may not see personal data") }
                let row = try tx.query(
                    """
                    SELECT r.phone_encrypted, r.id_number_encrypted, m.branch_id, coalesce(m.in_office, false) AS in_office,
                           m.resident_id IS NOT NULL AS party_member
                    FROM registry.residents r LEFT JOIN registry.party_members m ON m.resident_id = r.id WHERE r.id = \(id)
                    """
                )[0]
                try tx.execute(
                    """
                    INSERT INTO registry.personal_data_reads (resident_id, reader, reader_role, fields, request_id)
                    VALUES (\(id), \(principal.subject), \(principal.role.rawValue), \(["phone", "idNumber", "partyMembership"]), \(requestID))
                    """
                )
                return PersonalDataRecord(
                    residentID: id,
                    phone: try row.decode(0, as: Data?.self).map(vault.open),
                    idNumber: try row.decode(1, as: Data?.self).map(vault.open),
                    partyMember: try row.decode("party_member"),
                    partyBranchID: try row.decode("branch_id"),
                    inOfficeMember: try row.decode("in_office")
                )
            }
        }
        router.get("/v1/residents/{id}/personal-data/reads") { _, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id", as: Int.self)
            return try await runtime.pool.withConnection { tx in
                _ = try Access.require(principal, covers: try RegistryScopes.resident(id, on: tx), "resident")
                guard principal.has(.admin, .district) else { throw APIError.forbidden("the audit trail is for administrators and district offices") }
                return try tx.query(
                    """
                    SELECT reader, reader_role, fields, request_id, read_at FROM registry.personal_data_reads
                    WHERE resident_id = \(id) ORDER BY read_at DESC LIMIT 200
                    """
                ).decode(PersonalDataRead.self)
            }
        }
    }
}

/// One audited read of personal data.
struct PersonalDataRead: Codable, Sendable, ResponseEncodable {
    var reader: String
    var readerRole: String
    var fields: [String]
    var requestID: String?
    var readAt: Date
}
