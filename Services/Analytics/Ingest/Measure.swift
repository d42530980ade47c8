/// A column of `analytics.rollups`: a measure added to as facts arrive (and rebuilt from them).
public enum Measure: String, Sendable, CaseIterable, Codable {
    case attendances
    /// Attendances by residents who had signed up (channel self or proxy).
    case checkins
    case volunteerHours = "volunteer_hours"
    /// Attendances that logged volunteer hours.
    case volunteerAttendances = "volunteer_attendances"
    /// Residents whose first attendance of the bucket this was (kept only without an extra dimension).
    case uniqueResidents = "unique_residents"
    case householdsAttended = "households_attended"
    case activeVolunteers = "active_volunteers"
    /// Confirmed seats: +1 when confirmed or promoted, −1 when a confirmed seat is cancelled.
    case registrations
    case activitiesHeld = "activities_held"
    case pointsAwarded = "points_awarded"
    case pointsEntries = "points_entries"
    case memberCheckins = "member_checkins"
    case concernsRaised = "concerns_raised"
    case concernsSettled = "concerns_settled"
    case concernsReopened = "concerns_reopened"
    case councilMeetings = "council_meetings"
    case notificationsSent = "notifications_sent"
    case notificationsFailed = "notifications_failed"

    /// The column name.
    public var column: String { rawValue }
}

/// A column of `analytics.place_state` and `analytics.snapshots`: a gauge, set rather than added.
public enum Gauge: String, Sendable, CaseIterable, Codable {
    case households
    case householdsWithHead = "households_with_head"
    case compounds
    case compoundsWithBranch = "compounds_with_branch"
    case compoundsWithGroupChat = "compounds_with_group_chat"
    case compoundsWithRobot = "compounds_with_robot"
    case residents

    /// The column name.
    public var column: String { rawValue }
}

/// The extra dimension of a rollup row.
public enum Dimension: String, Sendable, CaseIterable {
    case none = "-"
    case theme = "t"
    case channel = "c"
    case notificationChannel = "n"
    case settleHours = "h"
    case star = "s"
}

/// What one fact adds to one rollup row (for each grain of its time).
struct RollupDelta: Sendable {
    var dimension: Dimension
    var value: String
    var amounts: [Measure: Double]

    /// A delta with no extra dimension.
    init(_ amounts: [Measure: Double]) {
        self.init(.none, "", amounts)
    }

    init(_ dimension: Dimension, _ value: String, _ amounts: [Measure: Double]) {
        self.dimension = dimension
        self.value = value
        self.amounts = amounts
    }
}
