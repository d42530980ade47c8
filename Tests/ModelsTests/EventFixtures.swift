import Foundation
import Models

/// One sample of every published event and cross-service job, at every version, with the file its
/// golden JSON lives in.
enum EventFixtures {
    static let at = Date(timeIntervalSince1970: 1_796_000_000.25)  // 2026-11-30T…Z
    static let placement = Placement(areaPath: [1, 11, 111, 1111], compoundID: 42, gridID: 7, buildingID: 420, householdID: 4201)
    static let activity = ActivitySummary(
        activityID: 901,
        compoundID: 42,
        areaPath: [1, 11, 111, 1111],
        themeID: 12,
        title: "幸福邻里节 · 包饺子",
        venue: "党群服务站 二楼",
        startsAt: at,
        endsAt: at.addingTimeInterval(7200),
        recurrence: "FREQ=MONTHLY;BYDAY=-1SA",
        capacity: 40,
        link: "https://calendar.example/activities/901",
        points: 5
    )
    static let registration = RegistrationSummary(
        registrationID: 3001,
        activityID: 901,
        occurrenceStart: at,
        compoundID: 42,
        residentID: 77,
        householdID: 4201,
        channel: .proxy,
        registeredBy: 55
    )
    static let concern = ConcernSummary(
        concernID: 501,
        placement: placement,
        category: "parking",
        source: "group-chat",
        title: "地库积水",
        reporterResidentID: 77,
        raisedAt: at
    )

    /// (file name, value) for every contract.
    static let all: [(String, any JobPayload)] = [
        (
            "resident.registered.v1",
            ResidentRegistered(
                residentID: 77,
                name: "张桂兰",
                phone: "13800001234",
                birthYear: 1951,
                placement: placement,
                registeredAt: at,
                revision: 1
            )
        ),
        ("resident.changed.v1", ResidentChanged(residentID: 77, name: "张桂兰", phone: nil, revision: 2)),
        (
            "resident.moved.v1",
            ResidentMoved(residentID: 77, from: placement, to: Placement(areaPath: [1, 11, 112], compoundID: 43), movedAt: at, revision: 3)
        ),
        (
            "household.changed.v1",
            HouseholdChanged(householdID: 4201, placement: placement, dwelling: "3栋2单元501", memberIDs: [77, 78], dissolved: false, revision: 4)
        ),
        (
            "compound.changed.v1",
            CompoundChanged(
                compoundID: 42,
                name: "枫林小区",
                areaPath: [1, 11, 111, 1111],
                gridIDs: [7],
                hasPartyBranch: true,
                hasOwnersCommittee: true,
                hasPropertyCompany: true,
                hasRedProperty: false,
                revision: 5
            )
        ),
        (
            "head.assigned.v1",
            HeadAssigned(
                assignmentID: 61,
                level: .neighbour,
                residentID: 55,
                compoundID: 42,
                unitID: 610,
                householdIDs: [4201, 4202],
                startsOn: at,
                endsOn: nil
            )
        ),
        (
            "head.vacated.v1",
            HeadVacated(assignmentID: 61, level: .neighbour, residentID: 55, compoundID: 42, unitID: 610, householdIDs: [4201, 4202], endedOn: at)
        ),
        (
            "groupchat.changed.v1",
            GroupChatChanged(
                compoundID: 42,
                chatID: 8,
                name: "枫林小区邻里群",
                robotWebhook: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc",
                revision: 1
            )
        ),
        (
            "points.awarded.v1",
            PointsAwarded(
                entryID: 9001,
                residentID: 77,
                compoundID: 42,
                delta: 5,
                reason: "attendance",
                sourceRef: "attendance:881",
                balance: 105,
                starLevel: 2,
                starReached: 2,
                awardedAt: at
            )
        ),
        ("reward.redeemed.v1", RewardRedeemed(redemptionID: 12, residentID: 77, compoundID: 42, rewardID: 3, points: 50, state: "reserved", at: at)),
        ("member.checkedin.v1", MemberCheckedIn(checkInID: 31, residentID: 90, compoundID: 42, pledges: ["法律咨询", "周末值守"], at: at)),
        (
            "theme.published.v1",
            ThemePublished(themeID: 12, month: "2026-12", title: "冬日暖邻", scopeAreaIDs: [11], earnsPoints: true, points: 5, revision: 1)
        ),
        ("activity.published.v1", ActivityPublished(activity: activity, revision: 1)),
        ("activity.changed.v1", ActivityChanged(activity: activity, changes: ["时间改为 12月6日 09:30"], occurrenceStart: at, revision: 2)),
        ("activity.cancelled.v1", ActivityCancelled(activity: activity, occurrenceStart: nil, reason: "天气", revision: 3)),
        ("registration.created.v1", RegistrationCreated(registration: registration, status: .waitlisted, at: at)),
        ("registration.cancelled.v1", RegistrationCancelled(registration: registration, at: at)),
        ("registration.promoted.v1", RegistrationPromoted(registration: registration, at: at)),
        (
            "attendance.recorded.v1",
            AttendanceRecorded(
                attendanceID: 881,
                activityID: 901,
                occurrenceStart: at,
                themeID: 12,
                residentID: 77,
                placement: placement,
                channel: .walkIn,
                volunteerRole: "签到",
                volunteerHours: 1.5,
                points: 5,
                at: at
            )
        ),
        (
            "activity.held.v1",
            ActivityHeld(
                activityID: 901,
                occurrenceStart: at,
                compoundID: 42,
                areaPath: [1, 11, 111, 1111],
                themeID: 12,
                registrations: 40,
                attendance: 36,
                volunteerHours: 12.5,
                revision: 1
            )
        ),
        ("concern.raised.v1", ConcernRaised(concern: concern)),
        (
            "concern.updated.v1",
            ConcernUpdated(concern: concern, state: "referred", ownerParty: .propertyCompany, publicNote: "已提交议事会", revision: 2, at: at)
        ),
        ("concern.settled.v1", ConcernSettled(concern: concern, settledAt: at, revision: 3)),
        ("concern.reopened.v1", ConcernReopened(concern: concern, reopenedAt: at, revision: 4)),
        (
            "council.meeting.scheduled.v1",
            CouncilMeetingScheduled(
                meetingID: 71,
                councilID: 7,
                compoundID: 42,
                areaPath: [1, 11, 111, 1111],
                title: "十二月议事会",
                venue: "党群服务站",
                startsAt: at,
                endsAt: at.addingTimeInterval(5400),
                agenda: ["地库积水"],
                revision: 1
            )
        ),
        (
            "council.meeting.held.v1",
            CouncilMeetingHeld(
                meetingID: 71,
                compoundID: 42,
                areaPath: [1, 11, 111, 1111],
                heldAt: at,
                partiesPresent: CouncilParty.all,
                quorumMet: true
            )
        ),
        (
            "decision.recorded.v1",
            DecisionRecorded(decisionID: 81, meetingID: 71, compoundID: 42, concernIDs: [501], summary: "物业加装排水泵", actionItemCount: 2)
        ),
        (
            "action.overdue.v1",
            ActionOverdue(
                subject: "concern",
                subjectID: 501,
                compoundID: 42,
                areaPath: [1, 11, 111, 1111],
                ownerParty: .propertyCompany,
                title: "地库积水",
                dueAt: at,
                escalation: 0
            )
        ),
        (
            "notification.delivered.v1",
            NotificationDelivered(
                deliveryID: 4444,
                kind: "activity.published",
                channel: "wecom-robot",
                compoundID: 42,
                status: "sent",
                attempts: 1,
                at: at
            )
        ),
        ("notifications.activity-reminder.v1", ActivityReminder(activity: activity, occurrenceStart: at, leadTime: "24h")),
    ]
}
