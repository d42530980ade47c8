import Foundation
import Hummingbird
import JobQueue
import Models
import Postgres
import ServiceKit

extension OrganisationRoutes {
    struct NewTeam: Decodable, Sendable { var name: String }
    struct NewMember: Decodable, Sendable { var residentID: Int }
    struct Team: Codable, Sendable, ResponseEncodable {
        var id: Int
        var compoundID: Int
        var name: String
        var memberIDs: [Int]
    }
    struct GroupChatBody: Decodable, Sendable {
        var name: String
        /// The WeCom robot's webhook URL; `null` removes the robot, absent keeps it.
        var robotWebhook: String??
    }
    struct GroupChat: Codable, Sendable, ResponseEncodable {
        var compoundID: Int
        var name: String
        /// The robot's webhook is a secret: only its last characters are ever returned.
        var robotWebhookHint: String?
    }

    /// Volunteer teams and their members.
    func addVolunteerTeams(to router: Router<LinliRequestContext>) {
        router.post("/v1/compounds/{id}/volunteer-teams") { request, context in
            let principal = try context.requirePrincipal()
            let compoundID = try context.parameters.require("id", as: Int.self)
            let name = try Validate.text(try await request.decodeBody(NewTeam.self, context: context).name, field: "name", max: 100)
            let team = try await runtime.pool.withTransaction { tx in
                _ = try Access.requireManage(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
                let id =
                    try tx.query("INSERT INTO registry.volunteer_teams (compound_id, name) VALUES (\(compoundID), \(name)) RETURNING id").scalar(
                        Int.self
                    ) ?? 0
                return Team(id: id, compoundID: compoundID, name: name, memberIDs: [])
            }
            return EditedResponse(status: .created, response: team)
        }
        router.get("/v1/compounds/{id}/volunteer-teams") { _, context in
            let principal = try context.requirePrincipal()
            let compoundID = try context.parameters.require("id", as: Int.self)
            return try await runtime.pool.withConnection { tx in
                _ = try Access.require(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
                return try tx.query(
                    """
                    SELECT t.id, t.compound_id, t.name,
                           ARRAY(SELECT resident_id FROM registry.volunteer_team_members m WHERE m.team_id = t.id ORDER BY resident_id) AS member_ids
                    FROM registry.volunteer_teams t WHERE t.compound_id = \(compoundID) ORDER BY t.id
                    """
                ).decode(Team.self)
            }
        }
        router.post("/v1/volunteer-teams/{id}/members") { request, context in
            let principal = try context.requirePrincipal()
            let teamID = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(NewMember.self, context: context)
            try await runtime.pool.withTransaction { tx in
                guard let compoundID = try tx.query("SELECT compound_id FROM registry.volunteer_teams WHERE id = \(teamID)").scalar(Int.self) else {
                    throw APIError.notFound("volunteer team")
                }
                _ = try Access.requireManage(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "volunteer team")
                guard try RegistryScopes.resident(body.residentID, on: tx)?.compoundID == compoundID else {
                    throw APIError.invalid("residentID", "must be a resident of the team's compound")
                }
                try tx.execute(
                    "INSERT INTO registry.volunteer_team_members (team_id, resident_id) VALUES (\(teamID), \(body.residentID)) ON CONFLICT DO NOTHING"
                )
            }
            return Response(status: .noContent)
        }
    }

    /// The compound's group chat (一小区一群) and its robot.
    func addGroupChat(to router: Router<LinliRequestContext>) {
        router.put("/v1/compounds/{id}/group-chat") { request, context in
            let principal = try context.requirePrincipal()
            let compoundID = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(GroupChatBody.self, context: context)
            let name = try Validate.text(body.name, field: "name", max: 100)
            if case .some(.some(let url)) = body.robotWebhook {
                guard let parsed = URL(string: url), parsed.scheme == "https" || parsed.scheme == "http", parsed.host != nil, url.count <= 500 else {
                    throw APIError.invalid("robotWebhook", "must be the robot's webhook URL")
                }
            }
            return try await runtime.jobs.withTransaction { tx, outbox in
                _ = try Access.requireManage(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
                let keep = body.robotWebhook == nil
                let url = body.robotWebhook ?? nil
                let row = try tx.query(
                    """
                    INSERT INTO registry.group_chats (compound_id, name, robot_webhook_encrypted, robot_webhook_hint)
                    VALUES (\(compoundID), \(name), \(try url.map(vault.seal)), \(url.map { "…" + String($0.suffix(4)) }))
                    ON CONFLICT (compound_id) DO UPDATE SET name = EXCLUDED.name, revision = registry.group_chats.revision + 1,
                        robot_webhook_encrypted = CASE WHEN \(keep) THEN registry.group_chats.robot_webhook_encrypted ELSE EXCLUDED.robot_webhook_encrypted END,
                        robot_webhook_hint = CASE WHEN \(keep) THEN registry.group_chats.robot_webhook_hint ELSE EXCLUDED.robot_webhook_hint END
                    RETURNING id, revision, robot_webhook_encrypted, robot_webhook_hint
                    """
                )[0]
                let stored = try row.decode("robot_webhook_encrypted", as: Data?.self).map(vault.open)
                try outbox.publish(
                    GroupChatChanged(
                        compoundID: compoundID,
                        chatID: try row.decode("id"),
                        name: name,
                        robotWebhook: stored,
                        revision: try row.decode("revision")
                    ),
                    correlationID: context.requestID,
                    on: tx
                )
                return GroupChat(compoundID: compoundID, name: name, robotWebhookHint: try row.decode("robot_webhook_hint"))
            }
        }
        router.get("/v1/compounds/{id}/group-chat") { _, context in
            let principal = try context.requirePrincipal()
            let compoundID = try context.parameters.require("id", as: Int.self)
            return try await runtime.pool.withConnection { tx in
                _ = try Access.require(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
                guard
                    let chat = try tx.query(
                        "SELECT compound_id, name, robot_webhook_hint FROM registry.group_chats WHERE compound_id = \(compoundID)"
                    ).decode(GroupChat.self).first
                else { throw APIError.notFound("group chat") }
                return chat
            }
        }
    }
}
