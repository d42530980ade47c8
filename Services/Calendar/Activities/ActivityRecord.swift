import Foundation
import Hummingbird

/// An activity as stored: its place in the city, its fields, and where it stands in its life.
struct ActivityRecord: Sendable, Equatable {
    var id: Int
    var uid: String
    var compoundID: Int
    var areaPath: [Int]
    var kind: ActivityKind
    var themeID: Int?
    var councilMeetingID: Int?
    var councilRevision: Int?
    var splitFrom: Int?
    var fields: ActivityFields
    /// The chosen venue and room as a label, e.g. `枫林小区党群服务站 · 二楼活动室`.
    var venueLabel: String?
    var timeZone: String
    var state: ActivityState
    var sequence: Int
    var revision: Int
    var cancelReason: String?
    var createdBy: String
    var updatedAt: Date

    static let columns = """
        id, uid, compound_id, area_path, kind, theme_id, council_meeting_id, council_revision, split_from,
        venue_label, time_zone, state, sequence, revision, cancel_reason, created_by, updated_at,
        \(ActivityFields.columns)
        """

    var isPublished: Bool { state == .published }

    /// Where it happens, for feeds and events: the free text, else the venue.
    var place: String? {
        [venueLabel, fields.location].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ").nilIfEmpty
    }
}

extension ActivityRecord: Decodable {
    private enum CodingKeys: String, CodingKey {
        case id, uid, compoundID, areaPath, kind, themeID, councilMeetingID, councilRevision, splitFrom
        case venueLabel, timeZone, state, sequence, revision, cancelReason, createdBy, updatedAt
    }

    /// Reads the record's own columns, then its fields from the same row.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        uid = try container.decode(String.self, forKey: .uid)
        compoundID = try container.decode(Int.self, forKey: .compoundID)
        areaPath = try container.decode([Int].self, forKey: .areaPath)
        kind = try container.decode(ActivityKind.self, forKey: .kind)
        themeID = try container.decodeIfPresent(Int.self, forKey: .themeID)
        councilMeetingID = try container.decodeIfPresent(Int.self, forKey: .councilMeetingID)
        councilRevision = try container.decodeIfPresent(Int.self, forKey: .councilRevision)
        splitFrom = try container.decodeIfPresent(Int.self, forKey: .splitFrom)
        venueLabel = try container.decodeIfPresent(String.self, forKey: .venueLabel)
        timeZone = try container.decode(String.self, forKey: .timeZone)
        state = try container.decode(ActivityState.self, forKey: .state)
        sequence = try container.decode(Int.self, forKey: .sequence)
        revision = try container.decode(Int.self, forKey: .revision)
        cancelReason = try container.decodeIfPresent(String.self, forKey: .cancelReason)
        createdBy = try container.decode(String.self, forKey: .createdBy)
        updatedAt = try container.decode(Date.self, forKey: .updatedAt)
        fields = try ActivityFields(from: decoder)
    }
}

/// An activity as a client sees it: the record flattened, with its link.
struct ActivityView: Encodable, Sendable, ResponseEncodable {
    let record: ActivityRecord
    let link: String

    private enum CodingKeys: String, CodingKey {
        case id, uid, compoundID, areaPath, kind, themeID, councilMeetingID, splitFrom, venueLabel, timeZone, state
        case sequence, revision, cancelReason, link
    }

    func encode(to encoder: any Encoder) throws {
        try record.fields.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(record.id, forKey: .id)
        try container.encode(record.uid, forKey: .uid)
        try container.encode(record.compoundID, forKey: .compoundID)
        try container.encode(record.areaPath, forKey: .areaPath)
        try container.encode(record.kind, forKey: .kind)
        try container.encodeIfPresent(record.themeID, forKey: .themeID)
        try container.encodeIfPresent(record.councilMeetingID, forKey: .councilMeetingID)
        try container.encodeIfPresent(record.splitFrom, forKey: .splitFrom)
        try container.encodeIfPresent(record.venueLabel, forKey: .venueLabel)
        try container.encode(record.timeZone, forKey: .timeZone)
        try container.encode(record.state, forKey: .state)
        try container.encode(record.sequence, forKey: .sequence)
        try container.encode(record.revision, forKey: .revision)
        try container.encodeIfPresent(record.cancelReason, forKey: .cancelReason)
        try container.encode(link, forKey: .link)
    }
}

extension String {
    /// `nil` for the empty string.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
