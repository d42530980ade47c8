import Foundation

/// A city or district published the month's theme to the compounds in its scope (`theme.published`).
///
/// Published by the calendar's `Themes` routes. Consumed by analytics.
public struct ThemePublished: DomainEvent, Equatable {
    /// The topic, `theme.published`.
    public static let topic = "theme.published"
    /// The calendar's id of the theme.
    public var themeID: Int
    /// `YYYY-MM`.
    public var month: String
    /// The theme's title, e.g. `幸福邻里节`.
    public var title: String
    /// The areas (a city or districts) whose compounds receive the theme as a draft activity.
    public var scopeAreaIDs: [Int]
    /// Whether attending an activity of the theme earns volunteer points.
    public var earnsPoints: Bool
    /// The points an attendance earns when `earnsPoints`.
    public var points: Int
    /// The theme's revision.
    public var revision: Int
    /// `theme.published:{themeID}:{revision}`.
    public var eventID: String { "theme.published:\(themeID):\(revision)" }

    /// Creates the event from its fields.
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
///
/// The calendar builds it from the activity's row at the time of the event.
public struct ActivitySummary: Codable, Hashable, Sendable {
    /// The calendar's id of the activity.
    public var activityID: Int
    /// The compound holding it.
    public var compoundID: Int
    /// The compound's area ids, from the city down.
    public var areaPath: [Int]
    /// The monthly theme it belongs to; `nil` for none.
    public var themeID: Int?
    /// The activity's title, e.g. `幸福邻里节·百家宴`.
    public var title: String
    /// Where it takes place, in words (`党群服务站`); `nil` when not given.
    public var venue: String?
    /// The first occurrence's start.
    public var startsAt: Date
    /// The first occurrence's end.
    public var endsAt: Date
    /// The RFC 5545 RRULE, if the activity repeats.
    public var recurrence: String?
    /// Seats per occurrence; `nil` means no limit (and so no waitlist).
    public var capacity: Int?
    /// The activity's page.
    public var link: String
    /// Points an attendance earns; 0 when it earns none.
    public var points: Int

    /// Creates the summary from its fields.
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
///
/// Published by the calendar's activity editor (`Activities`), for council meetings (`CouncilMeetings.swift`)
/// and when a series is split (`Occurrences`). Consumed by notifications (the announcement, its projection) and analytics.
public struct ActivityPublished: DomainEvent, Equatable {
    /// The topic, `activity.published`.
    public static let topic = "activity.published"
    /// The activity as published.
    public var activity: ActivitySummary
    /// The activity's revision.
    public var revision: Int
    /// `activity.published:{activityID}:{revision}`.
    public var eventID: String { "activity.published:\(activity.activityID):\(revision)" }

    /// Creates the event from its fields.
    public init(activity: ActivitySummary, revision: Int) {
        self.activity = activity
        self.revision = revision
    }
}

/// A published activity changed (time, place, capacity…) (`activity.changed`).
///
/// Published by the calendar's activity and occurrence editors, and for a rescheduled council meeting.
/// Consumed by notifications (registrants are told) and analytics.
public struct ActivityChanged: DomainEvent, Equatable {
    /// The topic, `activity.changed`.
    public static let topic = "activity.changed"
    /// The activity after the change.
    public var activity: ActivitySummary
    /// What changed, in words for the people told (e.g. `时间改为 12月6日 09:30`).
    public var changes: [String]
    /// Set when only one occurrence changed.
    public var occurrenceStart: Date?
    /// The activity's revision after the change.
    public var revision: Int
    /// `activity.changed:{activityID}:{revision}`.
    public var eventID: String { "activity.changed:\(activity.activityID):\(revision)" }

    /// Creates the event from its fields.
    public init(activity: ActivitySummary, changes: [String], occurrenceStart: Date?, revision: Int) {
        self.activity = activity
        self.changes = changes
        self.occurrenceStart = occurrenceStart
        self.revision = revision
    }
}

/// An activity, or one occurrence of it, was cancelled (`activity.cancelled`).
///
/// Published by the calendar's activity and occurrence editors. Consumed by notifications (registrants are told) and analytics.
public struct ActivityCancelled: DomainEvent, Equatable {
    /// The topic, `activity.cancelled`.
    public static let topic = "activity.cancelled"
    /// The activity as it was when cancelled.
    public var activity: ActivitySummary
    /// `nil` when the whole activity is cancelled.
    public var occurrenceStart: Date?
    /// Why, in words for the people told; `nil` when none was given.
    public var reason: String?
    /// The activity's revision after the cancellation.
    public var revision: Int
    /// `activity.cancelled:{activityID}:{revision}`.
    public var eventID: String { "activity.cancelled:\(activity.activityID):\(revision)" }

    /// Creates the event from its fields.
    public init(activity: ActivitySummary, occurrenceStart: Date?, reason: String?, revision: Int) {
        self.activity = activity
        self.occurrenceStart = occurrenceStart
        self.reason = reason
        self.revision = revision
    }
}

/// What every registration event says.
///
/// The calendar builds it from the registration's row (`RegistrationRecord.summary`).
public struct RegistrationSummary: Codable, Hashable, Sendable {
    /// The calendar's id of the registration.
    public var registrationID: Int
    /// The activity signed up for.
    public var activityID: Int
    /// The start of the occurrence signed up for; with `activityID` it names the occurrence.
    public var occurrenceStart: Date
    /// The activity's compound.
    public var compoundID: Int
    /// The resident signed up.
    public var residentID: Int
    /// The resident's household at sign-up; `nil` when they have none.
    public var householdID: Int?
    /// How the resident signed up: `self`, `proxy` or `walk-in`.
    public var channel: AttendanceChannel
    /// The head who signed up on the resident's behalf, for proxy sign-ups.
    public var registeredBy: Int?

    /// Creates the summary from its fields.
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
///
/// Published by the calendar's registration desk (`Registrations/RegistrationDesk.swift`).
/// Consumed by notifications (a confirmation or waitlist message; its registrations projection) and analytics (seats taken).
public struct RegistrationCreated: DomainEvent, Equatable {
    /// The topic, `registration.created`.
    public static let topic = "registration.created"
    /// The registration.
    public var registration: RegistrationSummary
    /// `confirmed` or `waitlisted` (a new registration is never `cancelled`).
    public var status: RegistrationStatus
    /// When the resident signed up.
    public var at: Date
    /// `registration.created:{registrationID}`.
    public var eventID: String { "registration.created:\(registration.registrationID)" }

    /// Creates the event from its fields.
    public init(registration: RegistrationSummary, status: RegistrationStatus, at: Date) {
        self.registration = registration
        self.status = status
        self.at = at
    }
}

/// A registration was cancelled (`registration.cancelled`).
///
/// Published by the calendar's registration desk (`Registrations/RegistrationDesk+Cancel.swift`).
/// Consumed by notifications (its registrations projection) and analytics.
public struct RegistrationCancelled: DomainEvent, Equatable {
    /// The topic, `registration.cancelled`.
    public static let topic = "registration.cancelled"
    /// The registration, as it was signed up.
    public var registration: RegistrationSummary
    /// When it was cancelled.
    public var at: Date
    /// `registration.cancelled:{registrationID}`.
    public var eventID: String { "registration.cancelled:\(registration.registrationID)" }

    /// Creates the event from its fields.
    public init(registration: RegistrationSummary, at: Date) {
        self.registration = registration
        self.at = at
    }
}

/// A waitlisted registration got a seat (`registration.promoted`).
///
/// Published by the calendar's waitlist (`Registrations/Waitlist.swift`) when a seat frees up.
/// Consumed by notifications (the resident is told) and analytics.
public struct RegistrationPromoted: DomainEvent, Equatable {
    /// The topic, `registration.promoted`.
    public static let topic = "registration.promoted"
    /// The registration that got the seat.
    public var registration: RegistrationSummary
    /// When it got the seat.
    public var at: Date
    /// `registration.promoted:{registrationID}`.
    public var eventID: String { "registration.promoted:\(registration.registrationID)" }

    /// Creates the event from its fields.
    public init(registration: RegistrationSummary, at: Date) {
        self.registration = registration
        self.at = at
    }
}

/// A resident attended an occurrence (`attendance.recorded`): the registry awards its points, analytics counts it.
///
/// Published by the calendar's attendance desk (`Attendance`): check-in, walk-ins and paper rosters. Consumed by
/// the registry (`Points/AttendancePoints.swift`: points, idempotency key `attendance:<id>`) and analytics (in batches).
public struct AttendanceRecorded: DomainEvent, Equatable {
    /// The topic, `attendance.recorded`.
    public static let topic = "attendance.recorded"
    /// The calendar's id of the attendance.
    public var attendanceID: Int
    /// The activity attended.
    public var activityID: Int
    /// The start of the occurrence attended.
    public var occurrenceStart: Date
    /// The activity's theme; `nil` for none.
    public var themeID: Int?
    /// The resident who attended.
    public var residentID: Int
    /// Where the resident lived when they attended.
    public var placement: Placement
    /// How they came: signed up (`self`, `proxy`), walked in (`walk-in`), or entered from a paper roster (`paper`).
    public var channel: AttendanceChannel
    /// The role they served in as a volunteer; `nil` when they only attended.
    public var volunteerRole: String?
    /// Hours volunteered; 0 when none.
    public var volunteerHours: Double
    /// Points the attendance earns (0 when the activity earns none).
    public var points: Int
    /// When the attendance was recorded.
    public var at: Date
    /// `attendance.recorded:{attendanceID}`.
    public var eventID: String { "attendance.recorded:\(attendanceID)" }

    /// Creates the event from its fields.
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
///
/// Published by the calendar's closing report (`Attendance/AttendanceDesk+Report.swift`). Consumed by analytics.
public struct ActivityHeld: DomainEvent, Equatable {
    /// The topic, `activity.held`.
    public static let topic = "activity.held"
    /// The activity held.
    public var activityID: Int
    /// The start of the occurrence held.
    public var occurrenceStart: Date
    /// The activity's compound.
    public var compoundID: Int
    /// The compound's area ids, from the city down.
    public var areaPath: [Int]
    /// The activity's theme; `nil` for none.
    public var themeID: Int?
    /// Confirmed registrations when the report was filed.
    public var registrations: Int
    /// Residents who attended.
    public var attendance: Int
    /// Volunteer hours, summed over the attendance.
    public var volunteerHours: Double
    /// The report's revision (a corrected report raises it).
    public var revision: Int
    /// `activity.held:{activityID}:{occurrenceStart in Unix seconds}:{revision}`.
    public var eventID: String { "activity.held:\(activityID):\(Int(occurrenceStart.timeIntervalSince1970)):\(revision)" }

    /// Creates the event from its fields.
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
