import AnalyticsCity
import AnalyticsService
import Foundation

extension ExpectedFigures {
    /// The gauges as they are at the end of the generated period, per key (no snapshots exist, so every bucket shows them).
    var gauges: [String: [String: Double]] {
        var gauges: [String: [String: Double]] = [:]
        func add(_ name: String, _ compound: Int, _ amount: Double = 1) {
            guard let key = key(compound: compound) else { return }
            gauges[name, default: [:]][key, default: 0] += amount
        }
        let covered = Set(city.heads.filter { !$0.vacated }.flatMap(\.householdIDs))
        for household in city.households {
            add("households", household.compoundID)
            if covered.contains(household.id) { add("households_with_head", household.compoundID) }
        }
        for compound in city.compounds {
            if compound.hasBranch { add("compounds_with_branch", compound.id) }
            if compound.hasGroupChat { add("compounds_with_group_chat", compound.id) }
            if compound.hasRobot { add("compounds_with_robot", compound.id) }
        }
        if groupBy == "star" {
            var latest: [Int: City.PointsEntry] = [:]
            for entry in city.points where (latest[entry.residentID]?.id ?? 0) < entry.id { latest[entry.residentID] = entry }
            for resident in city.residents { gauges["residents", default: [:]][String(latest[resident.id]?.starLevel ?? 0), default: 0] += 1 }
        }
        return gauges
    }

    func component(_ name: String, _ pair: Pair) -> Double { components[name]?[pair] ?? 0 }

    /// Every (bucket, key) with any component, for checking that the API leaves none out.
    var pairs: Set<Pair> {
        var pairs = Set(components.values.flatMap(\.keys))
        pairs.formUnion(hours.keys)
        return pairs
    }

    /// The expected value and whether it is suppressed.
    func value(_ metric: String, _ pair: Pair) -> (Double?, Bool) {
        let gauges = self.gauges
        func c(_ name: String) -> Double { component(name, pair) }
        func g(_ name: String) -> Double { gauges[name]?[pair.key] ?? 0 }
        func ratio(_ numerator: Double, _ denominator: Double) -> Double? { denominator > 0 ? numerator / denominator : nil }
        func people(_ value: Double?, _ counts: [Double]) -> (Double?, Bool) {
            let suppressed = value != nil && counts.contains { $0 > 0 && $0 < threshold }
            return (suppressed ? nil : value, suppressed)
        }
        switch metric {
        case "activities-held": return (c("activities_held"), false)
        case "attendances": return people(c("attendances"), [c("attendances")])
        case "unique-residents": return people(c("unique_residents"), [c("unique_residents")])
        case "households-reached": return people(c("households_attended"), [c("households_attended")])
        case "household-coverage":
            return people(ratio(c("households_attended"), g("households")), [c("households_attended"), g("households")])
        case "registrations": return people(c("registrations"), [c("registrations")])
        case "check-ins": return people(c("checkins"), [c("checkins")])
        case "no-show-rate":
            return people(ratio(c("checkins"), c("registrations")).map { max(0, 1 - $0) }, [c("registrations"), c("checkins")])
        case "volunteer-hours": return people(c("volunteer_hours"), [c("volunteer_attendances")])
        case "active-volunteers": return people(c("active_volunteers"), [c("active_volunteers")])
        case "points-awarded": return people(c("points_awarded"), [c("points_entries")])
        case "star-distribution": return people(g("residents"), [g("residents")])
        case "neighbour-head-coverage": return (ratio(g("households_with_head"), g("households")), false)
        case "compounds-with-branch": return (g("compounds_with_branch"), false)
        case "compounds-with-group-chat": return (g("compounds_with_group_chat"), false)
        case "compounds-with-robot": return (g("compounds_with_robot"), false)
        case "concerns-raised": return (c("concerns_raised"), false)
        case "concerns-settled": return (c("concerns_settled"), false)
        case "time-to-settle-p50": return (percentile(0.5, hours[pair] ?? []), false)
        case "time-to-settle-p90": return (percentile(0.9, hours[pair] ?? []), false)
        case "reopen-rate": return (ratio(c("concerns_reopened"), c("concerns_settled")), false)
        case "council-meetings-held": return (c("council_meetings"), false)
        case "member-check-ins": return people(c("member_checkins"), [c("member_checkins")])
        case "notifications-sent": return (c("notifications_sent"), false)
        case "notification-delivery-rate":
            return (ratio(c("notifications_sent"), c("notifications_sent") + c("notifications_failed")), false)
        case "notification-failure-rate":
            return (ratio(c("notifications_failed"), c("notifications_sent") + c("notifications_failed")), false)
        default: return (nil, false)
        }
    }

    /// Nearest rank: the value at position ⌈p·n⌉ of the sorted list.
    func percentile(_ p: Double, _ values: [Int]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = max(1, Int((p * Double(sorted.count)).rounded(.up)))
        return Double(sorted[rank - 1])
    }
}
