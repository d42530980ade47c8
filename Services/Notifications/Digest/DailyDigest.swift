import Foundation
import JobQueue
import Postgres

/// The daily digest: for each compound whose group chat had items in the day before the slot, one
/// message merging them, newest first, sent to the group like any other group message.
struct DailyDigest: Sendable {
    let configuration: NotificationsConfiguration
    let fanout: Fanout
    let composer: MessageComposer
    /// The most items listed; the rest are counted.
    static let maximumItems = 30

    /// One item of a digest.
    struct Item: Decodable, Sendable {
        let compoundID: Int
        let title: String
        let createdAt: Date
    }

    /// Makes the digests of the day ending at `slot`; a slot run twice makes nothing new.
    /// - Returns: how many digests were made.
    @discardableResult
    func run(slot: Date, on tx: isolated PostgresConnection, outbox: JobOutbox) throws -> Int {
        let from = slot.addingTimeInterval(-86_400)
        let items = try tx.query(
            """
            SELECT m.compound_id, m.title, m.created_at FROM notify.messages m
            WHERE m.in_digest AND m.created_at >= \(from) AND m.created_at < \(slot)
              AND EXISTS (SELECT 1 FROM notify.group_chats c WHERE c.compound_id = m.compound_id)
            ORDER BY m.compound_id, m.created_at DESC, m.id DESC
            """
        ).decode(Item.self)
        let byCompound = Dictionary(grouping: items, by: \.compoundID)
        var made = 0
        for (compoundID, items) in byCompound.sorted(by: { $0.key < $1.key }) {
            let message = digest(compoundID: compoundID, items: items, slot: slot)
            if try fanout.make(message, on: tx, outbox: outbox).messageID != nil { made += 1 }
        }
        return made
    }

    /// The digest message of one compound (items already newest first).
    func digest(compoundID: Int, items: [Item], slot: Date) -> NewMessage {
        let listed = items.prefix(Self.maximumItems).map { item -> TemplateValue in
            .object(["time": .text(String(composer.time(item.createdAt).suffix(5))), "title": .text(item.title)])
        }
        var context: TemplateContext = [
            "date": .text(String(composer.time(slot.addingTimeInterval(-1)).split(separator: " ")[0])),
            "count": .text(String(items.count)), "items": .list(Array(listed)),
        ]
        if items.count > Self.maximumItems { context["more"] = .text(String(items.count - Self.maximumItems)) }
        return NewMessage(
            sourceKey: "digest:\(compoundID):\(Int(slot.timeIntervalSince1970))",
            kind: MessageKind.digest,
            compoundID: compoundID,
            context: context,
            audience: .nobody
        )
    }
}
