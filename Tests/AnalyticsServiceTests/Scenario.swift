import AnalyticsService
import Foundation
import Models

/// Hand-made events for small scenarios: two districts, three compounds, a few residents.
enum Scenario {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!

    /// 09:30 local on a day of 2025.
    static func day(_ month: Int, _ day: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: 2025, month: month, day: day, hour: 9, minute: 30))!
    }

    static let pathA = [1, 10, 100, 1_000]
    static let pathB = [1, 11, 110, 1_100]

    static func placement(compound: Int, household: Int) -> Placement {
        Placement(
            areaPath: compound == 3 ? pathB : pathA,
            compoundID: compound,
            gridID: 50 + compound,
            buildingID: compound * 100,
            householdID: household
        )
    }

    /// Compounds 1 and 2 in district 10, compound 3 in district 11; households 11, 12 (compound 1), 21 (2), 31 (3).
    static func territory() -> [any DomainEvent] {
        var events: [any DomainEvent] = [(1, "枫林小区"), (2, "书香苑"), (3, "锦绣园")].map { id, name in
            CompoundChanged(
                compoundID: id,
                name: name,
                areaPath: id == 3 ? pathB : pathA,
                gridIDs: [50 + id],
                hasPartyBranch: true,
                hasOwnersCommittee: false,
                hasPropertyCompany: false,
                hasRedProperty: false,
                revision: 1
            )
        }
        for (household, compound) in [(11, 1), (12, 1), (21, 2), (31, 3)] {
            events.append(
                HouseholdChanged(
                    householdID: household,
                    placement: placement(compound: compound, household: household),
                    dwelling: "1栋",
                    memberIDs: [],
                    dissolved: false,
                    revision: 1
                )
            )
        }
        return events
    }

    static func resident(_ id: Int, compound: Int, household: Int, born: Int = 1960) -> ResidentRegistered {
        ResidentRegistered(
            residentID: id,
            name: "居民",
            phone: "13800000000",
            birthYear: born,
            placement: placement(compound: compound, household: household),
            registeredAt: day(1, 1),
            revision: 1
        )
    }

    static func attendance(
        _ id: Int,
        resident: Int,
        compound: Int,
        household: Int,
        at date: Date,
        channel: AttendanceChannel = .selfService,
        hours: Double = 0
    ) -> AttendanceRecorded {
        AttendanceRecorded(
            attendanceID: id,
            activityID: 1,
            occurrenceStart: date,
            themeID: 1,
            residentID: resident,
            placement: placement(compound: compound, household: household),
            channel: channel,
            volunteerRole: nil,
            volunteerHours: hours,
            points: 5,
            at: date
        )
    }
}
