import Foundation
import Postgres

/// The SQL of personal data: the sealed columns, and the audit trail of who read them.
enum PersonalDataStore {
    /// The fields every personal-data read discloses, as the audit trail records them.
    static let disclosedFields = ["phone", "idNumber", "partyMembership"]

    /// A resident's sealed phone and ID number and their party membership.
    static func sealed(_ id: Int, on tx: isolated PostgresConnection) throws -> PostgresRow {
        try tx.query(
            """
            SELECT r.phone_encrypted, r.id_number_encrypted, m.branch_id, coalesce(m.in_office, false) AS in_office,
                   m.resident_id IS NOT NULL AS party_member
            FROM registry.residents r LEFT JOIN registry.party_members m ON m.resident_id = r.id WHERE r.id = \(id)
            """
        )[0]
    }

    /// Records that `reader` read a resident's personal data.
    static func audit(_ id: Int, reader: String, role: String, requestID: String?, on tx: isolated PostgresConnection) throws {
        try tx.execute(
            """
            INSERT INTO registry.personal_data_reads (resident_id, reader, reader_role, fields, request_id)
            VALUES (\(id), \(reader), \(role), \(disclosedFields), \(requestID))
            """
        )
    }

    /// The latest 200 reads of a resident's personal data, newest first.
    static func reads(_ id: Int, on tx: isolated PostgresConnection) throws -> [PersonalDataRead] {
        try tx.query(
            """
            SELECT reader, reader_role, fields, request_id, read_at FROM registry.personal_data_reads
            WHERE resident_id = \(id) ORDER BY read_at DESC LIMIT 200
            """
        ).decode(PersonalDataRead.self)
    }
}
