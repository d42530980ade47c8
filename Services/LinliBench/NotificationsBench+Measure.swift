import Foundation
import NotificationsService

extension NotificationsBench {
    func measure(_ context: NotificationsBenchContext, configuration: NotificationsConfiguration, report: inout BenchReport) async throws {
        var json: [String: Double] = [:]
        // (a) activity.published to 3,000 households.
        var results: [(inbox: Double, robot: Double)] = []
        for round in 1...rounds { results.append(try await context.publishActivity(round)) }
        let inbox = results.map(\.inbox).sorted()
        let median = inbox[inbox.count / 2]
        json["activity_inbox_seconds_median"] = median
        json["activity_inbox_seconds_max"] = inbox.last
        report.rows.append([
            "(a) `activity.published` to \(formatRate(Double(households))) households: publish → all inbox rows committed",
            "median \(Self.seconds(median)) (runs: \(results.map { Self.seconds($0.inbox) }.joined(separator: ", ")))",
            "target ≤ 2 s: \(median <= 2 ? "met" : "NOT met")",
        ])
        report.rows.append([
            "(a) publish → the group robot received its message", results.map { Self.seconds($0.robot) }.joined(separator: ", "),
            "sent after the fan-out commits, through the delivery job",
        ])
        // (b) a city-wide notice to every compound group.
        let before = context.robot.count
        let start = Date()
        let notice = try await context.service.sendNotice(
            title: "全市通知",
            body: "本周六上午全市开展幸福邻里节，请各小区做好准备。",
            compoundIDs: Array(1...compounds),
            key: "bench-\(UUID().uuidString)"
        )
        try await context.waitForArrivals(before + notice.robotMessages, since: start, limit: 900)
        let arrivals = context.robot.arrivals.suffix(notice.robotMessages).map { $0.at.timeIntervalSince(start) }.sorted()
        let elapsed = arrivals.last ?? 0
        json["notice_robots"] = Double(notice.robotMessages)
        json["notice_all_sent_seconds"] = elapsed
        json["notice_messages_per_second"] = Double(notice.robotMessages) / max(elapsed, 0.001)
        report.rows.append([
            "(b) notice to \(formatRate(Double(compounds))) compound groups, one robot each: schedule the limit implies",
            "all at once (1 message per robot ≤ \(configuration.robotLimit) per \(Int(configuration.robotWindow)) s)", "",
        ])
        report.rows.append([
            "(b) … what happened: first / median / last arrival",
            "\(Self.seconds(arrivals.first ?? 0)) / \(Self.seconds(arrivals[arrivals.count / 2])) / \(Self.seconds(elapsed)) (\(formatRate(json["notice_messages_per_second"] ?? 0)) messages/s)",
            "sending throughput: each delivery is ~8 statements (load, rate-limit reservation, answer, end + event) and one HTTP call",
        ])
        // (c) a burst to one robot.
        let burstStart = Date()
        let burstBefore = context.robot.count
        for number in 1...burst {
            _ = try await context.service.sendNotice(
                title: "通知\(number)",
                body: "第\(number)条",
                compoundIDs: [compounds + 1],
                key: "burst-\(number)-\(UUID().uuidString)"
            )
        }
        try await context.waitForArrivals(burstBefore + burst, since: burstStart, limit: 900)
        let robot2 = context.robot.arrivals.filter { $0.key == "robot-\(compounds + 1)" }.map { $0.at.timeIntervalSince(burstStart) }.sorted().suffix(
            burst
        )
        let offsets = Array(robot2)
        let window = configuration.robotWindow
        let implied = (0..<burst).map { Double($0 / configuration.robotLimit) * window }
        let busiest = context.busiestWindow(seconds: window)
        json["burst_last_arrival_seconds"] = offsets.last
        json["burst_implied_last_seconds"] = implied.last
        json["busiest_robot_window"] = Double(busiest)
        let marks = [
            1, configuration.robotLimit, configuration.robotLimit + 1, 2 * configuration.robotLimit, 2 * configuration.robotLimit + 1, burst,
        ]
        .filter { $0 <= burst }
        report.rows.append([
            "(c) \(burst) messages at once to one robot: earliest arrivals the limit allows (message \(marks.map(String.init).joined(separator: ", ")))",
            marks.map { Self.seconds(implied[$0 - 1]) }.joined(separator: ", "), "\(configuration.robotLimit) per \(Int(window)) s",
        ])
        report.rows.append([
            "(c) … what happened", marks.map { Self.seconds(offsets[$0 - 1]) }.joined(separator: ", "),
            "a send counts until its answer arrives, so each later batch starts a little after the window",
        ])
        report.rows.append([
            "most messages any robot received within \(Int(window)) s, over the whole run", "\(busiest)",
            "limit \(configuration.robotLimit): \(busiest <= configuration.robotLimit ? "held" : "EXCEEDED")",
        ])
        report.notes.append(
            "The robot is a stand-in on loopback (answers errcode 0 at once), so (b) and (c) measure this service, not WeCom. async-http-client's shared client keeps at most 8 connections per host, as it would to WeCom's one host. The worker runs in the benchmark's process with the service's defaults (16 handlers at once, quiet hours off); PostgreSQL runs with durable settings on the same 2 cores."
        )
        report.json = json
    }

    static func seconds(_ value: Double) -> String { String(format: "%.2f s", value) }
}
