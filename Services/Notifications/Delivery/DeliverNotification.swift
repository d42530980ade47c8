import Foundation
import Models

/// The job that sends one push delivery (robot, webhook or SMS); its delivery's idempotency key
/// goes with every request, and a delivery already sent is never sent again.
public struct DeliverNotification: JobPayload, Equatable {
    public static let kind = "notifications.deliver"
    public var deliveryID: Int

    public init(deliveryID: Int) { self.deliveryID = deliveryID }
}

/// The daily digest job of one slot: one digest message per compound group with items that day.
public struct SendDailyDigest: JobPayload, Equatable {
    public static let kind = "notifications.daily-digest"
    /// The slot (the end of the day the digest covers).
    public var slot: Date

    public init(slot: Date) { self.slot = slot }
}
