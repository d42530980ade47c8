import Foundation

// Events the registry publishes. Each carries a `revision` of its aggregate, so its id is
// `{type}:{aggregate}:{revision}` and a replayed event is recognised.

/// A resident was registered (`resident.registered`).
///
/// Published by the registry when a resident is added (`Residents`, and the CSV household import in `ImportExport`).
/// Consumed by the calendar, concerns and notifications (their `residents` projections) and analytics (facts).
public struct ResidentRegistered: DomainEvent, Equatable {
    /// The topic, `resident.registered`.
    public static let topic = "resident.registered"
    /// The registry's id of the resident.
    public var residentID: Int
    /// The resident's full name, e.g. `张桂兰`.
    public var name: String
    /// The full phone number, for the SMS channel; consumers must not show it to roles without the right.
    public var phone: String?
    /// The year of birth; `nil` when not recorded.
    public var birthYear: Int?
    /// Where the resident lives.
    public var placement: Placement
    /// When the registry recorded the resident.
    public var registeredAt: Date
    /// The resident's revision after this change (1 when new); projections keep the highest they have seen.
    public var revision: Int
    /// `resident.registered:{residentID}:{revision}`.
    public var eventID: String { "resident.registered:\(residentID):\(revision)" }

    /// Creates the event from its fields.
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
///
/// Published by the registry's `Residents` routes.
/// Consumed by the calendar, concerns and notifications (their `residents` projections) and analytics.
public struct ResidentChanged: DomainEvent, Equatable {
    /// The topic, `resident.changed`.
    public static let topic = "resident.changed"
    /// The registry's id of the resident.
    public var residentID: Int
    /// The name after the change.
    public var name: String
    /// The full phone number after the change, `nil` when removed; consumers must not show it to roles without the right.
    public var phone: String?
    /// The resident's revision after this change.
    public var revision: Int
    /// `resident.changed:{residentID}:{revision}`.
    public var eventID: String { "resident.changed:\(residentID):\(revision)" }

    /// Creates the event from its fields.
    public init(residentID: Int, name: String, phone: String?, revision: Int) {
        self.residentID = residentID
        self.name = name
        self.phone = phone
        self.revision = revision
    }
}

/// A resident moved to another household or compound, or left the city (`to == nil`) (`resident.moved`).
///
/// Published by the registry's `Residents` move route.
/// Consumed by the calendar, concerns and notifications (their projections) and analytics (facts keep the place at event time).
public struct ResidentMoved: DomainEvent, Equatable {
    /// The topic, `resident.moved`.
    public static let topic = "resident.moved"
    /// The registry's id of the resident.
    public var residentID: Int
    /// Where the resident lived before the move.
    public var from: Placement
    /// Where the resident lives now; `nil` when they left the city.
    public var to: Placement?
    /// When the move took effect.
    public var movedAt: Date
    /// The resident's revision after this change.
    public var revision: Int
    /// `resident.moved:{residentID}:{revision}`.
    public var eventID: String { "resident.moved:\(residentID):\(revision)" }

    /// Creates the event from its fields.
    public init(residentID: Int, from: Placement, to: Placement?, movedAt: Date, revision: Int) {
        self.residentID = residentID
        self.from = from
        self.to = to
        self.movedAt = movedAt
        self.revision = revision
    }
}

/// A household was created, changed or dissolved (`household.changed`).
///
/// Published by the registry whenever a household's dwelling or members change (`Households`, moves, the CSV import).
/// Consumed by the calendar, concerns and notifications (their `households` projections) and analytics.
public struct HouseholdChanged: DomainEvent, Equatable {
    /// The topic, `household.changed`.
    public static let topic = "household.changed"
    /// The registry's id of the household.
    public var householdID: Int
    /// Where the household lives (its `householdID` is this household).
    public var placement: Placement
    /// The dwelling's label, e.g. `3栋2单元501`.
    public var dwelling: String
    /// The residents who live in it now, by registry id; empty once dissolved.
    public var memberIDs: [Int]
    /// Whether the household no longer exists.
    public var dissolved: Bool
    /// The household's revision after this change; projections keep the highest they have seen.
    public var revision: Int
    /// `household.changed:{householdID}:{revision}`.
    public var eventID: String { "household.changed:\(householdID):\(revision)" }

    /// Creates the event from its fields.
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
///
/// Published by the registry's territory, party and organisation features when any of these facts change.
/// Consumed by the calendar, concerns and notifications (their `compounds` projections) and analytics.
public struct CompoundChanged: DomainEvent, Equatable {
    /// The topic, `compound.changed`.
    public static let topic = "compound.changed"
    /// The registry's id of the compound.
    public var compoundID: Int
    /// The compound's name, e.g. `枫林小区`.
    public var name: String
    /// Area ids from the city down to the community it belongs to (市 → 区 → 街道 → 社区).
    public var areaPath: [Int]
    /// The grids (网格) the compound is divided into.
    public var gridIDs: [Int]
    /// Whether the compound has a party branch (党支部) of its own.
    public var hasPartyBranch: Bool
    /// Whether it has an owners' committee (业委会).
    public var hasOwnersCommittee: Bool
    /// Whether a property company (物业) manages it.
    public var hasPropertyCompany: Bool
    /// Whether its property company is a party-led "red property" (红色物业).
    public var hasRedProperty: Bool
    /// The compound's revision after this change; projections keep the highest they have seen.
    public var revision: Int
    /// `compound.changed:{compoundID}:{revision}`.
    public var eventID: String { "compound.changed:\(compoundID):\(revision)" }

    /// Creates the event from its fields.
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
///
/// Published by the registry's `Heads` feature when an assignment opens.
/// Consumed by the calendar, concerns and notifications (who covers which household) and analytics.
public struct HeadAssigned: DomainEvent, Equatable {
    /// The topic, `head.assigned`.
    public static let topic = "head.assigned"
    /// The assignment's id; the `head.vacated` that ends it names the same id.
    public var assignmentID: Int
    /// Which of the three heads this is.
    public var level: HeadLevel
    /// The resident who serves as head.
    public var residentID: Int
    /// The compound of the unit.
    public var compoundID: Int
    /// The head unit: the group of households the head covers.
    public var unitID: Int
    /// The households the unit links at assignment time.
    public var householdIDs: [Int]
    /// The first day of the assignment (the registry keeps its day).
    public var startsOn: Date
    /// The last day of the assignment; `nil` when open-ended. The registry's daily job vacates it after that day.
    public var endsOn: Date?
    /// `head.assigned:{assignmentID}`.
    public var eventID: String { "head.assigned:\(assignmentID)" }

    /// Creates the event from its fields.
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
///
/// Published by the registry's `Heads` feature: when staff end an assignment, when a new head takes the unit, and by
/// the daily job `registry.end-expired-head-assignments`. Consumed by the calendar, concerns, notifications and analytics.
public struct HeadVacated: DomainEvent, Equatable {
    /// The topic, `head.vacated`.
    public static let topic = "head.vacated"
    /// The assignment that ended, as `head.assigned` named it.
    public var assignmentID: Int
    /// Which of the three heads it was.
    public var level: HeadLevel
    /// The resident who was head.
    public var residentID: Int
    /// The compound of the unit.
    public var compoundID: Int
    /// The head unit that is now vacant.
    public var unitID: Int
    /// The households the unit linked.
    public var householdIDs: [Int]
    /// The day the assignment ended.
    public var endedOn: Date
    /// `head.vacated:{assignmentID}`.
    public var eventID: String { "head.vacated:\(assignmentID)" }

    /// Creates the event from its fields.
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
///
/// Published by the registry's `Organisations` feature (group chats and their robots).
/// Consumed by notifications (where robot messages go) and analytics.
public struct GroupChatChanged: DomainEvent, Equatable {
    /// The topic, `groupchat.changed`.
    public static let topic = "groupchat.changed"
    /// The compound whose residents the chat gathers.
    public var compoundID: Int
    /// The registry's id of the group chat.
    public var chatID: Int
    /// The chat's name, e.g. `枫林小区邻里群`.
    public var name: String
    /// The WeCom robot's webhook URL (a secret); `nil` when the group has no robot.
    public var robotWebhook: String?
    /// The chat's revision after this change.
    public var revision: Int
    /// `groupchat.changed:{chatID}:{revision}`.
    public var eventID: String { "groupchat.changed:\(chatID):\(revision)" }

    /// Creates the event from its fields.
    public init(compoundID: Int, chatID: Int, name: String, robotWebhook: String?, revision: Int) {
        self.compoundID = compoundID
        self.chatID = chatID
        self.name = name
        self.robotWebhook = robotWebhook
        self.revision = revision
    }
}
