import AnalyticsService
import Foundation
import Models
import Postgres

extension CityLoader {
    /// Places (id = compound id), compounds, group chats, households, residents and neighbour heads.
    static func loadTerritory(_ scale: CityScale, start: Date, on connection: isolated PostgresConnection) throws {
        let compounds = CityGenerator.compounds(scale)
        try connection.copy(
            into: "analytics.places",
            columns: ["id", "compound_id", "grid_id", "area_path"],
            rows: compounds.lazy.map { [$0.id, $0.id, $0.gridID, $0.areaPath] }
        )
        try connection.execute("SELECT setval(pg_get_serial_sequence('analytics.places', 'id'), \(scale.compounds))")
        try connection.copy(
            into: "analytics.compounds",
            columns: ["compound_id", "name", "place_id", "has_party_branch", "has_owners_committee", "has_property_company", "revision"],
            rows: compounds.lazy.map { [$0.id, $0.name, $0.id, $0.hasBranch, $0.id % 2 == 0, true, 1] }
        )
        try connection.copy(
            into: "analytics.group_chats",
            columns: ["chat_id", "compound_id", "has_robot", "revision"],
            rows: compounds.lazy.filter(\.hasGroupChat).map { [$0.id, $0.id, $0.hasRobot, 1] }
        )
        let (households, residents, n) = (scale.households, scale.residents, scale.compounds)
        try connection.copy(
            into: "analytics.households",
            columns: ["household_id", "place_id", "dissolved", "revision"],
            rows: (0..<households).lazy.map { [$0 + 1, $0 % n + 1, false, 1] }
        )
        try connection.copy(
            into: "analytics.residents",
            columns: ["resident_id", "birth_year", "place_id", "household_id", "star_level", "revision"],
            rows: (0..<residents).lazy.map { r -> [(any PostgresEncodable)?] in
                let h = r % households
                return [r + 1, birthYear(resident: r + 1), h % n + 1, h + 1, r % 11 == 0 ? 2 : (r % 3 == 0 ? 1 : 0), 1]
            }
        )
        // Neighbour heads link groups of 10 households of a compound; every fourth group has none.
        let covered = (0..<households).lazy.filter { h in (h / n / 10) % 4 != 3 }
        let heads = covered.map { (h: Int) -> [(any PostgresEncodable)?] in
            let assignment: Int = (h % n) * 100_000 + h / n / 10 + 1
            return [h + 1, assignment]
        }
        try connection.copy(into: "analytics.household_heads", columns: ["household_id", "assignment_id"], rows: heads)
    }

    /// Attendance facts (and activities held, concerns raised and settled), with their dimensions.
    static func loadFacts(
        _ scale: CityScale,
        activities: [(id: Int, compoundID: Int, themeID: Int?, start: Date)],
        end: Date,
        buckets: Buckets,
        on connection: isolated PostgresConnection
    ) throws -> Int {
        let columns = [
            "id", "kind", "source_id", "variant", "occurred_at", "recorded_at", "place_id", "building_id", "household_id", "resident_id",
            "age_band", "channel", "theme_id", "quantity", "points",
        ]
        let (households, residents, n) = (scale.households, scale.residents, scale.compounds)
        let perCompound = max(1, households / n)
        let years = activities.map { buckets.calendar.component(.year, from: $0.start) }
        var rng = SeededGenerator(seed: scale.seed)
        let attendances = (0..<scale.attendances).lazy.map { index -> [(any PostgresEncodable)?] in
            let pick = Int(rng.next() % UInt64(activities.count))
            let activity = activities[pick]
            let roll = rng.next()
            var h = activity.compoundID - 1 + n * Int(roll % UInt64(perCompound))
            if roll >> 60 == 0 || h >= households { h = Int((roll >> 8) % UInt64(households)) }
            let living = (residents - 1 - h) / households + 1
            let r = h + households * Int((roll >> 20) % UInt64(living))
            let channel = CityGenerator.channel(roll >> 32)
            let hours = CityGenerator.hours(roll >> 40)
            return [
                index + 1, "attendance.recorded", index + 1, 0, activity.start, activity.start.addingTimeInterval(10_800), h % n + 1,
                (h % n + 1) * 100 + (h / n) % 8, h + 1, r + 1, AgeBand.of(birthYear: birthYear(resident: r + 1), in: years[pick]),
                channel.rawValue, activity.themeID, hours, hours > 0 ? 10 : 5,
            ]
        }
        var total = try connection.copy(into: "analytics.facts", columns: columns, rows: attendances)
        let base = scale.attendances
        let held = activities.lazy.filter { $0.start < end }.enumerated().map { offset, activity -> [(any PostgresEncodable)?] in
            [
                base + offset + 1, "activity.held", activity.id, Int(activity.start.timeIntervalSince1970), activity.start, activity.start,
                activity.compoundID, nil, nil, nil, nil, nil, activity.themeID, 0.0, 0,
            ]
        }
        total += try connection.copy(into: "analytics.facts", columns: columns, rows: held)
        // Two concerns a compound a month, four in five settled after 4–200 hours.
        let concerns = activities.lazy.filter { $0.themeID != nil }.flatMap { activity -> [[(any PostgresEncodable)?]] in
            (0..<2).flatMap { slot -> [[(any PostgresEncodable)?]] in
                let id = activity.id * 2 + slot
                let raised = activity.start.addingTimeInterval(Double(slot) * 5 * 86_400)
                var rows: [[(any PostgresEncodable)?]] = [
                    [
                        base + 1_000_000 + id * 2, "concern.raised", id, 0, raised, raised, activity.compoundID, nil, nil, nil, nil, "group-chat",
                        nil, 0.0, 0,
                    ]
                ]
                let hours = Double(4 + (id * 37) % 197)
                if id % 5 != 0 {
                    let settled = raised.addingTimeInterval(hours * 3_600)
                    rows.append([
                        base + 1_000_001 + id * 2, "concern.settled", id, 3, settled, settled, activity.compoundID, nil, nil, nil, nil, nil, nil,
                        hours, 0,
                    ])
                }
                return rows
            }
        }
        total += try connection.copy(into: "analytics.facts", columns: columns, rows: concerns)
        return total
    }
}
