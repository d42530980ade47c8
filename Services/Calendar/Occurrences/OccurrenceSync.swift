import CalendarCore
import Foundation
import Postgres
import ServiceKit

/// Brings an activity's materialised occurrences in line with its series, from `from` up to the horizon.
///
/// Occurrences before `from` are history and stay as they are. An occurrence whose start the series
/// no longer produces keeps its registrations if the series still has an occurrence on the same
/// local date (a re-timed series moves them along); otherwise the change is refused while it has
/// registrations, kept as cancelled history if it had any, and deleted if it never had.
struct OccurrenceSync {
    /// What a sync changed.
    struct Outcome: Sendable {
        /// Every occurrence from `from` on, after the sync.
        var current: [OccurrenceRecord] = []
        /// Occurrences that were taken out (deleted or kept as cancelled history), marked cancelled.
        var removed: [OccurrenceRecord] = []
        /// Occurrences whose seats may need resizing: (before, after).
        var resized: [(OccurrenceRecord, OccurrenceRecord)] = []
    }

    let activity: ActivityRecord
    let series: EventSeries
    /// The most occurrences one activity may have within the horizon.
    static let limit = 2_000

    /// The occurrences the series has in the window, as rows to store (ids are 0 until inserted).
    func expected(from: Date, until: Date) throws -> [OccurrenceRecord] {
        let occurrences: [EventOccurrence]
        do {
            occurrences = try series.occurrences(in: from..<until, limit: Self.limit)
        } catch {
            throw Refusal.invalid("recurrence", "the series has more than \(Self.limit) occurrences within the horizon")
        }
        let fields = activity.fields
        return occurrences.filter { $0.startInstant >= from }.map { occurrence in
            let capacity = occurrence.details.capacity ?? fields.capacity
            return OccurrenceRecord(
                id: 0,
                activityID: activity.id,
                recurrenceID: occurrence.recurrenceID.description,
                startsAt: occurrence.startInstant,
                endsAt: occurrence.endInstant,
                roomID: fields.roomID,
                capacity: capacity,
                reservedSeats: min(fields.reservedSeats, capacity ?? 0),
                cancelled: occurrence.status == .cancelled,
                remindedFor: nil
            )
        }
    }

    /// Applies the series to the stored occurrences.
    /// - Throws: 409 `occurrence-has-registrations` when the change would drop an occurrence people are registered for.
    func run(from: Date, until: Date, on tx: isolated PostgresConnection) throws -> Outcome {
        var wanted = try expected(from: from, until: until)
        let existing = try OccurrenceStore.upcoming(activityID: activity.id, from: from, on: tx)
        var outcome = Outcome()
        var updates: [OccurrenceRecord] = []
        var unmatched: [OccurrenceRecord] = []
        var wantedByKey = Dictionary(wanted.enumerated().map { ($0.element.recurrenceID, $0.offset) }, uniquingKeysWith: { first, _ in first })
        var taken = Set<Int>()
        for row in existing {
            guard let index = wantedByKey[row.recurrenceID] else {
                unmatched.append(row)
                continue
            }
            taken.insert(index)
            wantedByKey[row.recurrenceID] = nil
            var next = wanted[index]
            next.id = row.id
            next.remindedFor = row.remindedFor
            if next != row { updates.append(next) }
            if next.capacity != row.capacity || next.reservedSeats != row.reservedSeats { outcome.resized.append((row, next)) }
            wanted[index] = next
        }
        let usage = try OccurrenceStore.usage(unmatched.map(\.id), on: tx)
        var deleted: [Int] = []
        for row in unmatched {
            guard usage.history.contains(row.id) else {
                var gone = row
                gone.cancelled = true
                deleted.append(row.id)
                outcome.removed.append(gone)
                continue
            }
            // Re-timed: the series still has an occurrence that day, so the registrations move with it.
            let date = row.recurrenceID.prefix(10)
            if let index = wanted.indices.first(where: { !taken.contains($0) && wanted[$0].recurrenceID.hasPrefix(date) }) {
                taken.insert(index)
                var next = wanted[index]
                next.id = row.id
                next.remindedFor = row.remindedFor
                updates.append(next)
                if next.capacity != row.capacity || next.reservedSeats != row.reservedSeats { outcome.resized.append((row, next)) }
                wanted[index] = next
                continue
            }
            guard !usage.active.contains(row.id) else {
                let local = LocalDateTime(text: row.recurrenceID).map(ChineseTime.dayAndTime) ?? row.recurrenceID
                throw Refusal.conflict(
                    "the change removes the occurrence of \(local), which has registrations: cancel that occurrence first",
                    code: "occurrence-has-registrations"
                )
            }
            var kept = row
            kept.cancelled = true
            updates.append(kept)
            outcome.removed.append(kept)
        }
        try OccurrenceStore.update(updates, on: tx)
        try OccurrenceStore.delete(deleted, on: tx)
        let inserted = try OccurrenceStore.insert(wanted.indices.filter { !taken.contains($0) }.map { wanted[$0] }, on: tx)
        outcome.current = (wanted.filter { $0.id != 0 } + inserted).sorted { ($0.startsAt, $0.id) < ($1.startsAt, $1.id) }
        try ActivityStore.setMaterialised(activity.id, until: until, on: tx)
        return outcome
    }
}
