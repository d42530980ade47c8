import CalendarCore
import Foundation
import Models

/// What the calendar's events say about an activity, and what changed in words for the people told.
enum ActivityEvents {
    /// The summary every activity event and reminder carries; times are the series' first occurrence.
    static func summary(_ record: ActivityRecord, series: EventSeries?, link: String) -> ActivitySummary {
        let zone = ActivitySeries.timeZone(of: record)
        let start = series?.recurrence.start.instant(in: zone) ?? Date(timeIntervalSince1970: 0)
        return ActivitySummary(
            activityID: record.id,
            compoundID: record.compoundID,
            areaPath: record.areaPath,
            themeID: record.themeID,
            title: record.fields.title,
            venue: record.place,
            startsAt: start,
            endsAt: start.addingTimeInterval(TimeInterval(record.fields.durationMinutes * 60)),
            recurrence: record.fields.recurrence,
            capacity: record.fields.capacity,
            link: link,
            points: record.fields.earnsPoints ? record.fields.points : 0
        )
    }

    /// The changes between two versions of an activity, e.g. `时间改为 3月8日 09:30`.
    static func changes(from old: ActivityRecord, to new: ActivityRecord) -> [String] {
        let before = old.fields
        let after = new.fields
        var changes: [String] = []
        if before.title != after.title { changes.append("标题改为 \(after.title)") }
        if before.start != after.start || before.durationMinutes != after.durationMinutes {
            let time = after.startTime.map(ChineseTime.dayAndTime) ?? "待定"
            changes.append("时间改为 \(time)，时长 \(after.durationMinutes) 分钟")
        }
        if before.recurrence != after.recurrence || before.rdates != after.rdates || before.exdates != after.exdates {
            changes.append("重复安排改为 \(after.recurrence ?? "不重复")")
        }
        if old.place != new.place { changes.append("地点改为 \(new.place ?? "待定")") }
        if before.capacity != after.capacity { changes.append(after.capacity.map { "名额改为 \($0)" } ?? "名额不限") }
        if before.earnsPoints != after.earnsPoints || before.points != after.points {
            changes.append(after.earnsPoints ? "参加可得 \(after.points) 积分" : "不再计积分")
        }
        if before.notes != after.notes { changes.append("活动说明已更新") }
        return changes.isEmpty ? ["活动安排已更新"] : changes
    }

    /// The changes made to one occurrence.
    static func changes(from old: OccurrenceOverride?, to new: OccurrenceOverride, series: EventSeries) -> [String] {
        var changes: [String] = []
        if old?.start != new.start || old?.duration != new.duration {
            let start = new.start ?? new.recurrenceID
            let minutes = Int((new.duration ?? series.recurrence.duration).components.seconds / 60)
            changes.append("时间改为 \(ChineseTime.dayAndTime(start))，时长 \(minutes) 分钟")
        }
        if old?.title != new.title, let title = new.title { changes.append("标题改为 \(title)") }
        if old?.location != new.location, let location = new.location { changes.append("地点改为 \(location)") }
        if old?.capacity != new.capacity, let capacity = new.capacity { changes.append("名额改为 \(capacity)") }
        return changes.isEmpty ? ["本次活动安排已更新"] : changes
    }
}
