import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

extension OrganisationDesk {
    /// Sets up or renames the compound's group chat (一小区一群) and sets, keeps or removes its robot;
    /// publishes `group-chat.changed` with the webhook, which only the notifications service needs.
    func setGroupChat(_ body: GroupChatBody, compoundID: Int, by caller: Caller) async throws -> GroupChat {
        var checks = FieldChecks()
        let name = checks.text(body.name, field: "name", max: 100) ?? ""
        if case .some(.some(let url)) = body.robotWebhook, !Self.isWebhook(url) { checks.fail("robotWebhook", "must be the robot's webhook URL") }
        try checks.check()
        return try await jobs.withTransaction { tx, outbox in
            _ = try Access.requireManage(caller.principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
            let url = body.robotWebhook ?? nil
            let row = try OrganisationStore.upsertGroupChat(
                compoundID: compoundID,
                name: name,
                sealedWebhook: try url.map(vault.seal),
                hint: url.map { "…" + String($0.suffix(4)) },
                keepRobot: body.robotWebhook == nil,
                on: tx
            )
            try outbox.publish(
                GroupChatChanged(
                    compoundID: compoundID,
                    chatID: try row.decode("id"),
                    name: name,
                    robotWebhook: try row.decode("robot_webhook_encrypted", as: Data?.self).map(vault.open),
                    revision: try row.decode("revision")
                ),
                correlationID: caller.requestID,
                on: tx
            )
            return GroupChat(compoundID: compoundID, name: name, robotWebhookHint: try row.decode("robot_webhook_hint"))
        }
    }

    func groupChat(compoundID: Int, by principal: Principal) async throws -> GroupChat {
        try await jobs.pool.withConnection { tx in
            _ = try Access.require(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
            guard let chat = try OrganisationStore.groupChat(compoundID: compoundID, on: tx) else { throw Refusal.notFound("group chat") }
            return chat
        }
    }

    /// An http(s) URL with a host, of at most 500 characters.
    static func isWebhook(_ text: String) -> Bool {
        guard let url = URL(string: text), url.scheme == "https" || url.scheme == "http", url.host != nil else { return false }
        return text.count <= 500
    }
}
