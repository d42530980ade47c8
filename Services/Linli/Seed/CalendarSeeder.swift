import Foundation

/// Fills the calendar through its API: a service station per compound, twelve monthly themes from the
/// city (published, so every compound gets a draft), and each compound adjusting its drafts (a date in
/// the month, its station, a capacity) and publishing them; then sign-ups and attendance (see the
/// `+Attendance` extension).
struct CalendarSeeder {
    let calendar: APIClient
    let tokens: SeedTokens
    let city: RegistrySeeder.Result
    let now: Date

    /// What the seed did, for the summary line.
    struct Figures: Sendable {
        var themes = 0
        var activities = 0
        var registrations = 0
        var attendances = 0
        var cancellations = 0

        static func + (lhs: Figures, rhs: Figures) -> Figures {
            Figures(
                themes: lhs.themes + rhs.themes,
                activities: lhs.activities + rhs.activities,
                registrations: lhs.registrations + rhs.registrations,
                attendances: lhs.attendances + rhs.attendances,
                cancellations: lhs.cancellations + rhs.cancellations
            )
        }
    }

    func seed(progress: Progress) async throws -> Figures {
        progress.step("calendar: a service station in each compound")
        var venues: [Int: Int] = [:]
        for (index, compound) in city.compoundIDs.enumerated() {
            // Creating the station also waits until the calendar has seen the compound from the registry's events.
            let venue = try await calendar.eventually(
                "POST",
                "/v1/venues",
                json: #"{"compoundID":\#(compound),"kind":"service-station","name":"\#(DemoCity.compoundNames[index])党群服务站","capacity":80}"#
            )
            guard let id = venue["id"] as? Int else { throw calendar.failure("POST", "/v1/venues", "answered a venue without an id") }
            venues[compound] = id
            progress.advance(of: city.compoundIDs.count, "stations")
        }
        progress.step("calendar: \(SeedClock.months(around: now).count) monthly themes published city-wide")
        var themeMonths: [Int: (year: Int, month: Int)] = [:]
        for (year, month) in SeedClock.months(around: now) {
            let suggested = SeedClock.local(year: year, month: month, day: 15, hour: 9, minute: 30).text
            let theme = try await calendar.create(
                "/v1/themes",
                #"""
                {"month":"\#(String(format: "%04d-%02d", year, month))","title":"\#(DemoCity.themes[month - 1])","scopeAreaIDs":[\#(city.cityID)],
                 "guidance":"各小区结合实际组织开展，党员带头、居民参与。","formats":["志愿服务","文体活动"],"capacity":40,
                 "volunteerRoles":["签到","引导"],"earnsPoints":true,"points":5,"suggestedStart":"\#(suggested)","durationMinutes":120}
                """#
            )
            try await calendar.send("POST", "/v1/themes/\(theme)/publish")
            themeMonths[theme] = (year, month)
        }
        progress.step("calendar: each compound publishes its year, takes sign-ups and records attendance")
        let frozenMonths = themeMonths
        let venueOf = venues
        return try await withThrowingTaskGroup(of: Figures.self) { group in
            for (index, compound) in city.compoundIDs.enumerated() {
                group.addTask {
                    try await seedCompound(compound, index: index, venue: venueOf[compound] ?? 0, months: frozenMonths, progress: progress)
                }
            }
            var total = Figures(themes: frozenMonths.count)
            for try await figures in group { total = total + figures }
            return total
        }
    }

    /// Publishes the compound's theme drafts on a day of their month at its station, then registers and records attendance.
    private func seedCompound(
        _ compound: Int,
        index: Int,
        venue: Int,
        months: [Int: (year: Int, month: Int)],
        progress: Progress
    ) async throws -> Figures {
        var figures = Figures()
        let drafts = try await calendar.items("/v1/activities?compoundID=\(compound)&state=draft&limit=100")
        for draft in drafts {
            guard let id = draft["id"] as? Int, let theme = draft["themeID"] as? Int, let when = months[theme] else { continue }
            let (year, month) = (when.year, when.month)
            let start = DemoCity.activityStart(compound: index, year: year, month: month)
            try await calendar.send(
                "PATCH",
                "/v1/activities/\(id)",
                json: #"{"venueID":\#(venue),"start":"\#(start.text)","durationMinutes":120,"capacity":\#(30 + index % 3 * 5)}"#
            )
            try await calendar.send("POST", "/v1/activities/\(id)/publish")
            figures.activities += 1
            let occurrence = Occurrence(activityID: id, start: start.text, index: index, month: month)
            if start.instant < now {
                figures = figures + (try await recordAttendance(occurrence, compound: compound))
            } else {
                figures = figures + (try await takeSignUps(occurrence, compound: compound))
            }
            progress.advance(of: city.compoundIDs.count * months.count, "activities with their sign-ups or attendance")
        }
        return figures
    }

    /// One published occurrence being seeded.
    struct Occurrence {
        let activityID: Int
        let start: String
        let index: Int
        let month: Int

        var path: String { "/v1/activities/\(activityID)/occurrences/\(start)" }
    }
}
