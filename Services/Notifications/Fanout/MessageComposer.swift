import Foundation
import Models

/// Builds the message each event or reminder causes: its kind, template values, audience and source.
struct MessageComposer: Sendable {
    /// The zone times are written in (the quiet hours' zone).
    let timeZone: TimeZone

    /// `12月6日 09:30` in the service's zone.
    func time(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.month, .day, .hour, .minute], from: date)
        return String(format: "%d月%d日 %02d:%02d", parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0)
    }

    func activityContext(_ activity: ActivitySummary) -> TemplateContext {
        var context: TemplateContext = [
            "title": .text(activity.title), "time": .text(time(activity.startsAt)), "link": .text(activity.link),
            "points": .text(String(activity.points)),
        ]
        context["venue"] = .optional(activity.venue)
        context["capacity"] = .optional(activity.capacity.map(String.init))
        return context
    }

    func published(_ event: ActivityPublished) -> NewMessage {
        let activity = event.activity
        return NewMessage(
            sourceKey: event.eventID,
            kind: MessageKind.activityPublished,
            compoundID: activity.compoundID,
            areaPath: activity.areaPath,
            context: activityContext(activity),
            link: activity.link,
            audience: .compound(activity.compoundID)
        )
    }

    func changed(_ event: ActivityChanged) -> NewMessage {
        var context = activityContext(event.activity)
        context["changes"] = .texts(event.changes)
        context["occurrence"] = .optional(event.occurrenceStart.map(time))
        return NewMessage(
            sourceKey: event.eventID,
            kind: MessageKind.activityChanged,
            compoundID: event.activity.compoundID,
            areaPath: event.activity.areaPath,
            context: context,
            link: event.activity.link,
            audience: .registered(activityID: event.activity.activityID, occurrence: event.occurrenceStart, statuses: [.confirmed, .waitlisted])
        )
    }

    func cancelled(_ event: ActivityCancelled) -> NewMessage {
        var context = activityContext(event.activity)
        context["occurrence"] = .optional(event.occurrenceStart.map(time))
        context["reason"] = .optional(event.reason)
        return NewMessage(
            sourceKey: event.eventID,
            kind: MessageKind.activityCancelled,
            compoundID: event.activity.compoundID,
            areaPath: event.activity.areaPath,
            context: context,
            link: event.activity.link,
            audience: .registered(activityID: event.activity.activityID, occurrence: event.occurrenceStart, statuses: [.confirmed, .waitlisted])
        )
    }

    /// A reminder reaches the residents whose seats are confirmed when it runs.
    func reminder(_ job: ActivityReminder) -> NewMessage {
        var context = activityContext(job.activity)
        context["time"] = .text(time(job.occurrenceStart))
        let kind = job.leadTime == "2h" ? MessageKind.reminder2h : MessageKind.reminder24h
        return NewMessage(
            sourceKey: "reminder:\(job.activity.activityID):\(Int(job.occurrenceStart.timeIntervalSince1970)):\(job.leadTime)",
            kind: kind,
            compoundID: job.activity.compoundID,
            areaPath: job.activity.areaPath,
            context: context,
            link: job.activity.link,
            audience: .registered(activityID: job.activity.activityID, occurrence: job.occurrenceStart, statuses: [.confirmed])
        )
    }

    /// A registration's confirmation, waitlisting or promotion, to the resident; `activity` comes from the projection.
    func registration(_ summary: RegistrationSummary, kind: String, eventID: String, activity: ProjectedActivity?) -> NewMessage {
        var context: TemplateContext = [
            "title": .text(activity?.title ?? "活动 #\(summary.activityID)"), "time": .text(time(summary.occurrenceStart)),
        ]
        context["venue"] = .optional(activity?.venue)
        context["link"] = .optional(activity?.link)
        return NewMessage(
            sourceKey: eventID,
            kind: kind,
            compoundID: summary.compoundID,
            context: context,
            link: activity?.link,
            audience: .residents([summary.residentID])
        )
    }

    /// Points awarded, and a separate message when a new star level was reached.
    func points(_ event: PointsAwarded) -> [NewMessage] {
        var messages = [
            NewMessage(
                sourceKey: event.eventID,
                kind: MessageKind.pointsAwarded,
                compoundID: event.compoundID,
                context: [
                    "delta": .text(event.delta > 0 ? "+\(event.delta)" : String(event.delta)), "reason": .text(Self.reason(event.reason)),
                    "balance": .text(String(event.balance)),
                ],
                audience: .residents([event.residentID])
            )
        ]
        if let star = event.starReached {
            messages.append(
                NewMessage(
                    sourceKey: event.eventID + ":star",
                    kind: MessageKind.starReached,
                    compoundID: event.compoundID,
                    context: ["star": .text(Self.chineseNumber(star)), "balance": .text(String(event.balance))],
                    audience: .residents([event.residentID])
                )
            )
        }
        return messages
    }

    static func reason(_ code: String) -> String {
        ["attendance": "参加活动", "volunteer-hours": "志愿服务", "reversal": "更正", "reward": "兑换礼遇"][code] ?? code
    }

    static func chineseNumber(_ value: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        return (0...10).contains(value) ? digits[value] : String(value)
    }
}
