import Foundation
import Postgres
import ServiceKit

/// Party organisation's SQL: branches, groups, members and check-ins.
enum PartyStore {
    /// Creates the compound's branch or renames it and changes its secretary.
    static func upsertBranch(compoundID: Int, name: String, secretaryResidentID: Int?, on tx: isolated PostgresConnection) throws {
        try tx.execute(
            """
            INSERT INTO registry.party_branches (compound_id, name, secretary_resident_id) VALUES (\(compoundID), \(name), \(secretaryResidentID))
            ON CONFLICT (compound_id) DO UPDATE SET name = EXCLUDED.name, secretary_resident_id = EXCLUDED.secretary_resident_id
            """
        )
    }

    /// The compound's branch with its groups, or `nil`.
    static func branch(compoundID: Int, on tx: isolated PostgresConnection) throws -> Branch? {
        try tx.query(
            """
            SELECT b.id, b.compound_id, b.name, b.secretary_resident_id,
                   coalesce((SELECT jsonb_agg(jsonb_build_object('id', g.id, 'name', g.name, 'buildingID', g.building_id) ORDER BY g.id)
                             FROM registry.party_groups g WHERE g.branch_id = b.id), '[]') AS groups
            FROM registry.party_branches b WHERE b.compound_id = \(compoundID)
            """
        ).first.map { try $0.decode(Branch.self) }
    }

    /// The id of the compound's branch, or `nil`.
    static func branchID(compoundID: Int, on tx: isolated PostgresConnection) throws -> Int? {
        try tx.query("SELECT id FROM registry.party_branches WHERE compound_id = \(compoundID)").scalar(Int.self)
    }

    /// The compound a branch belongs to, or `nil` when there is no such branch.
    static func compoundID(ofBranch id: Int, on tx: isolated PostgresConnection) throws -> Int? {
        try tx.query("SELECT compound_id FROM registry.party_branches WHERE id = \(id)").scalar(Int.self)
    }

    static func insertGroup(branchID: Int, buildingID: Int?, name: String, on tx: isolated PostgresConnection) throws {
        try tx.execute("INSERT INTO registry.party_groups (branch_id, building_id, name) VALUES (\(branchID), \(buildingID), \(name))")
    }

    /// Records or changes a resident's membership.
    static func upsertMember(residentID: Int, _ body: MembershipBody, on tx: isolated PostgresConnection) throws {
        try tx.execute(
            """
            INSERT INTO registry.party_members (resident_id, branch_id, group_id, in_office, joined_on)
            VALUES (\(residentID), \(body.branchID), \(body.groupID), \(body.inOffice), \(body.joinedOn))
            ON CONFLICT (resident_id) DO UPDATE SET branch_id = EXCLUDED.branch_id, group_id = EXCLUDED.group_id,
                in_office = EXCLUDED.in_office, joined_on = EXCLUDED.joined_on
            """
        )
    }

    /// Whether the resident is recorded as an in-office party member.
    static func isInOfficeMember(_ residentID: Int, on tx: isolated PostgresConnection) throws -> Bool {
        try tx.query("SELECT 1 FROM registry.party_members WHERE resident_id = \(residentID) AND in_office").rowCount == 1
    }

    /// Records a check-in (a repeated one replaces the pledges); returns its id.
    static func checkIn(residentID: Int, compoundID: Int, pledges: [String], on tx: isolated PostgresConnection) throws -> Int {
        try tx.query(
            """
            INSERT INTO registry.member_checkins (resident_id, compound_id, pledges) VALUES (\(residentID), \(compoundID), \(pledges))
            ON CONFLICT (resident_id, compound_id) DO UPDATE SET pledges = EXCLUDED.pledges RETURNING id
            """
        ).scalar(Int.self) ?? 0
    }

    /// The compound's check-ins, newest first.
    static func checkIns(compoundID: Int, on tx: isolated PostgresConnection) throws -> [CheckIn] {
        try tx.query(
            """
            SELECT c.id, c.resident_id, r.name, c.pledges, c.checked_in_at FROM registry.member_checkins c
            JOIN registry.residents r ON r.id = c.resident_id WHERE c.compound_id = \(compoundID) ORDER BY c.checked_in_at DESC
            """
        ).decode(CheckIn.self)
    }
}
