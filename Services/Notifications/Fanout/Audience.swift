import Foundation
import Models
import Postgres

/// Which residents a message goes to (each gets an inbox row, and an SMS if they opted in).
enum Audience: Sendable, Equatable {
    /// Nobody: the message is for group chats and systems only.
    case nobody
    /// Every resident of a compound.
    case compound(Int)
    /// The residents registered for an activity (one occurrence, or any) in these states, as the
    /// registrations stand when the message is made.
    case registered(activityID: Int, occurrence: Date?, statuses: [RegistrationStatus])
    /// These residents.
    case residents([Int])
    /// The heads serving a compound now.
    case heads(compoundID: Int)

    /// A query yielding one `resident_id` column.
    var sql: SQL? {
        switch self {
        case .nobody:
            nil
        case .compound(let compoundID):
            "SELECT id AS resident_id FROM notify.residents WHERE active AND compound_id = \(compoundID)"
        case .registered(let activityID, let occurrence, let statuses):
            """
            SELECT DISTINCT resident_id FROM notify.registrations
            WHERE activity_id = \(activityID) AND status = ANY (\(statuses.map(\.rawValue)))
              AND (\(occurrence)::timestamptz IS NULL OR occurrence_start = \(occurrence))
            """
        case .residents(let ids):
            "SELECT DISTINCT unnest(\(ids)::int8[]) AS resident_id"
        case .heads(let compoundID):
            "SELECT DISTINCT resident_id FROM notify.head_assignments WHERE active AND compound_id = \(compoundID)"
        }
    }
}

/// A message to make from something that happened: what it says, who gets it, and why (its source).
struct NewMessage: Sendable {
    /// Unique per cause (an event id, a reminder slot, a notice): a second attempt makes nothing new.
    var sourceKey: String
    var kind: MessageKind
    var compoundID: Int?
    var areaPath: [Int]
    var context: TemplateContext
    var link: String?
    var audience: Audience
    /// The compounds whose group chats get it at once (when the kind's group mode is immediate).
    var groupCompoundIDs: [Int]

    init(
        sourceKey: String,
        kind name: String,
        compoundID: Int?,
        areaPath: [Int] = [],
        context: TemplateContext,
        link: String? = nil,
        audience: Audience,
        groupCompoundIDs: [Int]? = nil
    ) {
        self.sourceKey = sourceKey
        self.kind = MessageKind.named(name) ?? MessageKind.named(MessageKind.notice)!
        self.compoundID = compoundID
        self.areaPath = areaPath
        self.context = context
        self.link = link
        self.audience = audience
        self.groupCompoundIDs = groupCompoundIDs ?? compoundID.map { [$0] } ?? []
    }
}
