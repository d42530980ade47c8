import Foundation
import Postgres
import ServiceKit

/// Residents' SQL.
enum ResidentStore {
    static let columns = """
        r.id, r.name, r.gender, r.birth_year, r.household_id, r.compound_id, r.revision,
        CASE WHEN r.phone_prefix IS NULL THEN NULL ELSE r.phone_prefix || '****' || r.phone_suffix END AS phone,
        r.id_number_masked,
        EXISTS (SELECT 1 FROM registry.party_members m WHERE m.resident_id = r.id) AS party_member
        """

    /// Decodes a row of ``columns``.
    static func resident(_ row: PostgresRow, showParty: Bool) throws -> Resident {
        Resident(
            id: try row.decode("id"),
            name: try row.decode("name"),
            gender: try row.decode("gender"),
            birthYear: try row.decode("birth_year"),
            phone: try row.decode("phone"),
            idNumber: try row.decode("id_number_masked"),
            householdID: try row.decode("household_id"),
            compoundID: try row.decode("compound_id"),
            revision: try row.decode("revision"),
            partyMember: showParty ? try row.decode("party_member", as: Bool.self) : nil
        )
    }

    static func insert(
        _ input: ResidentInput,
        householdID: Int,
        compoundID: Int,
        vault: PersonalDataVault,
        on tx: isolated PostgresConnection
    ) throws -> Int {
        let sealed = try input.sealed(with: vault)
        let id =
            try tx.query(
                """
                INSERT INTO registry.residents (name, gender, birth_year, phone_encrypted, phone_prefix, phone_suffix, phone_hash,
                                                id_number_encrypted, id_number_masked, id_number_hash, household_id, compound_id)
                VALUES (\(input.name), \(input.gender), \(input.birthYear), \(sealed.phoneEncrypted), \(sealed.phonePrefix),
                        \(sealed.phoneSuffix), \(sealed.phoneHash), \(sealed.idNumberEncrypted), \(input.idNumber?.masked), \(sealed.idNumberHash),
                        \(householdID), \(compoundID))
                RETURNING id
                """
            ).scalar(Int.self) ?? 0
        try addResidency(id, householdID: householdID, compoundID: compoundID, on: tx)
        return id
    }

    static func find(_ id: Int, showParty: Bool, on tx: isolated PostgresConnection) throws -> Resident? {
        try tx.query("SELECT \(unescaped: columns) FROM registry.residents r WHERE r.id = \(id)").first.map {
            try resident($0, showParty: showParty)
        }
    }

    /// Writes every field of the resident at once (a patch is merged in Swift first).
    static func update(_ id: Int, with input: ResidentInput, vault: PersonalDataVault, on tx: isolated PostgresConnection) throws -> Int {
        let sealed = try input.sealed(with: vault)
        return try tx.query(
            """
            UPDATE registry.residents SET name = \(input.name), gender = \(input.gender), birth_year = \(input.birthYear),
                phone_encrypted = \(sealed.phoneEncrypted), phone_prefix = \(sealed.phonePrefix), phone_suffix = \(sealed.phoneSuffix),
                phone_hash = \(sealed.phoneHash), revision = revision + 1, updated_at = now()
            WHERE id = \(id) RETURNING revision
            """
        ).scalar(Int.self) ?? 0
    }

    /// The decrypted phone of a resident (for merging a patch that does not touch it).
    static func phone(_ id: Int, vault: PersonalDataVault, on tx: isolated PostgresConnection) throws -> String? {
        guard let sealed = try tx.query("SELECT phone_encrypted FROM registry.residents WHERE id = \(id)").scalar(Data?.self) ?? nil
        else { return nil }
        return try vault.open(sealed)
    }

    /// Ends the resident's current residency (keeping it in the history).
    static func endResidency(_ id: Int, on tx: isolated PostgresConnection) throws {
        try tx.execute("UPDATE registry.residencies SET moved_out_at = now() WHERE resident_id = \(id) AND moved_out_at IS NULL")
    }

    /// Starts a residency in a household.
    static func addResidency(_ id: Int, householdID: Int, compoundID: Int, on tx: isolated PostgresConnection) throws {
        try tx.execute(
            "INSERT INTO registry.residencies (resident_id, household_id, compound_id) VALUES (\(id), \(householdID), \(compoundID))"
        )
    }

    /// Points the resident at a household (or none, when they left the city); returns the new revision.
    static func setHousehold(_ id: Int, householdID: Int?, compoundID: Int?, on tx: isolated PostgresConnection) throws -> Int {
        try tx.query(
            """
            UPDATE registry.residents SET household_id = \(householdID), compound_id = \(compoundID),
                revision = revision + 1, updated_at = now()
            WHERE id = \(id) RETURNING revision
            """
        ).scalar(Int.self) ?? 0
    }

    /// The resident whose ID number has this keyed hash, if any.
    static func withIDNumber(hash: Data, on tx: isolated PostgresConnection) throws -> Int? {
        try tx.query("SELECT id FROM registry.residents WHERE id_number_hash = \(hash)").scalar(Int.self)
    }

    /// A resident of the compound with this name and phone (by its keyed hash), if any.
    static func withNameAndPhone(compoundID: Int, name: String, phoneHash: Data, on tx: isolated PostgresConnection) throws -> Int? {
        try tx.query(
            "SELECT id FROM registry.residents WHERE compound_id = \(compoundID) AND name = \(name) AND phone_hash = \(phoneHash)"
        ).scalar(Int.self)
    }

    /// Whether a resident is registered.
    static func exists(_ id: Int, on tx: isolated PostgresConnection) throws -> Bool {
        try tx.query("SELECT 1 FROM registry.residents WHERE id = \(id)").rowCount == 1
    }

    static func history(_ id: Int, on tx: isolated PostgresConnection) throws -> [Residency] {
        try tx.query(
            """
            SELECT household_id, compound_id, moved_in_at, moved_out_at FROM registry.residencies
            WHERE resident_id = \(id) ORDER BY moved_in_at, id
            """
        ).decode(Residency.self)
    }
}
