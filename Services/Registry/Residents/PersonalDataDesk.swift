import Foundation
import Postgres
import ServiceKit

/// The full phone and ID number and party membership, for staff who may see personal data, each
/// read written to the audit table in the same transaction; and that audit trail.
struct PersonalDataDesk {
    let pool: PostgresPool
    let vault: PersonalDataVault

    func personalData(_ id: Int, by caller: Caller) async throws -> PersonalDataRecord {
        let principal = caller.principal
        return try await pool.withTransaction { tx in
            _ = try Access.require(principal, covers: try RegistryScopes.resident(id, on: tx), "resident")
            guard principal.maySeePersonalData else { throw Refusal.forbidden("this role may not see personal data") }
            let row = try PersonalDataStore.sealed(id, on: tx)
            try PersonalDataStore.audit(id, reader: principal.subject, role: principal.role.rawValue, requestID: caller.requestID, on: tx)
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

    /// Who read a resident's personal data: for administrators and district offices.
    func reads(_ id: Int, by principal: Principal) async throws -> [PersonalDataRead] {
        try await pool.withConnection { tx in
            _ = try Access.require(principal, covers: try RegistryScopes.resident(id, on: tx), "resident")
            guard principal.has(.admin, .district) else { throw Refusal.forbidden("the audit trail is for administrators and district offices") }
            return try PersonalDataStore.reads(id, on: tx)
        }
    }
}
