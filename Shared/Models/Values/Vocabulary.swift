/// How a resident came to an activity: signed up themselves, by a head on their behalf, walked in,
/// or entered afterwards from a paper roster.
public struct AttendanceChannel: RawRepresentable, Codable, Hashable, Sendable {
    /// The text on the wire and in the database: `self`, `proxy`, `walk-in` or `paper`.
    public let rawValue: String
    /// A channel from its text; the value is not checked here (readers of requests check it).
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The resident signed up themselves (`self`).
    public static let selfService = AttendanceChannel(rawValue: "self")
    /// A head or the compound's staff signed the resident up on their behalf (`proxy`).
    public static let proxy = AttendanceChannel(rawValue: "proxy")
    /// The resident came without signing up and was checked in at the door (`walk-in`).
    public static let walkIn = AttendanceChannel(rawValue: "walk-in")
    /// The attendance was entered afterwards from a paper roster (`paper`).
    public static let paper = AttendanceChannel(rawValue: "paper")
}

/// The level of a head in the three-heads system (片长, 组长, 邻长).
public struct HeadLevel: RawRepresentable, Codable, Hashable, Sendable {
    /// The text on the wire and in the database: `area`, `group` or `neighbour`.
    public let rawValue: String
    /// A level from its text; the value is not checked here (readers of requests check it).
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The area head (片长), over several groups of households (`area`).
    public static let area = HeadLevel(rawValue: "area")
    /// The group head (组长), over several neighbour units (`group`).
    public static let group = HeadLevel(rawValue: "group")
    /// The neighbour head (邻长), over a handful of households next door (`neighbour`).
    public static let neighbour = HeadLevel(rawValue: "neighbour")
    /// The three levels, highest first.
    public static let all: [HeadLevel] = [.area, .group, .neighbour]
}

/// One of the four parties of a four-party council (四方议事会).
public struct CouncilParty: RawRepresentable, Codable, Hashable, Sendable {
    /// The text on the wire and in the database, e.g. `owners-committee`.
    public let rawValue: String
    /// A party from its text; the value is not checked here (readers of requests check it).
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The compound's party branch (党支部), which convenes the council.
    public static let partyBranch = CouncilParty(rawValue: "party-branch")
    /// The owners' committee (业委会).
    public static let ownersCommittee = CouncilParty(rawValue: "owners-committee")
    /// The property management company (物业).
    public static let propertyCompany = CouncilParty(rawValue: "property-company")
    /// The residents' representatives (居民代表).
    public static let residentRepresentatives = CouncilParty(rawValue: "resident-representatives")
    /// The four parties in the order councils list them; a meeting with all four present has its quorum.
    public static let all: [CouncilParty] = [.partyBranch, .ownersCommittee, .propertyCompany, .residentRepresentatives]
}

/// Where a place sits: the area ids from the city down to the community, the grid, the compound.
public struct Placement: Codable, Hashable, Sendable {
    /// Area ids from the city down to the community (市 → 区 → 街道 → 社区).
    public var areaPath: [Int]
    /// The compound (小区), the registry's id.
    public var compoundID: Int
    /// The grid (网格) inside the compound; `nil` when not known.
    public var gridID: Int?
    /// The building (楼栋); `nil` when not known.
    public var buildingID: Int?
    /// The household (户); `nil` for a place that is no one's home (the whole compound).
    public var householdID: Int?

    /// A placement; the levels below the compound default to unknown.
    public init(areaPath: [Int], compoundID: Int, gridID: Int? = nil, buildingID: Int? = nil, householdID: Int? = nil) {
        self.areaPath = areaPath
        self.compoundID = compoundID
        self.gridID = gridID
        self.buildingID = buildingID
        self.householdID = householdID
    }
}
