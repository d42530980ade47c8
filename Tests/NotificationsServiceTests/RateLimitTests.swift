import Foundation
import JobQueue
import LinliTestSupport
import Models
import Postgres
import Processes
import ServiceKit
import ServiceTestSupport
import Testing

@testable import NotificationsService

@Suite("The robot rate limit holds across processes")
struct RateLimitTests {
    /// Two `linli-notifications` processes send 50 messages to one robot, limited to 20 per 3-second
    /// window (the 20-per-minute limit with its window scaled down so the test takes seconds).
    @Test func twoWorkerProcessesNeverExceedTheLimitOfOneRobot() async throws {
        let window = 3.0
        let env = try await NotificationsTestEnvironment.make(settings: ["LINLI_NOTIFICATIONS_ROBOT_WINDOW_SECONDS": "\(Int(window))"])
        let robot = try await FakeHTTPServer.start()
        try await env.withWorker {
            try await env.seedCompound(6, name: "枫林小区", residents: [401], chatID: 16, robot: robot.robotURL(key: "busy"))
        }
        // 50 council notices to the one group, made before any worker runs so both processes race for them.
        try await env.runtime.jobs.withTransaction { tx, outbox in
            for number in 1...50 {
                let event = CouncilMeetingScheduled(
                    meetingID: number,
                    councilID: 1,
                    compoundID: 6,
                    areaPath: [1, 2, 16],
                    title: "议题\(number)",
                    venue: nil,
                    startsAt: Date().addingTimeInterval(86_400),
                    endsAt: Date().addingTimeInterval(90_000),
                    agenda: [],
                    revision: 1
                )
                try env.service.fanout.make(env.service.composer.councilScheduled(event), on: tx, outbox: outbox)
            }
        }
        let processes = try (0..<2).map { number in try WorkerProcess.start(database: env.environment.database, number: number, window: window) }
        defer { for process in processes { process.child.send(SIGKILL) } }
        try await env.waitUntil("the robot received all 50", seconds: 60) { robot.received.count == 50 }
        for process in processes { _ = await process.stop() }

        let arrivals = robot.received.map(\.at).sorted()
        let busiest = arrivals.indices.map { index in arrivals[index...].prefix { $0.timeIntervalSince(arrivals[index]) < window }.count }.max() ?? 0
        #expect(busiest <= 20)
        #expect(busiest == 20)  // the limit was reached, so it was what held the sends back
        let senders = try await env.count("SELECT count(DISTINCT sent_by) FROM notify.deliveries WHERE channel = 'wecom-robot' AND status = 'sent'")
        #expect(senders == 2)
        #expect(try await env.count("SELECT count(*) FROM notify.deliveries WHERE channel = 'wecom-robot' AND status = 'sent'") == 50)
        await robot.stop()
    }
}

/// A `linli-notifications` process on the test database.
struct WorkerProcess {
    let child: ChildProcess

    static func start(database: TestDatabase, number: Int, window: Double) throws -> WorkerProcess {
        let path = try BuiltProducts.path("linli-notifications")
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("linli-notifications-\(UUID().uuidString).log").path
        let child = try ChildProcess.spawn(
            path,
            [],
            environment: [
                "LINLI_DATABASE_URL": database.configuration().connectionString,
                "LINLI_HTTP_PORT": "0", "LINLI_LOG_LEVEL": "error", "LINLI_WORKER_CONCURRENCY": "4", "LINLI_DATABASE_POOL_SIZE": "4",
                "LINLI_NOTIFICATIONS_QUIET_HOURS": "off", "LINLI_NOTIFICATIONS_ROBOT_WINDOW_SECONDS": "\(Int(window))",
                "LINLI_NOTIFICATIONS_RETRY_BASE_MS": "100",
            ],
            outputPath: log
        )
        return WorkerProcess(child: child)
    }

    @discardableResult
    func stop() async -> Int32 {
        child.send(SIGTERM)
        return await child.wait()
    }
}
