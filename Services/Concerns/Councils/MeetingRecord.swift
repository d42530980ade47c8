import Foundation
import Models

/// A meeting as stored, with its compound's area path.
struct MeetingRecord: Decodable, Sendable {
    var id: Int
    var councilID: Int
    var compoundID: Int
    var areaPath: [Int]
    var title: String
    var venue: String?
    var startsAt: Date
    var endsAt: Date
    var state: MeetingState
    var heldAt: Date?
    var partiesPresent: [String]
    var quorumMet: Bool?
    var minutes: String?
    var revision: Int

    var summary: MeetingSummary {
        MeetingSummary(
            id: id,
            councilID: councilID,
            compoundID: compoundID,
            title: title,
            venue: venue,
            startsAt: startsAt,
            endsAt: endsAt,
            state: state,
            heldAt: heldAt,
            quorumMet: quorumMet,
            revision: revision
        )
    }
}
