import Foundation
import JobQueue
import Models
import NotificationsService
import Postgres
import ServiceKit

/// The measurements behind `linli-bench notifications`, on one runtime whose worker runs in this process.
struct NotificationsBenchContext {
    let runtime: LinliRuntime
    let service: NotificationsService
    let robot: BenchRobot
    let households: Int
    let compounds: Int

    var pool: PostgresPool { runtime.pool }

    /// Compounds with a group chat and a robot each (all on the loopback stand-in; one more than the
    /// notice goes to, for the burst), and the households of compound 1.
    func seed() async throws {
        let base = "http://127.0.0.1:\(robot.port)/cgi-bin/webhook/send?key=robot-"
        try await pool.withTransaction { tx in
            try tx.execute(
                """
                INSERT INTO notify.compounds (id, name, area_path, revision)
                SELECT g, '小区' || g, ARRAY[1, 2 + g % 9, 100 + g]::int8[], 1 FROM generate_series(1, \(compounds + 1)) g
                """
            )
            try tx.execute(
                """
                INSERT INTO notify.group_chats (id, compound_id, name, robot_webhook, revision)
                SELECT g, g, '小区' || g || '邻里群', \(base) || g, 1 FROM generate_series(1, \(compounds + 1)) g
                """
            )
            try tx.execute(
                """
                INSERT INTO notify.residents (id, name, compound_id, household_id, area_path, active, revision)
                SELECT g, '居民' || g, 1, g, ARRAY[1, 3, 101]::int8[], true, 1 FROM generate_series(1, \(households)) g
                """
            )
        }
        try await pool.execute("VACUUM ANALYZE notify.residents")
        // Analytics subscribes to deliveries ending, as in production: each inbox row publishes one event.
        try await runtime.jobs.subscribe(queue: "analytics", to: [NotificationDelivered.topic])
    }

    /// One `activity.published` to compound 1: seconds until every inbox row exists, and until the robot got its message.
    func publishActivity(_ id: Int) async throws -> (inbox: Double, robot: Double) {
        let start = Date()
        let activity = ActivitySummary(
            activityID: id,
            compoundID: 1,
            areaPath: [1, 3, 101],
            themeID: nil,
            title: "幸福邻里节·百家宴 \(id)",
            venue: "党群服务站",
            startsAt: start.addingTimeInterval(86_400 * 3),
            endsAt: start.addingTimeInterval(86_400 * 3 + 7_200),
            recurrence: nil,
            capacity: 200,
            link: "https://linli.example/a/\(id)",
            points: 5
        )
        let event = ActivityPublished(activity: activity, revision: 1)
        let robotBefore = robot.arrivals.count { $0.key == "robot-1" }
        try await runtime.jobs.publish(event)
        var inbox: Double?
        while inbox == nil || robot.arrivals.count(where: { $0.key == "robot-1" }) == robotBefore {
            if inbox == nil {
                let made = try await pool.query(
                    """
                    SELECT count(*) FROM notify.deliveries d JOIN notify.messages m ON m.id = d.message_id
                    WHERE m.source_key = \(event.eventID) AND d.channel = 'inbox'
                    """
                ).scalar(Int.self)
                if made == households { inbox = Date().timeIntervalSince(start) }
            }
            try await Task.sleep(for: .milliseconds(5))
            guard Date().timeIntervalSince(start) < 120 else { throw BenchFailure("activity \(id) was not delivered in 120 s") }
        }
        let robotAt = robot.arrivals.filter { $0.key == "robot-1" }.map(\.at).max() ?? Date()
        return (inbox ?? 0, robotAt.timeIntervalSince(start))
    }

    /// Waits until the robot stand-in has received `total` messages in all.
    func waitForArrivals(_ total: Int, since start: Date, limit: Double) async throws {
        while robot.count < total {
            guard Date().timeIntervalSince(start) < limit else { throw BenchFailure("only \(robot.count) of \(total) robot messages arrived") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// The most messages any robot received within one window, over every arrival so far.
    func busiestWindow(seconds window: Double) -> Int {
        let byRobot = Dictionary(grouping: robot.arrivals, by: \.key).mapValues { $0.map(\.at).sorted() }
        return byRobot.values.map { times in
            times.indices.map { index in times[index...].prefix { $0.timeIntervalSince(times[index]) < window }.count }.max() ?? 0
        }.max() ?? 0
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
