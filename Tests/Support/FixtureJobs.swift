import Foundation
import Models

/// A job the queue tests run in real worker processes: optionally waits, then records its effect
/// in `fixture_effects` inside the job's own transaction, so effects can be counted exactly.
public struct FixtureEffect: JobPayload, Equatable {
    public static let kind = "fixture.effect"
    /// A label the test counts effects by.
    public var key: String
    /// How long the handler waits before writing its effect.
    public var sleepMilliseconds: Int

    public init(key: String, sleepMilliseconds: Int = 0) {
        self.key = key
        self.sleepMilliseconds = sleepMilliseconds
    }

    /// The table the effects go to.
    public static let createTable =
        "CREATE TABLE IF NOT EXISTS fixture_effects (key text NOT NULL, job_id int8 NOT NULL, attempt int NOT NULL, pid int NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())"
}
