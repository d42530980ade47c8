import Foundation
import Postgres
import ServiceKit

/// A group chat; the robot's webhook is shown masked (its key is a secret).
struct GroupChat: Codable, Sendable {
    var id: Int
    var compoundID: Int
    var name: String
    var hasRobot: Bool
    var robot: String?
}

/// What was sent where and how it went, and the group chats it went to, for staff within their scope.
struct DeliveryDesk {
    let pool: PostgresPool

    func deliveries(by principal: Principal, _ filter: DeliveryFilter, after: Int?, limit: Int) async throws -> Page<DeliveryRow> {
        let rows = try await pool.withConnection { try DeliveryStore.list(in: principal, filter, after: after, limit: limit, on: $0) }
        return Page(items: rows, next: rows.count == limit ? rows.last.map { String($0.id) } : nil)
    }

    /// The group chats in scope, robots masked.
    func groupChats(by principal: Principal, compoundID: Int?) async throws -> [GroupChat] {
        let chats = try await pool.withConnection { try DeliveryStore.groupChats(in: principal, compoundID: compoundID, on: $0) }
        return chats.map { chat in
            GroupChat(id: chat.id, compoundID: chat.compoundID, name: chat.name, hasRobot: chat.webhook != nil, robot: chat.webhook.map(Self.mask))
        }
    }

    /// `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…a1b2`: the host and path, and the key's last 4 characters.
    static func mask(_ url: String) -> String {
        let base = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        let key = URLComponents(string: url)?.queryItems?.first { $0.name == "key" }?.value ?? ""
        return base + "?key=…" + String(key.suffix(4))
    }
}
