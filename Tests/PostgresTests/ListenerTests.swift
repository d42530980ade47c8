import Foundation
import LinliTestSupport
import Logging
import Postgres
import Testing

@Suite("The listener delivers notifications and survives a lost session")
struct ListenerTests {
    let database: TestDatabase

    init() async throws {
        database = try await TestDatabase.make("listener")
    }

    /// Reads events until one matches, or fails after the timeout.
    func next(
        _ iterator: inout AsyncStream<PostgresListener.Event>.Iterator,
        timeout: Duration = .seconds(15),
        where matches: (PostgresListener.Event) -> Bool
    ) async throws -> PostgresListener.Event {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard let event = await iterator.next() else { break }
            if matches(event) { return event }
        }
        throw TestSupportError("no matching listener event")
    }

    @Test func notifyReachesTheListenerAndItRecoversAfterTermination() async throws {
        var connection = database.configuration()
        connection.applicationName = "listener-under-test"
        let listener = PostgresListener(
            configuration: .init(
                connection: connection,
                channels: ["linli_test"],
                probeInterval: .milliseconds(300),
                probeTimeout: .seconds(2)
            ),
            logger: Logger(label: "test.listener")
        )
        let running = Task { try await listener.run() }
        var events = listener.events.makeAsyncIterator()
        _ = try await next(&events) { $0 == .connected(reconnected: false) }

        let pool = database.makePool(maxConnections: 2)
        try await pool.execute("SELECT pg_notify('linli_test', \("你好"))")
        let first = try await next(&events) { if case .notification = $0 { true } else { false } }
        guard case .notification(let notification) = first else { return }
        #expect(notification.channel == "linli_test")
        #expect(notification.payload == "你好")

        let backends = try await pool.query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'listener-under-test'"
        )
        #expect(backends.rowCount >= 1)
        _ = try await next(&events) { $0 == .connected(reconnected: true) }

        try await pool.execute("SELECT pg_notify('linli_test', 'after')")
        let second = try await next(&events) { if case .notification = $0 { true } else { false } }
        if case .notification(let notification) = second { #expect(notification.payload == "after") }
        listener.stop()
        try await running.value
        await pool.shutdown()
    }
}
