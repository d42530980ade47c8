import Foundation
import Models

extension City {
    /// When a registration's events happen: sign-up two days before, promotion or cancellation one day before.
    public static let signUpLead: TimeInterval = 2 * 86_400
    public static let followUpLead: TimeInterval = 86_400

    /// Everything that happened at a time, each with that time.
    public func timedEvents() -> [TimedEvent] {
        var events: [TimedEvent] = []
        let activityByID = Dictionary(uniqueKeysWithValues: activities.map { ($0.id, $0) })
        for registration in registrations {
            let activity = activityByID[registration.activityID]!
            let placement = placement(of: registration.residentID, at: registration.start.addingTimeInterval(-Self.signUpLead))
            let summary = RegistrationSummary(
                registrationID: registration.id,
                activityID: activity.id,
                occurrenceStart: activity.start,
                compoundID: activity.compoundID,
                residentID: registration.residentID,
                householdID: placement.householdID,
                channel: registration.channel,
                registeredBy: registration.channel == .proxy ? 1 : nil
            )
            let signUp = registration.start.addingTimeInterval(-Self.signUpLead)
            let followUp = registration.start.addingTimeInterval(-Self.followUpLead)
            events.append(
                TimedEvent(
                    at: signUp,
                    event: RegistrationCreated(registration: summary, status: registration.promoted ? .waitlisted : .confirmed, at: signUp)
                )
            )
            if registration.promoted { events.append(TimedEvent(at: followUp, event: RegistrationPromoted(registration: summary, at: followUp))) }
            if registration.cancelled { events.append(TimedEvent(at: followUp, event: RegistrationCancelled(registration: summary, at: followUp))) }
        }
        for attendance in attendances {
            let event = AttendanceRecorded(
                attendanceID: attendance.id,
                activityID: attendance.activityID,
                occurrenceStart: attendance.start,
                themeID: attendance.themeID,
                residentID: attendance.residentID,
                placement: attendance.placement,
                channel: attendance.channel,
                volunteerRole: attendance.hours > 0 ? "服务" : nil,
                volunteerHours: attendance.hours,
                points: attendance.points,
                at: attendance.start.addingTimeInterval(10_800)
            )
            events.append(TimedEvent(at: attendance.start, event: event))
        }
        var counts: [Int: (registrations: Int, attendance: Int, hours: Double)] = [:]
        for attendance in attendances {
            var count = counts[attendance.activityID] ?? (0, 0, 0)
            count.attendance += 1
            count.hours += attendance.hours
            counts[attendance.activityID] = count
        }
        for activity in activities where activity.start < end {
            let compound = compound(activity.compoundID)
            let count = counts[activity.id] ?? (0, 0, 0)
            let held = ActivityHeld(
                activityID: activity.id,
                occurrenceStart: activity.start,
                compoundID: compound.id,
                areaPath: compound.areaPath,
                themeID: activity.themeID,
                registrations: count.registrations,
                attendance: count.attendance,
                volunteerHours: count.hours,
                revision: 1
            )
            events.append(TimedEvent(at: activity.start.addingTimeInterval(7_200), event: held))
        }
        for entry in points {
            let event = PointsAwarded(
                entryID: entry.id,
                residentID: entry.residentID,
                compoundID: entry.compoundID,
                delta: entry.delta,
                reason: "attendance",
                sourceRef: "attendance:\(entry.id)",
                balance: entry.balance,
                starLevel: entry.starLevel,
                starReached: nil,
                awardedAt: entry.at
            )
            events.append(TimedEvent(at: entry.at, event: event))
        }
        for checkIn in memberCheckIns {
            let event = MemberCheckedIn(
                checkInID: checkIn.id,
                residentID: checkIn.residentID,
                compoundID: checkIn.compoundID,
                pledges: ["为民服务"],
                at: checkIn.at
            )
            events.append(TimedEvent(at: checkIn.at, event: event))
        }
        events += governanceEvents()
        return events
    }

    func governanceEvents() -> [TimedEvent] {
        var events: [TimedEvent] = []
        for concern in concerns {
            let summary = ConcernSummary(
                concernID: concern.id,
                placement: concern.placement,
                category: "环境卫生",
                source: "group-chat",
                title: "楼道堆放杂物",
                reporterResidentID: nil,
                raisedAt: concern.raisedAt
            )
            events.append(TimedEvent(at: concern.raisedAt, event: ConcernRaised(concern: summary)))
            if let settled = concern.settledAt {
                events.append(TimedEvent(at: settled, event: ConcernSettled(concern: summary, settledAt: settled, revision: 3)))
            }
            if let reopened = concern.reopenedAt {
                events.append(TimedEvent(at: reopened, event: ConcernReopened(concern: summary, reopenedAt: reopened, revision: 4)))
            }
        }
        for meeting in meetings {
            let compound = compound(meeting.compoundID)
            let event = CouncilMeetingHeld(
                meetingID: meeting.id,
                compoundID: compound.id,
                areaPath: compound.areaPath,
                heldAt: meeting.heldAt,
                partiesPresent: CouncilParty.all,
                quorumMet: true
            )
            events.append(TimedEvent(at: meeting.heldAt, event: event))
        }
        for delivery in deliveries {
            let event = NotificationDelivered(
                deliveryID: delivery.id,
                kind: "activity.published",
                channel: delivery.channel,
                compoundID: delivery.compoundID,
                status: delivery.sent ? "sent" : "given-up",
                attempts: delivery.sent ? 1 : 5,
                at: delivery.at
            )
            events.append(TimedEvent(at: delivery.at, event: event))
        }
        return events
    }
}
