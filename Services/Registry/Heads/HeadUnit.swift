import Foundation
import Hummingbird

/// A unit of the three-heads system: an area (片), a group (组) or a neighbour unit (邻).
struct HeadUnit: Codable, Sendable, Equatable, ResponseEncodable {
    var id: Int
    var compoundID: Int
    var level: String
    var parentID: Int?
    var name: String
    var householdIDs: [Int]
    /// The open assignment, `nil` when the unit is vacant.
    var head: HeadOnDuty?
    /// Set when a neighbour unit links fewer than 5 or more than 15 households.
    var warning: String?
}

/// The head currently assigned to a unit.
struct HeadOnDuty: Codable, Sendable, Equatable {
    var assignmentID: Int
    var residentID: Int
    var name: String
    var startsOn: Date
    var endsOn: Date?
}

/// How well a compound's households are covered by neighbour heads.
struct Coverage: Codable, Sendable, Equatable, ResponseEncodable {
    var compoundID: Int
    var households: Int
    var withActiveHead: Int
    var withoutHead: Int
    var vacantUnits: [Int]
    var unitsOutsideSpan: [Int]
}

/// The span a neighbour head should cover, and the most the registry accepts.
enum NeighbourSpan {
    static let recommended = 5...15
    static let maximum = 30

    static func warning(for count: Int, level: String) -> String? {
        guard level == "neighbour", !recommended.contains(count) else { return nil }
        return "a neighbour head should link 5–15 households; this unit links \(count)"
    }
}
