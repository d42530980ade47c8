import Foundation
import Models

extension CityGenerator {
    /// A channel: self 50 %, proxy 20 %, walk-in 20 %, paper 10 %.
    public static func channel(_ roll: UInt64) -> AttendanceChannel {
        switch roll % 10 {
        case 0..<5: .selfService
        case 5, 6: .proxy
        case 7, 8: .walkIn
        default: .paper
        }
    }

    /// Volunteer hours: three attendances in ten log 1, 1.5, 2 or 3 hours.
    public static func hours(_ roll: UInt64) -> Double {
        roll % 10 < 3 ? [1, 1.5, 2, 3][Int(roll / 10 % 4)] : 0
    }

    static func generateAttendances(_ city: inout City, scale: CityScale, rng: inout SeededGenerator) {
        let held = city.activities.filter { $0.start < city.end }
        guard !held.isEmpty else { return }
        var residentsByCompound: [Int: [Int]] = [:]
        for resident in city.residents {
            residentsByCompound[city.households[resident.householdID - 1].compoundID, default: []].append(resident.id)
        }
        var seen = Set<Int64>()
        var balances: [Int: Int] = [:]
        var attempts = 0
        while city.attendances.count < scale.attendances && attempts < scale.attendances * 4 {
            attempts += 1
            let activity = held[Int(rng.next() % UInt64(held.count))]
            // Most attend in their own compound; one in ten comes from anywhere.
            let pool = rng.next() % 10 == 0 ? nil : residentsByCompound[activity.compoundID]
            let residentID = pool.map { $0[Int(rng.next() % UInt64($0.count))] } ?? Int(rng.next() % UInt64(city.residents.count)) + 1
            guard seen.insert(Int64(activity.id) << 32 | Int64(residentID)).inserted else { continue }
            let roll = rng.next()
            let hours = hours(roll >> 8)
            let attendance = City.Attendance(
                id: city.attendances.count + 1,
                activityID: activity.id,
                start: activity.start,
                themeID: activity.themeID,
                residentID: residentID,
                placement: city.placement(of: residentID, at: activity.start),
                channel: channel(roll),
                hours: hours,
                points: hours > 0 ? 10 : 5
            )
            city.attendances.append(attendance)
            // Sign-ups, and the seats staff take for walk-ins at the door (paper rosters have none).
            if attendance.channel != .paper {
                city.registrations.append(
                    City.Registration(
                        id: city.registrations.count + 1,
                        activityID: activity.id,
                        start: activity.start,
                        residentID: residentID,
                        channel: attendance.channel,
                        promoted: roll % 13 == 0,
                        cancelled: false
                    )
                )
            }
        }
        // Sign-ups that did not come, and some that were cancelled.
        for index in 0..<(city.attendances.count / 5) {
            let activity = held[Int(rng.next() % UInt64(held.count))]
            let residentID = Int(rng.next() % UInt64(city.residents.count)) + 1
            guard seen.insert(Int64(activity.id) << 32 | Int64(residentID)).inserted else { continue }
            city.registrations.append(
                City.Registration(
                    id: city.registrations.count + 1,
                    activityID: activity.id,
                    start: activity.start,
                    residentID: residentID,
                    channel: index % 3 == 0 ? .proxy : .selfService,
                    promoted: false,
                    cancelled: index % 4 == 0
                )
            )
        }
        // Points for every attendance, in time order, with the star level each balance reaches.
        for attendance in city.attendances.sorted(by: { ($0.start, $0.id) < ($1.start, $1.id) }) {
            let balance = balances[attendance.residentID, default: 0] + attendance.points
            balances[attendance.residentID] = balance
            city.points.append(
                City.PointsEntry(
                    id: city.points.count + 1,
                    residentID: attendance.residentID,
                    compoundID: attendance.placement.compoundID,
                    delta: attendance.points,
                    balance: balance,
                    starLevel: City.starLevel(balance: balance),
                    at: attendance.start.addingTimeInterval(7_200)
                )
            )
        }
    }

    static func generateGovernance(_ city: inout City, monthStarts: [Date], rng: inout SeededGenerator) {
        let channels = ["inbox", "wecom-robot", "webhook"]
        for month in monthStarts {
            for compound in city.compounds {
                let households = city.households.filter { $0.compoundID == compound.id }.prefix(4)
                for (index, household) in households.prefix(2).enumerated() {
                    let raised = month.addingTimeInterval(Double(4 + index * 6) * 86_400 + Double(rng.next() % 36_000))
                    let settles = rng.next() % 5 != 0
                    let settled = settles ? raised.addingTimeInterval(Double(4 + rng.next() % 200) * 3_600) : nil
                    let reopened = settled.flatMap { rng.next() % 6 == 0 ? $0.addingTimeInterval(2 * 86_400) : nil }
                    city.concerns.append(
                        City.Concern(
                            id: city.concerns.count + 1,
                            placement: city.placement(household: household.id),
                            raisedAt: raised,
                            settledAt: settled,
                            reopenedAt: reopened
                        )
                    )
                }
                if compound.hasBranch {
                    city.meetings.append(
                        City.Meeting(id: city.meetings.count + 1, compoundID: compound.id, heldAt: month.addingTimeInterval(19.8 * 86_400))
                    )
                }
                for index in 0..<6 {
                    city.deliveries.append(
                        City.Delivery(
                            id: city.deliveries.count + 1,
                            compoundID: index == 5 && compound.id == 1 ? nil : compound.id,
                            channel: channels[index % 3],
                            sent: rng.next() % 10 != 0,
                            at: month.addingTimeInterval(Double(1 + index * 4) * 86_400)
                        )
                    )
                }
            }
        }
        for resident in city.residents where resident.id % 20 == 3 {
            let compoundID = city.households[resident.householdID - 1].compoundID
            let at = city.start.addingTimeInterval(Double(resident.id % 28) * 86_400 + 36_000)
            city.memberCheckIns.append(City.MemberCheckIn(id: city.memberCheckIns.count + 1, residentID: resident.id, compoundID: compoundID, at: at))
        }
    }
}
