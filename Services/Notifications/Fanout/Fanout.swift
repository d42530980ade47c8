import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// Turns a message into its deliveries inside the caller's transaction: the message row, an inbox
/// row per resident of the audience (ended at once), SMS to those who opted in, the compound
/// group's robot message or copy task, and the subscribed systems' webhooks; the pushes as jobs,
/// deferred past quiet hours unless the kind is urgent.
///
/// Everything is keyed by the message's source: run twice for one cause, the second run finds the
/// message and adds nothing.
struct Fanout: Sendable {
    let configuration: NotificationsConfiguration
    /// What "now" is: when quiet hours are judged and inbox deliveries are stamped.
    let clock: WallClock

    /// What one run made.
    struct Result: Sendable, Equatable {
        /// `nil` when the message already existed (a redelivered cause).
        var messageID: Int?
        var inbox = 0
        var pushes = 0
        var robotMessages = 0
        var copyTasks = 0
    }

    /// Makes the message and its deliveries.
    @discardableResult
    func make(_ message: NewMessage, on tx: isolated PostgresConnection, outbox: JobOutbox) throws -> Result {
        let now = clock.now()
        var context = message.context
        if context["compound"] == nil, let compoundID = message.compoundID,
            let name = try tx.query("SELECT name FROM notify.compounds WHERE id = \(compoundID)").scalar(String.self)
        {
            context["compound"] = .text(name)
        }
        let renderer = try TemplateStore.renderer(on: tx)
        let (title, contents) = renderer.renderAll(kind: message.kind, context: context)
        let urgent = configuration.urgentKinds.contains(message.kind.name)
        let inDigest = message.kind.groupMode != .none && message.compoundID != nil && message.kind.name != MessageKind.digest
        guard
            let messageID = try FanoutStore.insertMessage(
                message,
                title: title,
                contents: contents,
                context: context,
                urgent: urgent,
                inDigest: inDigest,
                on: tx
            )
        else { return Result(messageID: nil) }

        var result = Result(messageID: messageID)
        let inbox = try FanoutStore.insertInbox(messageID: messageID, message: message, on: tx)
        result.inbox = inbox.count
        try outbox.publish(
            inbox.map { row in
                NotificationDelivered(
                    deliveryID: row.id,
                    kind: message.kind.name,
                    channel: Channel.inbox.rawValue,
                    compoundID: row.compoundID,
                    status: DeliveryStatus.sent.rawValue,
                    attempts: 1,
                    at: now
                )
            },
            on: tx
        )
        let deferral = urgent ? nil : configuration.quietHours.deferral(for: now)
        var pushes = try FanoutStore.insertSMS(messageID: messageID, message: message, deferredUntil: deferral, on: tx)
        if message.kind.groupMode == .immediate {
            let group = try FanoutStore.insertGroup(messageID: messageID, message: message, deferredUntil: deferral, on: tx)
            let robots = group.filter { $0.channel == .wecomRobot }.map(\.id)
            pushes += robots
            result.robotMessages = robots.count
            result.copyTasks = group.count { $0.channel == .copyTask }
        }
        pushes += try FanoutStore.insertWebhooks(messageID: messageID, message: message, deferredUntil: deferral, on: tx)
        result.pushes = pushes.count
        try enqueueDeliveries(pushes, urgent: urgent, runAt: deferral, on: tx, outbox: outbox)
        return result
    }

    /// One delivery job per push, keyed by the delivery so a delivery never has two jobs at once.
    func enqueueDeliveries(_ ids: [Int], urgent: Bool, runAt: Date?, on tx: isolated PostgresConnection, outbox: JobOutbox) throws {
        guard !ids.isEmpty else { return }
        let jobs = try ids.map { id in
            try NewJob(
                DeliverNotification(deliveryID: id),
                options: JobOptions(
                    queue: NotificationsService.queue,
                    priority: urgent ? .urgent : .normal,
                    runAt: runAt,
                    maxAttempts: configuration.maxAttempts,
                    uniqueKey: "notifications.deliver:\(id)"
                )
            )
        }
        try outbox.enqueue(jobs, on: tx)
    }
}
