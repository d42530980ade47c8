/// Who is calling: a role and the part of the city that role covers.
///
/// Roles, from the widest to the narrowest: `admin` (everything), `district` (an area subtree, by
/// the ids of its roots), `secretary` (compounds), `head` (the households they cover), `resident`
/// (themselves and their household), and `dashboard` (read-only aggregates, no personal data).
public struct Principal: Codable, Sendable, Equatable {
    /// A role a token grants.
    public struct Role: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let admin = Role(rawValue: "admin")
        public static let district = Role(rawValue: "district")
        public static let secretary = Role(rawValue: "secretary")
        public static let head = Role(rawValue: "head")
        public static let resident = Role(rawValue: "resident")
        public static let dashboard = Role(rawValue: "dashboard")
        /// Every role a token may carry.
        public static let all: [Role] = [.admin, .district, .secretary, .head, .resident, .dashboard]
        /// The roles that manage what they cover (see ``Principal/isStaff``).
        public static let staff: Set<Role> = [.admin, .district, .secretary]

        public var description: String { rawValue }
    }

    /// A stable id of the person or system (`staff:li-na`, `resident:1042`).
    public var subject: String
    public var role: Role
    /// For `district`: the areas whose subtrees are covered.
    public var areaIDs: [Int]
    /// For `secretary`: the compounds covered.
    public var compoundIDs: [Int]
    /// For `head`: the households covered; for `resident`: their own household.
    public var householdIDs: [Int]
    /// For `resident` and `head`: the person behind the token.
    public var residentID: Int?
    /// The registry account that signed in (`nil` for tokens an operator minted with `linli token`).
    /// When set, each service resolves the scope from its own projection of the registry's records
    /// (accounts, staff posts, head assignments, residencies), not from the token.
    public var accountID: Int?

    /// Creates a principal.
    public init(
        subject: String,
        role: Role,
        areaIDs: [Int] = [],
        compoundIDs: [Int] = [],
        householdIDs: [Int] = [],
        residentID: Int? = nil,
        accountID: Int? = nil
    ) {
        self.subject = subject
        self.role = role
        self.areaIDs = areaIDs
        self.compoundIDs = compoundIDs
        self.householdIDs = householdIDs
        self.residentID = residentID
        self.accountID = accountID
    }

    /// Whether the principal has one of these roles.
    public func has(_ roles: Role...) -> Bool { roles.contains(role) }

    /// Whether the principal is staff who manage what their scope covers: `admin`, `district` or
    /// `secretary` (not heads, residents or dashboards). The one spelling of that role set.
    public var isStaff: Bool { Role.staff.contains(role) }

    /// Whether the principal is staff and covers the object: may change it as its manager.
    public func manages(_ scope: ObjectScope) -> Bool { isStaff && covers(scope) }

    /// Whether the principal's scope covers an object. Each service decides which roles may read
    /// or change what; this answers only "is it inside their part of the city".
    public func covers(_ scope: ObjectScope) -> Bool {
        switch role {
        case .admin: true
        case .district: !Set(scope.areaPath).isDisjoint(with: areaIDs)
        case .secretary: scope.compoundID.map(compoundIDs.contains) ?? false
        case .head:
            scope.householdID.map(householdIDs.contains) ?? false
                || (scope.residentID != nil && scope.residentID == residentID)
        case .resident:
            (scope.residentID != nil && scope.residentID == residentID)
                || (scope.residentID == nil && scope.householdID.map(householdIDs.contains) ?? false)
        default: false
        }
    }

    /// Whether personal data (full phone and ID numbers, party membership) may be shown to this principal
    /// for an object it covers: staff who manage the object, not heads, residents or dashboards.
    public var maySeePersonalData: Bool { isStaff }
}

/// Where an object sits in the city, for checking a principal's scope against it.
public struct ObjectScope: Sendable, Equatable {
    /// Area ids from the city down to the community the object belongs to.
    public var areaPath: [Int]
    public var compoundID: Int?
    public var householdID: Int?
    public var residentID: Int?

    public init(areaPath: [Int] = [], compoundID: Int? = nil, householdID: Int? = nil, residentID: Int? = nil) {
        self.areaPath = areaPath
        self.compoundID = compoundID
        self.householdID = householdID
        self.residentID = residentID
    }
}
