/// How a resident came to an activity: signed up themselves, by a head on their behalf, walked in,
/// or entered afterwards from a paper roster.
public struct AttendanceChannel: RawRepresentable, Codable, Hashable, Sendable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let selfService = AttendanceChannel(rawValue: "self")
    public static let proxy = AttendanceChannel(rawValue: "proxy")
    public static let walkIn = AttendanceChannel(rawValue: "walk-in")
    public static let paper = AttendanceChannel(rawValue: "paper")
    public static let all: [AttendanceChannel] = [.selfService, .proxy, .walkIn, .paper]
}

/// The level of a head in the three-heads system (片长, 组长, 邻长).
public struct HeadLevel: RawRepresentable, Codable, Hashable, Sendable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let area = HeadLevel(rawValue: "area")
    public static let group = HeadLevel(rawValue: "group")
    public static let neighbour = HeadLevel(rawValue: "neighbour")
    public static let all: [HeadLevel] = [.area, .group, .neighbour]
}

/// One of the four parties of a four-party council (四方议事会).
public struct CouncilParty: RawRepresentable, Codable, Hashable, Sendable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let partyBranch = CouncilParty(rawValue: "party-branch")
    public static let ownersCommittee = CouncilParty(rawValue: "owners-committee")
    public static let propertyCompany = CouncilParty(rawValue: "property-company")
    public static let residentRepresentatives = CouncilParty(rawValue: "resident-representatives")
    public static let all: [CouncilParty] = [.partyBranch, .ownersCommittee, .propertyCompany, .residentRepresentatives]
}

/// Where a place sits: the area ids from the city down to the community, the grid, the compound.
public struct Placement: Codable, Hashable, Sendable {
    /// Area ids from the city down to the community (市 → 区 → 街道 → 社区).
    public var areaPath: [Int]
    public var compoundID: Int
    public var gridID: Int?
    public var buildingID: Int?
    public var householdID: Int?

    public init(areaPath: [Int], compoundID: Int, gridID: Int? = nil, buildingID: Int? = nil, householdID: Int? = nil) {
        self.areaPath = areaPath
        self.compoundID = compoundID
        self.gridID = gridID
        self.buildingID = buildingID
        self.householdID = householdID
    }
}
