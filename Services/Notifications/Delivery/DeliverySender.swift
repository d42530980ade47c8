import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// Sends one push delivery: waits out quiet hours and the robot's rate limit (snoozing its job),
/// sends, and records the answer; a failure is retried by the queue with backoff until the last
/// attempt, when the delivery is given up with its error kept.
struct DeliverySender: Sendable {
    let pool: PostgresPool
    let jobs: JobQueue
    let configuration: NotificationsConfiguration
    let http: OutboundHTTP
    /// What "now" is: quiet hours are judged by it and ended deliveries stamped with it.
    let clock: WallClock
    let workerName: String

    var limiter: RobotRateLimiter {
        RobotRateLimiter(
            pool: pool,
            limit: configuration.robotLimit,
            window: configuration.robotWindow,
            inFlightBound: configuration.httpTimeout + 1,
            clock: clock
        )
    }

    /// A failed attempt, as the queue keeps it.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The delivery job's body.
    func deliver(_ id: Int, context: JobContext) async throws {
        guard let delivery = try await pool.withConnection({ try DeliveryStore.load(id, on: $0) }) else {
            throw JobError.discard("delivery \(id) does not exist")
        }
        // A delivery already sent is never sent again (a rescued or re-run job finds it so).
        guard delivery.status != .sent else { return }
        let now = clock.now()
        if !delivery.urgent, let until = configuration.quietHours.deferral(for: now) {
            try await pool.withConnection { try DeliveryStore.defer(id, until: until, on: $0) }
            throw JobError.snooze(seconds: until.timeIntervalSince(now), reason: "quiet hours")
        }
        let attempt: DeliveryAttempt =
            switch delivery.channel {
            case .wecomRobot: try await sendToRobot(delivery)
            case .webhook: try await sendToWebhook(delivery)
            case .sms: try await sendSMS(delivery)
            case .inbox, .copyTask: .failed(error: "channel \(delivery.channel.rawValue) is not sent by a job", response: nil, permanent: true)
            }
        try await record(attempt, for: delivery, context: context)
    }

    private func record(_ attempt: DeliveryAttempt, for delivery: PendingDelivery, context: JobContext) async throws {
        let worker = workerName
        switch attempt {
        case .wait(let seconds):
            throw JobError.snooze(seconds: seconds + Double.random(in: 0...0.05), reason: "robot rate limit")
        case .sent(let response):
            try await jobs.withTransaction { tx, outbox in
                try DeliveryStore.end(
                    delivery,
                    status: .sent,
                    error: nil,
                    response: response,
                    worker: worker,
                    at: clock.now(),
                    on: tx,
                    outbox: outbox
                )
            }
        case .failed(let error, let response, let permanent):
            if permanent || context.isLastAttempt {
                try await jobs.withTransaction { tx, outbox in
                    try DeliveryStore.end(
                        delivery,
                        status: .givenUp,
                        error: error,
                        response: response,
                        worker: worker,
                        at: clock.now(),
                        on: tx,
                        outbox: outbox
                    )
                }
                throw JobError.discard("given up: \(error)")
            }
            try await pool.withConnection { try DeliveryStore.failed(delivery, error: error, response: response, on: $0) }
            throw Failure(description: error)
        }
    }

    private func sendToRobot(_ delivery: PendingDelivery) async throws -> DeliveryAttempt {
        guard let url = try await pool.withConnection({ try DeliveryStore.robotWebhook(chat: delivery.recipientID, on: $0) }) else {
            return .failed(error: "the group chat has no robot any more", response: nil, permanent: true)
        }
        let limiter = self.limiter
        let reservation: Int
        switch try await limiter.reserve(robot: RobotRateLimiter.robotID(for: url), deliveryID: delivery.id) {
        case .wait(let seconds): return .wait(seconds: seconds)
        case .reserved(let id): reservation = id
        }
        let message = RobotMessage(
            content: delivery.contents[TemplateSlot.wecomRobot.rawValue] ?? delivery.title,
            title: delivery.title,
            link: delivery.link,
            urgent: delivery.urgent
        )
        let outcome: DeliveryAttempt
        do {
            outcome = .robot(try await http.post(url, body: try message.encoded(), headers: [], timeout: configuration.httpTimeout))
        } catch let failure as OutboundHTTP.Failure {
            outcome = .failed(error: failure.description, response: nil, permanent: false)
        }
        try await limiter.finish(reservation)
        return outcome
    }
}
