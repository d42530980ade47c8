import AnalyticsCity
import AnalyticsService
import Foundation
import Models

/// A generated city's figures computed by hand from its records, independently of the service's SQL.
struct ExpectedFigures {
    let city: City
    let buckets: Buckets
    let grain: Grain
    /// `compound`, `theme`, `channel`, `star` or nil.
    let groupBy: String?
    let threshold: Double

    /// component name → (bucket label, key) → amount
    private(set) var components: [String: [Pair: Double]] = [:]
    private(set) var hours: [Pair: [Int]] = [:]

    struct Pair: Hashable {
        let bucket: String
        let key: String
    }

    init(city: City, buckets: Buckets, grain: Grain, groupBy: String?, threshold: Double = 5) {
        self.city = city
        self.buckets = buckets
        self.grain = grain
        self.groupBy = groupBy
        self.threshold = threshold
        computeActivity()
        computeGovernance()
    }

    func bucket(_ date: Date) -> String { buckets.label(buckets.start(of: grain, containing: date)) }

    /// The key of a fact for the grouping: its compound, theme or channel (nil: not in this breakdown).
    func key(compound: Int?, theme: Int? = nil, channel: String? = nil) -> String? {
        switch groupBy {
        case nil: ""
        case "compound": String(compound ?? 0)
        case "theme": theme.map(String.init)
        case "channel": channel
        default: nil
        }
    }

    mutating func add(_ name: String, _ date: Date, _ key: String?, _ amount: Double = 1) {
        guard let key else { return }
        components[name, default: [:]][Pair(bucket: bucket(date), key: key), default: 0] += amount
    }

    mutating func computeActivity() {
        let ordered = city.attendances.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        var firstResident: [String: Int] = [:]
        var firstHousehold: [String: Int] = [:]
        var firstVolunteer: [String: Int] = [:]
        for attendance in ordered {
            let key = key(compound: attendance.placement.compoundID, theme: attendance.themeID, channel: attendance.channel.rawValue)
            add("attendances", attendance.start, key)
            if attendance.channel == .selfService || attendance.channel == .proxy { add("checkins", attendance.start, key) }
            add("volunteer_hours", attendance.start, key, attendance.hours)
            if attendance.hours > 0 { add("volunteer_attendances", attendance.start, key) }
            guard groupBy == nil || groupBy == "compound" else { continue }
            let period = bucket(attendance.start)
            if firstResident.updateValue(1, forKey: "\(attendance.residentID)@\(period)") == nil { add("unique_residents", attendance.start, key) }
            if let household = attendance.placement.householdID,
                firstHousehold.updateValue(1, forKey: "\(household)@\(period)") == nil
            {
                add("households_attended", attendance.start, key)
            }
            if attendance.hours > 0, firstVolunteer.updateValue(1, forKey: "\(attendance.residentID)@\(period)") == nil {
                add("active_volunteers", attendance.start, key)
            }
        }
        let activities = Dictionary(uniqueKeysWithValues: city.activities.map { ($0.id, $0) })
        // Walk-ins' seats are attendances, not sign-ups: registrations count self and proxy only.
        for registration in city.registrations where registration.channel != .walkIn {
            let theme = activities[registration.activityID]?.themeID
            let signUp = registration.start.addingTimeInterval(-City.signUpLead)
            let followUp = registration.start.addingTimeInterval(-City.followUpLead)
            func seat(_ delta: Double, at moment: Date) {
                let compound = city.placement(of: registration.residentID, at: moment).compoundID
                add("registrations", registration.start, key(compound: compound, theme: theme, channel: registration.channel.rawValue), delta)
            }
            if !registration.promoted { seat(1, at: signUp) }
            if registration.promoted { seat(1, at: followUp) }
            if registration.cancelled { seat(-1, at: followUp) }
        }
        for activity in city.activities where activity.start < city.end {
            add("activities_held", activity.start, key(compound: activity.compoundID, theme: activity.themeID))
        }
        for entry in city.points {
            let compound = city.placement(of: entry.residentID, at: entry.at).compoundID
            add("points_awarded", entry.at, key(compound: compound), Double(entry.delta))
            add("points_entries", entry.at, key(compound: compound))
        }
        for checkIn in city.memberCheckIns {
            add("member_checkins", checkIn.at, key(compound: city.placement(of: checkIn.residentID, at: checkIn.at).compoundID))
        }
    }

    mutating func computeGovernance() {
        for concern in city.concerns {
            let key = key(compound: concern.placement.compoundID)
            add("concerns_raised", concern.raisedAt, key)
            if let settled = concern.settledAt {
                add("concerns_settled", settled, key)
                if let key {
                    let pair = Pair(bucket: bucket(settled), key: key)
                    hours[pair, default: []].append(Int((settled.timeIntervalSince(concern.raisedAt) / 3_600).rounded()))
                }
            }
            if let reopened = concern.reopenedAt { add("concerns_reopened", reopened, key) }
        }
        for meeting in city.meetings { add("council_meetings", meeting.heldAt, key(compound: meeting.compoundID)) }
        for delivery in city.deliveries {
            let key = key(compound: delivery.compoundID ?? 0, channel: delivery.channel)
            add(delivery.sent ? "notifications_sent" : "notifications_failed", delivery.at, key)
        }
    }
}
