import Crypto
import Foundation
import Postgres
import ServiceKit

/// Holds each WeCom robot to `limit` messages per `window` (20 a minute) across every replica and
/// process, in PostgreSQL.
///
/// Before sending, a worker takes the robot's advisory lock and counts the robot's sends whose
/// arrival could fall inside the last window: a send counts until its answer came (`done_at`), or,
/// while unanswered, until its reservation plus the request deadline. Below the limit it records a
/// reservation (the database clock, before the request leaves) and commits; otherwise it learns
/// when the oldest counted send leaves the window and waits that long.
///
/// Why no window of arrivals can hold more than `limit`: take `limit + 1` arrivals within less than
/// a window, and the one reserved last, at `r`. Every other one arrived after `r − window` and was
/// answered no earlier than it arrived, so each still counted at `r` — the reservation would have
/// been refused.
struct RobotRateLimiter: Sendable {
    let pool: PostgresPool
    let limit: Int
    let window: Double
    /// How long an unanswered request may still arrive: the request deadline plus a second.
    let inFlightBound: Double
    /// Only if the database did not say what time it is (it always does).
    let clock: WallClock

    /// A reservation to send now, or how long to wait.
    enum Outcome: Sendable, Equatable {
        case reserved(Int)
        case wait(seconds: Double)
    }

    /// The robot's name in the send log: the SHA-256 of its webhook URL (the URL is a secret).
    static func robotID(for url: String) -> String {
        SHA256.hash(data: Data(url.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Reserves a send to `robot` for a delivery, or says how long until one is free.
    func reserve(robot: String, deliveryID: Int) async throws -> Outcome {
        let (limit, window, bound, clock) = (self.limit, self.window, inFlightBound, clock)
        return try await pool.withTransaction { tx in
            try tx.execute("SELECT pg_advisory_xact_lock(hashtextextended('linli.robot:' || \(robot), 0))")
            let now = try tx.query("SELECT clock_timestamp()").scalar(Date.self) ?? clock.now()
            let counted = try tx.query(
                """
                SELECT coalesce(done_at, reserved_at + make_interval(secs => \(bound))) AS until
                FROM notify.robot_sends
                WHERE robot = \(robot) AND reserved_at > \(now) - make_interval(secs => \(window + bound))
                  AND coalesce(done_at, reserved_at + make_interval(secs => \(bound))) > \(now) - make_interval(secs => \(window))
                ORDER BY until
                """
            ).column("until", as: Date.self)
            if counted.count >= limit {
                // The send that must leave the window before one more fits.
                let freeAt = counted[counted.count - limit].addingTimeInterval(window)
                return .wait(seconds: max(0.05, freeAt.timeIntervalSince(now)))
            }
            try tx.execute(
                "DELETE FROM notify.robot_sends WHERE robot = \(robot) AND reserved_at < \(now) - make_interval(secs => \(window + bound + 3_600))"
            )
            let id = try tx.query(
                """
                INSERT INTO notify.robot_sends (robot, delivery_id, reserved_at) VALUES (\(robot), \(deliveryID), clock_timestamp())
                RETURNING id
                """
            ).scalar(Int.self)
            return .reserved(id ?? 0)
        }
    }

    /// Records that a reserved send got its answer (or gave up waiting for one).
    func finish(_ reservation: Int) async throws {
        try await pool.execute("UPDATE notify.robot_sends SET done_at = clock_timestamp() WHERE id = \(reservation)")
    }
}
