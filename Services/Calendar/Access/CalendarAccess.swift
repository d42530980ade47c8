import Foundation
import Postgres
import ServiceKit

/// What a principal may do with the calendar's objects.
///
/// Staff (admin, district offices over their areas, secretaries over their compounds) manage a
/// compound's activities, venues, registrations and attendance. Residents and heads read what is
/// published in the compounds they belong to and register themselves or the households they cover.
/// An object outside the caller's scope is reported as missing (404), never as forbidden.
struct CalendarAccess {
    let principal: Principal

    /// Whether the principal manages this compound's calendar.
    func manages(compoundID: Int, areaPath: [Int]) -> Bool {
        principal.manages(ObjectScope(areaPath: areaPath, compoundID: compoundID))
    }

    /// Whether the principal is staff at all (lists of drafts, venues, themes).
    var isStaff: Bool { principal.isStaff }

    /// Whether the principal may read an activity: its managers always, residents and heads of its
    /// compound once it is published (or cancelled, so they learn of it).
    func mayRead(_ activity: ActivityRecord, homeCompounds: Set<Int>) -> Bool {
        if manages(compoundID: activity.compoundID, areaPath: activity.areaPath) { return true }
        return activity.state != .draft && homeCompounds.contains(activity.compoundID)
    }

    /// The activity if the principal may read it, else 404.
    func readable(_ activity: ActivityRecord?, now: Date, on tx: isolated PostgresConnection) throws -> ActivityRecord {
        guard let activity else { throw Refusal.notFound("activity") }
        if manages(compoundID: activity.compoundID, areaPath: activity.areaPath) { return activity }
        let home = try Residency.homeCompounds(of: principal, now: now, on: tx)
        guard mayRead(activity, homeCompounds: home) else { throw Refusal.notFound("activity") }
        return activity
    }

    /// The activity if the principal manages it; 404 if they cannot even see it, 403 if they only read it.
    func managed(_ activity: ActivityRecord?, now: Date, on tx: isolated PostgresConnection) throws -> ActivityRecord {
        let activity = try readable(activity, now: now, on: tx)
        guard manages(compoundID: activity.compoundID, areaPath: activity.areaPath) else {
            throw Refusal.forbidden("only the compound's staff change its activities")
        }
        return activity
    }
}
