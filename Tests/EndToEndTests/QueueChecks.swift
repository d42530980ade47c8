import Foundation
import Postgres

/// What the tests read from the queue as the schema owner.
extension SystemUnderTest {
    /// Jobs that are due and not finished: ready, running, failed and waiting to retry, or scheduled
    /// for a time that has come. (Periodic jobs and rate-limited robot messages scheduled for later
    /// are not due.)
    func unfinishedDueJobs() async throws -> Int {
        try await count(
            """
            SELECT count(*) FROM queue.jobs
            WHERE state IN ('available', 'running', 'retryable') OR (state = 'scheduled' AND run_at <= now())
            """
        )
    }

    /// Waits until every due job has run (seen twice in a row, so a job's follow-ups are counted too).
    func waitForQuietQueue(_ what: String) async throws {
        var quietOnce = false
        try await Waiting.until("the queue to go quiet (\(what))") {
            let quiet = try await unfinishedDueJobs() == 0
            defer { quietOnce = quiet }
            return quiet && quietOnce
        }
    }

    /// Dead letters: jobs discarded after their last attempt (or unknown to every worker).
    func discardedJobs() async throws -> [String] {
        let rows = try await owner.query(
            "SELECT kind || ' on ' || queue || ': ' || errors::text AS line FROM queue.finished WHERE state = 'discarded' ORDER BY id"
        )
        return try rows.column("line", as: String.self)
    }

    /// Jobs that ended in any state other than completed (discarded or cancelled).
    func jobsNotCompleted() async throws -> Int {
        try await count("SELECT count(*) FROM queue.finished WHERE state <> 'completed'")
    }
}
