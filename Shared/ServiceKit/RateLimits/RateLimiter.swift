import Foundation
import Logging
import Postgres
import ServiceLifecycle

/// Counts hits per key in fixed windows held in PostgreSQL (`limits.windows`), so a limit holds
/// across every replica: one `INSERT … ON CONFLICT DO UPDATE … RETURNING` per hit, which also
/// serialises concurrent hits of one key on its row.
public struct RateLimiter: Sendable {
    /// The answer to one hit.
    public enum Decision: Sendable, Equatable {
        /// Within the limit.
        case allowed
        /// Over it: try again after this many whole seconds (at least 1), the `Retry-After`.
        case refused(retryAfter: Int)
    }

    let pool: PostgresPool
    let clock: WallClock

    /// A limiter on a service's pool.
    public init(pool: PostgresPool, clock: WallClock = .system) {
        self.pool = pool
        self.clock = clock
    }

    /// Counts a hit of `key` and says whether it is within `limit` hits per `window`.
    public func hit(_ key: String, limit: Int, per window: Duration) async throws -> Decision {
        let now = clock.now()
        let seconds = Double(window.components.seconds)
        let startsAt = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / seconds).rounded(.down) * seconds)
        let hits =
            try await pool.query(
                """
                INSERT INTO limits.windows (key, starts_at, hits) VALUES (\(key), \(startsAt), 1)
                ON CONFLICT (key, starts_at) DO UPDATE SET hits = limits.windows.hits + 1
                RETURNING hits
                """,
                prepared: true
            ).scalar(Int.self) ?? 1
        guard hits > limit else { return .allowed }
        return .refused(retryAfter: max(1, Int((startsAt.addingTimeInterval(seconds).timeIntervalSince(now)).rounded(.up))))
    }

    /// Deletes windows that ended more than `olderThan` ago.
    /// - Returns: how many were deleted.
    @discardableResult
    public func prune(olderThan age: TimeInterval = 86_400) async throws -> Int {
        try await pool.execute("DELETE FROM limits.windows WHERE starts_at < \(clock.now().addingTimeInterval(-age))")
    }
}

/// Deletes rate-limit windows older than a day, every ten minutes, in every service (each delete
/// is small; several replicas doing it at once only find less to delete).
struct RateLimitJanitor: Service {
    let limiter: RateLimiter
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do { try await Task.sleep(for: .seconds(600)) } catch { return }
                do { try await limiter.prune() } catch { logger.warning("could not prune limits.windows", metadata: ["error": "\(error)"]) }
            }
        }
    }
}
