import Foundation
import Hummingbird

/// A concern as one caller may see it: fields beyond their ``ConcernAccess`` are left out.
struct ConcernView: Codable, Sendable, ResponseEncodable {
    var id: Int
    var compoundID: Int
    var category: String
    var source: String
    var title: String
    var state: String
    var ownerParty: String?
    var expectedBy: Date
    var raisedAt: Date
    var updatedAt: Date
    var acknowledgedAt: Date?
    var settledAt: Date?
    var closedAt: Date?
    var meTooCount: Int
    var revision: Int
    /// What the caller sees: `public`, `own`, `owner` or `staff`.
    var access: String
    var updates: [ConcernUpdateRecord]
    // The concern's own side.
    var description: String?
    var photos: [String]?
    var buildingID: Int?
    var householdID: Int?
    var reporter: Reporter?
    var confirmedAt: Date?
    var reopenCount: Int?
    /// Until when the reporter may reopen it (settled and not yet confirmed).
    var reopenableUntil: Date?
    // Staff only.
    var raisedBy: String?
    var escalations: Int?

    init(_ record: ConcernRecord, access: ConcernAccess, updates: [ConcernUpdateRecord], reporter: Reporter?, reopenWindow: TimeInterval) {
        id = record.id
        compoundID = record.compoundID
        category = record.category
        source = record.source
        title = record.title
        state = record.stateName
        ownerParty = record.ownerPartyName
        expectedBy = record.expectedBy
        raisedAt = record.raisedAt
        updatedAt = record.updatedAt
        acknowledgedAt = record.acknowledgedAt
        settledAt = record.state == .settled ? record.settledAt : nil
        closedAt = record.closedAt
        meTooCount = record.meTooCount
        revision = record.revision
        self.access =
            switch access {
            case .none, .publicView: "public"
            case .own: "own"
            case .owner: "owner"
            case .staff: "staff"
            }
        self.updates = updates
        guard access >= .own else { return }
        description = record.description
        photos = record.photos
        buildingID = record.buildingID
        householdID = record.householdID
        self.reporter = reporter
        confirmedAt = record.confirmedAt
        reopenCount = record.reopenCount
        if record.state == .settled, record.confirmedAt == nil, let settled = record.settledAt {
            reopenableUntil = settled.addingTimeInterval(reopenWindow)
        }
        guard access == .staff else { return }
        raisedBy = record.raisedBy
        escalations = record.escalations
    }
}

/// A concern in a list: what every caller who sees the concern at all may see.
struct ConcernListItem: Codable, Sendable, Equatable {
    var id: Int
    var compoundID: Int
    var category: String
    var source: String
    var title: String
    var state: String
    var ownerParty: String?
    var expectedBy: Date
    var raisedAt: Date
    var updatedAt: Date
    var meTooCount: Int

    static let columns = """
        id, compound_id, category, source, title, state, owner_party, expected_by, raised_at, updated_at, me_too_count
        """
}
