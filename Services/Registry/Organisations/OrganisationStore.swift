import Foundation
import Postgres

/// Organisations', volunteer teams' and group chats' SQL.
enum OrganisationStore {
    static func hasOwnersCommittee(compoundID: Int, on tx: isolated PostgresConnection) throws -> Bool {
        try tx.query(
            "SELECT 1 FROM registry.organisations WHERE compound_id = \(compoundID) AND kind = \(OrganisationKind.ownersCommittee)"
        ).rowCount > 0
    }

    static func insert(
        compoundID: Int,
        kind: OrganisationKind,
        name: String,
        redProperty: Bool,
        contact: String?,
        on tx: isolated PostgresConnection
    ) throws -> Organisation {
        try tx.query(
            """
            INSERT INTO registry.organisations (compound_id, kind, name, red_property, contact)
            VALUES (\(compoundID), \(kind), \(name), \(redProperty), \(contact))
            RETURNING id, compound_id, kind, name, red_property, contact
            """
        ).decode(Organisation.self)[0]
    }

    static func organisations(compoundID: Int, on tx: isolated PostgresConnection) throws -> [Organisation] {
        try tx.query(
            "SELECT id, compound_id, kind, name, red_property, contact FROM registry.organisations WHERE compound_id = \(compoundID) ORDER BY kind, id"
        ).decode(Organisation.self)
    }

    static func insertTeam(compoundID: Int, name: String, on tx: isolated PostgresConnection) throws -> Int {
        try tx.query("INSERT INTO registry.volunteer_teams (compound_id, name) VALUES (\(compoundID), \(name)) RETURNING id").scalar(Int.self) ?? 0
    }

    static func teams(compoundID: Int, on tx: isolated PostgresConnection) throws -> [Team] {
        try tx.query(
            """
            SELECT t.id, t.compound_id, t.name,
                   ARRAY(SELECT resident_id FROM registry.volunteer_team_members m WHERE m.team_id = t.id ORDER BY resident_id) AS member_ids
            FROM registry.volunteer_teams t WHERE t.compound_id = \(compoundID) ORDER BY t.id
            """
        ).decode(Team.self)
    }

    /// The compound of a team, or `nil` when there is no such team.
    static func compoundID(ofTeam id: Int, on tx: isolated PostgresConnection) throws -> Int? {
        try tx.query("SELECT compound_id FROM registry.volunteer_teams WHERE id = \(id)").scalar(Int.self)
    }

    static func addMember(teamID: Int, residentID: Int, on tx: isolated PostgresConnection) throws {
        try tx.execute("INSERT INTO registry.volunteer_team_members (team_id, resident_id) VALUES (\(teamID), \(residentID)) ON CONFLICT DO NOTHING")
    }

    /// Creates or renames the compound's group chat; its robot's webhook is replaced unless `keepRobot`.
    /// Returns the chat's id, revision, sealed webhook and hint as stored now.
    static func upsertGroupChat(
        compoundID: Int,
        name: String,
        sealedWebhook: Data?,
        hint: String?,
        keepRobot: Bool,
        on tx: isolated PostgresConnection
    ) throws -> PostgresRow {
        try tx.query(
            """
            INSERT INTO registry.group_chats (compound_id, name, robot_webhook_encrypted, robot_webhook_hint)
            VALUES (\(compoundID), \(name), \(sealedWebhook), \(hint))
            ON CONFLICT (compound_id) DO UPDATE SET name = EXCLUDED.name, revision = registry.group_chats.revision + 1,
                robot_webhook_encrypted = CASE WHEN \(keepRobot) THEN registry.group_chats.robot_webhook_encrypted ELSE EXCLUDED.robot_webhook_encrypted END,
                robot_webhook_hint = CASE WHEN \(keepRobot) THEN registry.group_chats.robot_webhook_hint ELSE EXCLUDED.robot_webhook_hint END
            RETURNING id, revision, robot_webhook_encrypted, robot_webhook_hint
            """
        )[0]
    }

    static func groupChat(compoundID: Int, on tx: isolated PostgresConnection) throws -> GroupChat? {
        try tx.query(
            "SELECT compound_id, name, robot_webhook_hint FROM registry.group_chats WHERE compound_id = \(compoundID)"
        ).decode(GroupChat.self).first
    }
}
