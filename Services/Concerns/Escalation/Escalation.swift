import Foundation
import JobQueue
import Models
import Postgres

/// Escalates what is overdue: every unsettled concern past its expected date and every unfinished
/// action item past its due date publishes `action.overdue` (notifications tell the owner party and
/// the community office; analytics count it), then again every ``ConcernsConfiguration/escalationInterval``
/// up to ``ConcernsConfiguration/maxEscalations`` times.
///
/// Idempotent per escalation level: a row's escalation count goes up in the transaction that
/// publishes the event whose id carries that count, rows are taken with `FOR UPDATE SKIP LOCKED`,
/// and the next escalation is due an interval after this run — so a rerun, a second replica or a
/// retry after a crash publishes each level once, and a run after downtime does not fire several
/// levels at once.
struct Escalation: Sendable {
    let jobs: JobQueue
    let configuration: ConcernsConfiguration

    /// Escalates everything due at `now`, in batches of one transaction each.
    func run(now: Date, correlationID: String? = nil) async throws -> EscalationReport {
        var report = EscalationReport()
        for subject in ["concern", "action-item"] {
            while true {
                let count = try await jobs.withTransaction { tx, outbox in
                    let rows = try escalate(subject, now: now, on: tx)
                    try outbox.publish(rows.map { $0.event(subject: subject) }, correlationID: correlationID, on: tx)
                    return rows.count
                }
                report.batches += 1
                if subject == "concern" { report.concerns += count } else { report.actionItems += count }
                if count < configuration.escalationBatch { break }
            }
        }
        return report
    }

    /// Takes one batch of due rows and moves each to its next escalation.
    private func escalate(_ subject: String, now: Date, on tx: isolated PostgresConnection) throws -> [OverdueRow] {
        try tx.query(statement(subject, now: now)).decode(OverdueRow.self)
    }

    /// The escalation of one batch: the due rows are picked once (a `MATERIALIZED` CTE, so a rescan
    /// can never pick others), then each is moved on.
    func statement(_ subject: String, now: Date) -> SQL {
        let (limit, interval, maximum) = (configuration.escalationBatch, configuration.escalationInterval, configuration.maxEscalations)
        return subject == "concern"
            ? """
            WITH due AS MATERIALIZED (
                SELECT id FROM concerns.concerns WHERE next_escalation_at <= \(now)
                ORDER BY next_escalation_at LIMIT \(limit) \(RowLock.updateSkipLocked)
            )
            UPDATE concerns.concerns c SET
                escalations = c.escalations + 1,
                next_escalation_at = CASE WHEN c.escalations + 1 - c.escalation_base >= \(maximum) THEN NULL
                                          ELSE \(now)::timestamptz + make_interval(secs => \(interval)) END
            FROM due WHERE c.id = due.id
            RETURNING c.id, c.compound_id, c.area_path, c.owner_party, c.title, c.expected_by AS due_at, c.escalations - 1 AS escalation
            """
            : """
            WITH due AS MATERIALIZED (
                SELECT id FROM concerns.action_items WHERE next_escalation_at <= \(now)
                ORDER BY next_escalation_at LIMIT \(limit) \(RowLock.updateSkipLocked)
            )
            UPDATE concerns.action_items a SET
                escalations = a.escalations + 1,
                next_escalation_at = CASE WHEN a.escalations + 1 >= \(maximum) THEN NULL
                                          ELSE \(now)::timestamptz + make_interval(secs => \(interval)) END
            FROM due WHERE a.id = due.id
            RETURNING a.id, a.compound_id, a.area_path, a.owner_party, a.title, a.due_at, a.escalations - 1 AS escalation
            """
    }
}
