import Foundation

// Events the registry publishes. Each carries a `revision` of its aggregate, so its id is
// `{type}:{aggregate}:{revision}` and a replayed event is recognised.

/// A resident was registered (`resident.registered`).
public struct ResidentRegistered: DomainEvent, Equatable {
    public static let topic = "resident.registered"
    public var residentID: Int
    public var name: String
    /// The full phone number, for the SMS channel; consumers must not show it to roles without the right.
    public var phone: String?
    public var birthYear: Int?
    public var placement: Placement
    public var registeredAt: Date
    public var revision: Int
    public var eventID: String { "resident.registered:\(residentID):\(revision)" }

    public init(residentID: Int, name: String, phone: String?, birthYear: Int?, placement: Placement, registeredAt: Date, revision: Int) {
        self.residentID = residentID
        self.name = name
        self.phone = phone
        self.birthYear = birthYear
        self.placement = placement
        self.registeredAt = registeredAt
        self.revision = revision
    }
}

/// A resident's name or phone changed (`resident.changed`).
public struct ResidentChanged: DomainEvent, Equatable {
    public static let topic = "resident.changed"
    public var residentID: Int
    public var name: String
    public var phone: String?
    public var revision: Int
    public var eventID: String { "resident.changed:\(residentID):\(revision)" }

    public init(residentID: Int, name: String, phone: String?, revision: Int) {
        self.residentID = residentID
        self.name = name
        self.phone = phone
        self.revision = revision
    }
}

/// A resident moved to another household or compound, or left the city (`to == nil`) (`resident.moved`).
public struct ResidentMoved: DomainEvent, Equatable {
    public static let topic = "resident.moved"
    public var residentID: Int
    public var from: Placement
    public var to: Placement?
    public var movedAt: Date
    public var revision: Int
    public var eventID: String { "resident.moved:\(residentID):\(revision)" }

    public init(residentID: Int, from: Placement, to: Placement?, movedAt: Date, revision: Int) {
        self.residentID = residentID
        self.from = from
        self.to = to
        self.movedAt = movedAt
        self.revision = revision
    }
}

/// A household was created, changed or dissolved (`household.changed`).
public struct HouseholdChanged: DomainEvent, Equatable {
    public static let topic = "household.changed"
    public var householdID: Int
    public var placement: Placement
    /// The dwelling's label, e.g. `3栋2单元501`.
    public var dwelling: String
    public var memberIDs: [Int]
    public var dissolved: Bool
    public var revision: Int
    public var eventID: String { "household.changed:\(householdID):\(revision)" }

    public init(householdID: Int, placement: Placement, dwelling: String, memberIDs: [Int], dissolved: Bool, revision: Int) {
        self.householdID = householdID
        self.placement = placement
        self.dwelling = dwelling
        self.memberIDs = memberIDs
        self.dissolved = dissolved
        self.revision = revision
    }
}

/// A compound's name, place or organisations changed (`compound.changed`).
public struct CompoundChanged: DomainEvent, Equatable {
    public static let topic = "compound.changed"
    public var compoundID: Int
    public var name: String
    public var areaPath: [Int]
    public var gridIDs: [Int]
    public var hasPartyBranch: Bool
    public var hasOwnersCommittee: Bool
    public var hasPropertyCompany: Bool
    public var hasRedProperty: Bool
    public var revision: Int
    public var eventID: String { "compound.changed:\(compoundID):\(revision)" }

    public init(
        compoundID: Int,
        name: String,
        areaPath: [Int],
        gridIDs: [Int],
        hasPartyBranch: Bool,
        hasOwnersCommittee: Bool,
        hasPropertyCompany: Bool,
        hasRedProperty: Bool,
        revision: Int
    ) {
        self.compoundID = compoundID
        self.name = name
        self.areaPath = areaPath
        self.gridIDs = gridIDs
        self.hasPartyBranch = hasPartyBranch
        self.hasOwnersCommittee = hasOwnersCommittee
        self.hasPropertyCompany = hasPropertyCompany
        self.hasRedProperty = hasRedProperty
        self.revision = revision
    }
}

/// A head was assigned to a unit of households (`head.assigned`).
public struct HeadAssigned: DomainEvent, Equatable {
    public static let topic = "head.assigned"
    public var assignmentID: Int
    public var level: HeadLevel
    public var residentID: Int
    public var compoundID: Int
    public var unitID: Int
    public var householdIDs: [Int]
    public var startsOn: Date
    public var endsOn: Date?
    public var eventID: String { "head.assigned:\(assignmentID)" }

    public init(
        assignmentID: Int,
        level: HeadLevel,
        residentID: Int,
        compoundID: Int,
        unitID: Int,
        householdIDs: [Int],
        startsOn: Date,
        endsOn: Date?
    ) {
        self.assignmentID = assignmentID
        self.level = level
        self.residentID = residentID
        self.compoundID = compoundID
        self.unitID = unitID
        self.householdIDs = householdIDs
        self.startsOn = startsOn
        self.endsOn = endsOn
    }
}

/// A head's assignment ended; the unit is vacant until someone is assigned (`head.vacated`).
public struct HeadVacated: DomainEvent, Equatable {
    public static let topic = "head.vacated"
    public var assignmentID: Int
    public var level: HeadLevel
    public var residentID: Int
    public var compoundID: Int
    public var unitID: Int
    public var householdIDs: [Int]
    public var endedOn: Date
    public var eventID: String { "head.vacated:\(assignmentID)" }

    public init(assignmentID: Int, level: HeadLevel, residentID: Int, compoundID: Int, unitID: Int, householdIDs: [Int], endedOn: Date) {
        self.assignmentID = assignmentID
        self.level = level
        self.residentID = residentID
        self.compoundID = compoundID
        self.unitID = unitID
        self.householdIDs = householdIDs
        self.endedOn = endedOn
    }
}

/// A compound's group chat or its robot changed (`groupchat.changed`).
public struct GroupChatChanged: DomainEvent, Equatable {
    public static let topic = "groupchat.changed"
    public var compoundID: Int
    public var chatID: Int
    public var name: String
    /// The WeCom robot's webhook URL (a secret); `nil` when the group has no robot.
    public var robotWebhook: String?
    public var revision: Int
    public var eventID: String { "groupchat.changed:\(chatID):\(revision)" }

    public init(compoundID: Int, chatID: Int, name: String, robotWebhook: String?, revision: Int) {
        self.compoundID = compoundID
        self.chatID = chatID
        self.name = name
        self.robotWebhook = robotWebhook
        self.revision = revision
    }
}
