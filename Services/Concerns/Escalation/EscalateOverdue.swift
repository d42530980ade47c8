import Foundation
import JobQueue
import Models

/// The periodic job that escalates overdue concerns and action items (the service's own job, on its own queue).
public struct EscalateOverdue: JobPayload, Equatable {
    public static let kind = "concerns.escalate-overdue"
    /// The schedule's slot that enqueued it.
    public var slot: Date

    /// A job for one slot.
    public init(slot: Date) { self.slot = slot }
}

/// What one run of the escalation did.
public struct EscalationReport: Sendable, Equatable {
    /// `action.overdue` events published for concerns.
    public var concerns = 0
    /// `action.overdue` events published for action items.
    public var actionItems = 0
    /// Transactions it took.
    public var batches = 0

    /// An empty report.
    public init() {}
}

/// One overdue thing about to be escalated, as the escalation statement returns it.
struct OverdueRow: Decodable, Sendable {
    var id: Int
    var compoundID: Int
    var areaPath: [Int]
    var ownerParty: String?
    var title: String
    var dueAt: Date
    var escalation: Int

    func event(subject: String) -> ActionOverdue {
        ActionOverdue(
            subject: subject,
            subjectID: id,
            compoundID: compoundID,
            areaPath: areaPath,
            ownerParty: ownerParty.map(CouncilParty.init(rawValue:)),
            title: title,
            dueAt: dueAt,
            escalation: escalation
        )
    }
}
