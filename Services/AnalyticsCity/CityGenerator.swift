import AnalyticsService
import Foundation
import Models

/// Generates a consistent city at a scale: areas, compounds, households, residents, heads, themes,
/// activities, registrations, attendances, points, concerns, council meetings, notifications.
public enum CityGenerator {
    static let names = ["枫林", "书香", "锦绣", "翠竹", "和平", "幸福", "滨江", "金桂", "阳光", "清水", "红旗", "建设", "桃李", "湘江", "茶园", "文化"]
    static let themeTitles = ["幸福邻里节", "法治进小区", "就业进小区", "敬老爱亲", "垃圾分类", "亲子课堂", "红色物业", "平安小区", "健康义诊", "文明家风", "志愿服务月", "邻里团圆"]

    /// The area path of the `index`-th compound: city 1 → district → subdistrict (3 each) → community (4 each).
    static func areaPath(compound index: Int, districts: Int) -> [Int] {
        let communities = districts * 12
        let community = index % communities
        let (district, rest) = community.quotientAndRemainder(dividingBy: 12)
        let subdistrict = rest / 4
        return [1, 10 + district, 100 + district * 10 + subdistrict, 1_000 + district * 100 + subdistrict * 10 + rest % 4]
    }

    /// The compounds of a scale.
    public static func compounds(_ scale: CityScale) -> [City.Compound] {
        (0..<scale.compounds).map { index in
            let chat = index % 7 != 6
            return City.Compound(
                id: index + 1,
                name: names[index % names.count] + (index < names.count ? "" : String(index / names.count + 1)) + "小区",
                areaPath: areaPath(compound: index, districts: scale.districts),
                gridID: 5_000 + index / 2,
                hasBranch: index % 5 != 4,
                hasGroupChat: chat,
                hasRobot: chat && index % 3 == 0
            )
        }
    }

    /// The first instants of the `months` months before the month containing `end`, and of that month.
    static func window(months: Int, endingBefore end: Date, buckets: Buckets) -> (start: Date, end: Date) {
        let last = buckets.start(of: .month, containing: end)
        return (buckets.calendar.date(byAdding: .month, value: -months, to: last) ?? last, last)
    }

    /// Generates a city whose activity fills the `scale.months` months before the month containing `now`.
    public static func generate(_ scale: CityScale, now: Date = Date(), timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!) -> City {
        var rng = SeededGenerator(seed: scale.seed)
        let buckets = Buckets(timeZone: timeZone)
        var city = City()
        (city.start, city.end) = window(months: scale.months, endingBefore: now, buckets: buckets)
        city.compounds = compounds(scale)
        city.households = (0..<scale.households).map { index in
            let compoundID = index % scale.compounds + 1
            return City.Household(id: index + 1, compoundID: compoundID, buildingID: compoundID * 100 + (index / scale.compounds) % 8)
        }
        city.residents = (0..<scale.residents).map { index in
            City.Resident(id: index + 1, householdID: index % scale.households + 1, birthYear: index % 17 == 0 ? nil : 1940 + Int(rng.next() % 70))
        }
        var monthStarts: [Date] = []
        var cursor = city.start
        while cursor < city.end {
            monthStarts.append(cursor)
            cursor = buckets.next(.month, after: cursor)
        }
        // The first resident moves to a household of the second compound halfway through.
        if scale.compounds > 1, scale.households > 1, monthStarts.count > 1 {
            let middle = monthStarts[monthStarts.count / 2].addingTimeInterval(14 * 86_400 + 3_600)
            city.moves = [City.Move(residentID: 1, toHouseholdID: 2, at: middle)]
        }
        generateHeads(&city, scale: scale)
        city.themes = monthStarts.enumerated().map { index, month in
            City.Theme(id: index + 1, month: String(buckets.label(month).prefix(7)), title: themeTitles[index % themeTitles.count])
        }
        for (monthIndex, month) in monthStarts.enumerated() {
            for compound in city.compounds {
                for slot in 0..<2 {
                    let start = month.addingTimeInterval(Double(2 + slot * 11 + compound.id % 5) * 86_400 + 9.5 * 3_600)
                    city.activities.append(
                        City.Activity(
                            id: city.activities.count + 1,
                            compoundID: compound.id,
                            themeID: slot == 0 ? monthIndex + 1 : nil,
                            start: start
                        )
                    )
                }
            }
        }
        generateAttendances(&city, scale: scale, rng: &rng)
        generateGovernance(&city, monthStarts: monthStarts, rng: &rng)
        return city
    }

    static func generateHeads(_ city: inout City, scale: CityScale) {
        var byCompound: [Int: [Int]] = [:]
        for household in city.households { byCompound[household.compoundID, default: []].append(household.id) }
        for compound in city.compounds {
            let households = byCompound[compound.id] ?? []
            for (group, start) in stride(from: 0, to: households.count, by: 8).enumerated() where group % 4 != 3 {
                let members = Array(households[start..<min(start + 8, households.count)])
                let assignmentID = city.heads.count + 1
                city.heads.append(
                    City.Head(
                        assignmentID: assignmentID,
                        residentID: members[0],
                        compoundID: compound.id,
                        householdIDs: members,
                        vacated: assignmentID == 2
                    )
                )
            }
        }
    }
}
