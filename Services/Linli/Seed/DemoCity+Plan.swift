import Foundation

/// How much the seed makes of each thing: the seeders make it with these rules, and ``plan(now:)``
/// counts what they will make, so a seed that silently skipped something is caught.
extension DemoCity {
    /// Households imported per compound.
    static let householdsPerCompound = 24
    /// Residents checked in at the door of a past occurrence (the rest are on its paper roster).
    static let walkIns = 3
    /// Residents who sign themselves up for a coming occurrence.
    static let selfSignUps = 6
    /// Residents a neighbour head signs up for a coming occurrence.
    static let proxySignUps = 4

    /// How many people live in household `household` (0-based) of a compound: 2, 3 or 4.
    static func members(ofHousehold household: Int) -> Int { 2 + household % 3 }

    /// The residents of one compound.
    static var residentsPerCompound: Int { (0..<householdsPerCompound).map(members(ofHousehold:)).reduce(0, +) }

    /// When compound `index`'s activity of a month starts: a day of the month at 09:30 or 14:30.
    static func activityStart(compound index: Int, year: Int, month: Int) -> (text: String, instant: Date) {
        SeedClock.local(year: year, month: month, day: 3 + (index * 5 + month) % 24, hour: index % 2 == 0 ? 9 : 14, minute: 30)
    }

    /// How many residents of compound `index` came to its past occurrence of `month`.
    static func attendees(compound index: Int, month: Int, residents: Int) -> Int {
        min(8 + (index * 7 + month * 3) % 15, residents - 1)
    }

    /// Whether compound `index` has one resident cancel their sign-up for each coming occurrence.
    static func cancelsOne(compound index: Int) -> Bool { index % 2 == 0 }

    /// Whether compound `index` has a concern still waiting.
    static func hasOpenConcern(compound index: Int) -> Bool { index % 2 == 0 }

    /// Everything the seed makes when it runs at `now`: the registry's city, a year of themes and
    /// activities (attendance for past occurrences, sign-ups for coming ones), concerns and councils.
    static func plan(now: Date) -> DemoFigures {
        var figures = DemoFigures(compounds: compoundNames.count, residents: compoundNames.count * residentsPerCompound)
        let months = SeedClock.months(around: now)
        figures.themes = months.count
        for index in compoundNames.indices {
            for (year, month) in months {
                figures.activities += 1
                if activityStart(compound: index, year: year, month: month).instant < now {
                    figures.registrations += walkIns
                    figures.attendances += attendees(compound: index, month: month, residents: residentsPerCompound)
                } else {
                    figures.registrations += selfSignUps + proxySignUps
                    if cancelsOne(compound: index) { figures.cancellations += 1 }
                }
            }
            // Settled and confirmed, in progress, referred (then settled by the council), and every other compound one waiting.
            figures.concerns += 3 + (hasOpenConcern(compound: index) ? 1 : 0)
            figures.settled += 2
            figures.councils += 1
            figures.decisions += 1
        }
        return figures
    }
}
