import Foundation
import Models

/// A generated city: its places and people and what happened in it, consistent with each other.
///
/// Tests publish its ``events()`` through the queue and compute the expected figures from these
/// records by hand; the benchmark loads a city-scale one with COPY (``CityLoader``).
public struct City: Sendable {
    public struct Compound: Sendable {
        public let id: Int
        public let name: String
        public let areaPath: [Int]
        public let gridID: Int
        public let hasBranch: Bool
        public let hasGroupChat: Bool
        public let hasRobot: Bool
    }

    public struct Household: Sendable {
        public let id: Int
        public let compoundID: Int
        public let buildingID: Int
    }

    public struct Resident: Sendable {
        public let id: Int
        public let householdID: Int
        public let birthYear: Int?
    }

    /// A resident who moved to another household (and compound) at a time.
    public struct Move: Sendable {
        public let residentID: Int
        public let toHouseholdID: Int
        public let at: Date
    }

    public struct Head: Sendable {
        public let assignmentID: Int
        public let residentID: Int
        public let compoundID: Int
        public let householdIDs: [Int]
        public let vacated: Bool
    }

    public struct Theme: Sendable {
        public let id: Int
        public let month: String
        public let title: String
    }

    public struct Activity: Sendable {
        public let id: Int
        public let compoundID: Int
        public let themeID: Int?
        public let start: Date
    }

    public struct Attendance: Sendable {
        public let id: Int
        public let activityID: Int
        public let start: Date
        public let themeID: Int?
        public let residentID: Int
        public let placement: Placement
        public let channel: AttendanceChannel
        public let hours: Double
        public let points: Int
    }

    /// A sign-up: confirmed, or waitlisted and then promoted; possibly cancelled later.
    public struct Registration: Sendable {
        public let id: Int
        public let activityID: Int
        public let start: Date
        public let residentID: Int
        public let channel: AttendanceChannel
        public let promoted: Bool
        public let cancelled: Bool
    }

    public struct Concern: Sendable {
        public let id: Int
        public let placement: Placement
        public let raisedAt: Date
        public let settledAt: Date?
        public let reopenedAt: Date?
    }

    public struct Meeting: Sendable {
        public let id: Int
        public let compoundID: Int
        public let heldAt: Date
    }

    public struct Delivery: Sendable {
        public let id: Int
        public let compoundID: Int?
        public let channel: String
        public let sent: Bool
        public let at: Date
    }

    public struct PointsEntry: Sendable {
        public let id: Int
        public let residentID: Int
        public let compoundID: Int
        public let delta: Int
        public let balance: Int
        public let starLevel: Int
        public let at: Date
    }

    public struct MemberCheckIn: Sendable {
        public let id: Int
        public let residentID: Int
        public let compoundID: Int
        public let at: Date
    }

    public var compounds: [Compound] = []
    public var households: [Household] = []
    public var residents: [Resident] = []
    public var moves: [Move] = []
    public var heads: [Head] = []
    public var themes: [Theme] = []
    public var activities: [Activity] = []
    public var attendances: [Attendance] = []
    public var registrations: [Registration] = []
    public var concerns: [Concern] = []
    public var meetings: [Meeting] = []
    public var deliveries: [Delivery] = []
    public var points: [PointsEntry] = []
    public var memberCheckIns: [MemberCheckIn] = []
    /// The first instant of the generated months and the instant after the last one.
    public var start = Date()
    public var end = Date()

    /// The area path of a compound.
    public func compound(_ id: Int) -> Compound { compounds[id - 1] }

    /// Where a resident lived at a moment (after any move made by then).
    public func placement(of residentID: Int, at date: Date) -> Placement {
        let resident = residents[residentID - 1]
        let householdID = moves.last { $0.residentID == residentID && $0.at <= date }?.toHouseholdID ?? resident.householdID
        return placement(household: householdID)
    }

    /// The placement of a household.
    public func placement(household id: Int) -> Placement {
        let household = households[id - 1]
        let compound = compound(household.compoundID)
        return Placement(
            areaPath: compound.areaPath,
            compoundID: compound.id,
            gridID: compound.gridID,
            buildingID: household.buildingID,
            householdID: household.id
        )
    }

    /// Star levels from lifelong balances.
    public static func starLevel(balance: Int) -> Int {
        switch balance {
        case ..<50: 0
        case 50..<150: 1
        case 150..<300: 2
        case 300..<600: 3
        case 600..<1_000: 4
        default: 5
        }
    }
}
