import Foundation

/// A city or district published the month's theme to the compounds in its scope (`theme.published`).
public struct ThemePublished: DomainEvent, Equatable {
    public static let topic = "theme.published"
    public var themeID: Int
    /// `YYYY-MM`.
    public var month: String
    public var title: String
    public var scopeAreaIDs: [Int]
    public var earnsPoints: Bool
    public var points: Int
    public var revision: Int
    public var eventID: String { "theme.published:\(themeID):\(revision)" }

    public init(themeID: Int, month: String, title: String, scopeAreaIDs: [Int], earnsPoints: Bool, points: Int, revision: Int) {
        self.themeID = themeID
        self.month = month
        self.title = title
        self.scopeAreaIDs = scopeAreaIDs
        self.earnsPoints = earnsPoints
        self.points = points
        self.revision = revision
    }
}

/// What every activity event says about the activity.
public struct ActivitySummary: Codable, Hashable, Sendable {
    public var activityID: Int
    public var compoundID: Int
    public var areaPath: [Int]
    public var themeID: Int?
    public var title: String
    public var venue: String?
    /// The first occurrence's start and end.
    public var startsAt: Date
    public var endsAt: Date
    /// The RFC 5545 RRULE, if the activity repeats.
    public var recurrence: String?
    public var capacity: Int?
    /// The activity's page.
    public var link: String
    public var points: Int

    public init(
        activityID: Int,
        compoundID: Int,
        areaPath: [Int],
        themeID: Int?,
        title: String,
        venue: String?,
        startsAt: Date,
        endsAt: Date,
        recurrence: String?,
        capacity: Int?,
        link: String,
        points: Int
    ) {
        self.activityID = activityID
        self.compoundID = compoundID
        self.areaPath = areaPath
        self.themeID = themeID
        self.title = title
        self.venue = venue
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.recurrence = recurrence
        self.capacity = capacity
        self.link = link
        self.points = points
    }
}

/// A compound published an activity (`activity.published`).
public struct ActivityPublished: DomainEvent, Equatable {
    public static let topic = "activity.published"
    public var activity: ActivitySummary
    public var revision: Int
    public var eventID: String { "activity.published:\(activity.activityID):\(revision)" }

    public init(activity: ActivitySummary, revision: Int) {
        self.activity = activity
        self.revision = revision
    }
}

/// A published activity changed (time, place, capacity…) (`activity.changed`).
public struct ActivityChanged: DomainEvent, Equatable {
    public static let topic = "activity.changed"
    public var activity: ActivitySummary
    /// What changed, in words for the people told (e.g. `时间改为 12月6日 09:30`).
    public var changes: [String]
    /// Set when only one occurrence changed.
    public var occurrenceStart: Date?
    public var revision: Int
    public var eventID: String { "activity.changed:\(activity.activityID):\(revision)" }

    public init(activity: ActivitySummary, changes: [String], occurrenceStart: Date?, revision: Int) {
        self.activity = activity
        self.changes = changes
        self.occurrenceStart = occurrenceStart
        self.revision = revision
    }
}

/// An activity, or one occurrence of it, was cancelled (`activity.cancelled`).
public struct ActivityCancelled: DomainEvent, Equatable {
    public static let topic = "activity.cancelled"
    public var activity: ActivitySummary
    /// `nil` when the whole activity is cancelled.
    public var occurrenceStart: Date?
    public var reason: String?
    public var revision: Int
    public var eventID: String { "activity.cancelled:\(activity.activityID):\(revision)" }

    public init(activity: ActivitySummary, occurrenceStart: Date?, reason: String?, revision: Int) {
        self.activity = activity
        self.occurrenceStart = occurrenceStart
        self.reason = reason
        self.revision = revision
    }
}

/// What every registration event says.
public struct RegistrationSummary: Codable, Hashable, Sendable {
    public var registrationID: Int
    public var activityID: Int
    public var occurrenceStart: Date
    public var compoundID: Int
    public var residentID: Int
    public var householdID: Int?
    public var channel: AttendanceChannel
    /// The head who signed up on the resident's behalf, for proxy sign-ups.
    public var registeredBy: Int?

    public init(
        registrationID: Int,
        activityID: Int,
        occurrenceStart: Date,
        compoundID: Int,
        residentID: Int,
        householdID: Int?,
        channel: AttendanceChannel,
        registeredBy: Int?
    ) {
        self.registrationID = registrationID
        self.activityID = activityID
        self.occurrenceStart = occurrenceStart
        self.compoundID = compoundID
        self.residentID = residentID
        self.householdID = householdID
        self.channel = channel
        self.registeredBy = registeredBy
    }
}

/// A resident signed up, with a seat (`confirmed`) or on the waitlist (`waitlisted`) (`registration.created`).
public struct RegistrationCreated: DomainEvent, Equatable {
    public static let topic = "registration.created"
    public var registration: RegistrationSummary
    /// `confirmed` or `waitlisted`.
    public var status: String
    public var at: Date
    public var eventID: String { "registration.created:\(registration.registrationID)" }

    public init(registration: RegistrationSummary, status: String, at: Date) {
        self.registration = registration
        self.status = status
        self.at = at
    }
}

/// A registration was cancelled (`registration.cancelled`).
public struct RegistrationCancelled: DomainEvent, Equatable {
    public static let topic = "registration.cancelled"
    public var registration: RegistrationSummary
    public var at: Date
    public var eventID: String { "registration.cancelled:\(registration.registrationID)" }

    public init(registration: RegistrationSummary, at: Date) {
        self.registration = registration
        self.at = at
    }
}

/// A waitlisted registration got a seat (`registration.promoted`).
public struct RegistrationPromoted: DomainEvent, Equatable {
    public static let topic = "registration.promoted"
    public var registration: RegistrationSummary
    public var at: Date
    public var eventID: String { "registration.promoted:\(registration.registrationID)" }

    public init(registration: RegistrationSummary, at: Date) {
        self.registration = registration
        self.at = at
    }
}

/// A resident attended an occurrence (`attendance.recorded`): the registry awards its points, analytics counts it.
public struct AttendanceRecorded: DomainEvent, Equatable {
    public static let topic = "attendance.recorded"
    public var attendanceID: Int
    public var activityID: Int
    public var occurrenceStart: Date
    public var themeID: Int?
    public var residentID: Int
    public var placement: Placement
    public var channel: AttendanceChannel
    public var volunteerRole: String?
    public var volunteerHours: Double
    /// Points the attendance earns (0 when the activity earns none).
    public var points: Int
    public var at: Date
    public var eventID: String { "attendance.recorded:\(attendanceID)" }

    public init(
        attendanceID: Int,
        activityID: Int,
        occurrenceStart: Date,
        themeID: Int?,
        residentID: Int,
        placement: Placement,
        channel: AttendanceChannel,
        volunteerRole: String?,
        volunteerHours: Double,
        points: Int,
        at: Date
    ) {
        self.attendanceID = attendanceID
        self.activityID = activityID
        self.occurrenceStart = occurrenceStart
        self.themeID = themeID
        self.residentID = residentID
        self.placement = placement
        self.channel = channel
        self.volunteerRole = volunteerRole
        self.volunteerHours = volunteerHours
        self.points = points
        self.at = at
    }
}

/// An occurrence was held and its closing report filed (`activity.held`).
public struct ActivityHeld: DomainEvent, Equatable {
    public static let topic = "activity.held"
    public var activityID: Int
    public var occurrenceStart: Date
    public var compoundID: Int
    public var areaPath: [Int]
    public var themeID: Int?
    public var registrations: Int
    public var attendance: Int
    public var volunteerHours: Double
    public var revision: Int
    public var eventID: String { "activity.held:\(activityID):\(Int(occurrenceStart.timeIntervalSince1970)):\(revision)" }

    public init(
        activityID: Int,
        occurrenceStart: Date,
        compoundID: Int,
        areaPath: [Int],
        themeID: Int?,
        registrations: Int,
        attendance: Int,
        volunteerHours: Double,
        revision: Int
    ) {
        self.activityID = activityID
        self.occurrenceStart = occurrenceStart
        self.compoundID = compoundID
        self.areaPath = areaPath
        self.themeID = themeID
        self.registrations = registrations
        self.attendance = attendance
        self.volunteerHours = volunteerHours
        self.revision = revision
    }
}
