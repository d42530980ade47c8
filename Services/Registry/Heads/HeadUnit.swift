import Foundation
import Hummingbird
import Models

/// A unit of the three-heads system: an area (片), a group (组) or a neighbour unit (邻).
struct HeadUnit: Codable, Sendable, Equatable, ResponseEncodable {
    var id: Int
    var compoundID: Int
    var level: HeadLevel
    var parentID: Int?
    var name: String
    var householdIDs: [Int]
    /// The open assignment, `nil` when the unit is vacant.
    var head: HeadOnDuty?
    /// Set when a neighbour unit links fewer than 5 or more than 15 households.
    var warning: String?
}

extension HeadLevel {
    /// The level of the unit a unit of this level sits in: a neighbour unit in a group, a group in
    /// an area; an area unit has no parent.
    var parentLevel: HeadLevel? {
        switch self {
        case .neighbour: .group
        case .group: .area
        default: nil
        }
    }
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

    static func warning(for count: Int, level: HeadLevel) -> String? {
        guard level == .neighbour, !recommended.contains(count) else { return nil }
        return "a neighbour head should link 5–15 households; this unit links \(count)"
    }
}

/// The body of `POST /v1/compounds/{id}/head-units`; `level` is checked with the name, so one answer names both.
struct NewUnit: Decodable, Sendable {
    var level: String
    var name: String
    var parentID: Int?
}

/// The body of `PUT /v1/head-units/{id}/households`.
struct UnitHouseholds: Decodable, Sendable { var householdIDs: [Int] }

/// The body of `POST /v1/head-units/{id}/assignments`: who, from when (today if absent), until when.
struct NewAssignment: Decodable, Sendable {
    var residentID: Int
    var startsOn: Date?
    var endsOn: Date?
}

/// The body of `POST /v1/head-assignments/{id}/end`: the last day (today if absent).
struct AssignmentEnding: Decodable, Sendable { var endedOn: Date? }
