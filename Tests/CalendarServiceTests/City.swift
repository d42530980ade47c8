import CalendarCore
import Foundation
import Models
import Postgres
import ServiceKit

@testable import CalendarService

/// A small city in the calendar's projection: two districts of Zhuzhou, three compounds, households,
/// residents and a neighbour head.
enum City {
    static let city = 1
    static let lusong = 10
    static let lusongCommunity = 11
    static let tianyuan = 20
    static let tianyuanCommunity = 21

    /// 枫林小区 and 书香苑 in Lusong, 湘江花园 in Tianyuan.
    static let fenglin = 101
    static let shuxiang = 102
    static let xiangjiang = 201
    static let paths = [
        fenglin: [city, lusong, lusongCommunity], shuxiang: [city, lusong, lusongCommunity], xiangjiang: [city, tianyuan, tianyuanCommunity],
    ]

    /// Households in 枫林小区 (1001–1004) and 湘江花园 (2001).
    static let households = [1001: fenglin, 1002: fenglin, 1003: fenglin, 1004: fenglin, 2001: xiangjiang]
    /// Residents: 5001 in 1001, 5002 in 1002, 5003 (elderly) in 1003, the head 5010 in 1004, 6001 in 湘江花园.
    static let residents = [5001: 1001, 5002: 1002, 5003: 1003, 5010: 1004, 6001: 2001]
    /// The neighbour head 5010 covers households 1001 and 1002, not 1003.
    static let headAssignment = 77

    static let admin = Principal(subject: "staff:admin", role: .admin)
    static let district = Principal(subject: "staff:lusong", role: .district, areaIDs: [lusong])
    static let secretary = Principal(subject: "staff:fenglin", role: .secretary, compoundIDs: [fenglin])
    static let otherSecretary = Principal(subject: "staff:xiangjiang", role: .secretary, compoundIDs: [xiangjiang])
    static let head = Principal(subject: "resident:5010", role: .head, householdIDs: [1001, 1002], residentID: 5010)
    static let resident = Principal(subject: "resident:5001", role: .resident, householdIDs: [1001], residentID: 5001)
    static let neighbour = Principal(subject: "resident:5002", role: .resident, householdIDs: [1002], residentID: 5002)
    static let elderly = Principal(subject: "resident:5003", role: .resident, householdIDs: [1003], residentID: 5003)
    static let outsider = Principal(subject: "resident:6001", role: .resident, householdIDs: [2001], residentID: 6001)

    static func placement(household: Int) -> Placement {
        let compound = households[household]!
        return Placement(areaPath: paths[compound]!, compoundID: compound, householdID: household)
    }

    static var compoundEvents: [CompoundChanged] {
        [(fenglin, "枫林小区"), (shuxiang, "书香苑"), (xiangjiang, "湘江花园")].map { id, name in
            CompoundChanged(
                compoundID: id,
                name: name,
                areaPath: paths[id]!,
                gridIDs: [],
                hasPartyBranch: true,
                hasOwnersCommittee: false,
                hasPropertyCompany: false,
                hasRedProperty: false,
                revision: 1
            )
        }
    }
}

extension CalendarTestEnvironment {
    /// Puts the city into the projection, through the same upserts the event handlers use.
    func seedCity() async throws {
        try await pool.withTransaction { tx in
            for event in City.compoundEvents { try ProjectionStore.apply(event, on: tx) }
            for (household, _) in City.households {
                let members = City.residents.filter { $0.value == household }.map(\.key)
                try ProjectionStore.apply(
                    HouseholdChanged(
                        householdID: household,
                        placement: City.placement(household: household),
                        dwelling: "\(household)室",
                        memberIDs: members,
                        dissolved: false,
                        revision: 1
                    ),
                    on: tx
                )
            }
            for (resident, household) in City.residents {
                try ProjectionStore.apply(
                    ResidentRegistered(
                        residentID: resident,
                        name: "居民\(resident)",
                        phone: "1380000\(resident)",
                        birthYear: 1950,
                        placement: City.placement(household: household),
                        registeredAt: Date(timeIntervalSince1970: 1_700_000_000),
                        revision: 1
                    ),
                    on: tx
                )
            }
            try ProjectionStore.apply(
                HeadAssigned(
                    assignmentID: City.headAssignment,
                    level: .neighbour,
                    residentID: 5010,
                    compoundID: City.fenglin,
                    unitID: 9,
                    householdIDs: [1001, 1002],
                    startsOn: Date(timeIntervalSince1970: 1_700_000_000),
                    endsOn: nil
                ),
                on: tx
            )
        }
    }

    /// Adds `count` residents to a compound (one household each), ids from `first`.
    func seedResidents(_ count: Int, from first: Int, compound: Int = City.fenglin) async throws {
        try await pool.withTransaction { tx in
            for offset in 0..<count {
                let id = first + offset
                let placement = Placement(areaPath: City.paths[compound]!, compoundID: compound, householdID: id)
                try ProjectionStore.apply(
                    HouseholdChanged(householdID: id, placement: placement, dwelling: "\(id)", memberIDs: [id], dissolved: false, revision: 1),
                    on: tx
                )
                try ProjectionStore.apply(
                    ResidentRegistered(
                        residentID: id,
                        name: "居民\(id)",
                        phone: nil,
                        birthYear: nil,
                        placement: placement,
                        registeredAt: Date(),
                        revision: 1
                    ),
                    on: tx
                )
            }
        }
    }
}

/// Local wall-clock times in Shanghai relative to now, as the API takes them.
enum Local {
    /// `days` from today at `hour:minute`, e.g. `2026-11-28T09:00:00`.
    static func at(days: Int, hour: Int, minute: Int = 0, from now: Date = Date()) -> String {
        let today = LocalDateTime(now, in: RecurrenceSet.defaultTimeZone)!.date
        return LocalDateTime(date: today.adding(days: days)!, hour: hour, minute: minute)!.description
    }

    /// The local text of an instant, to the minute.
    static func text(_ instant: Date) -> String {
        let local = LocalDateTime(instant, in: RecurrenceSet.defaultTimeZone)!
        return LocalDateTime(date: local.date, hour: local.hour, minute: local.minute)!.description
    }

    /// The instant of a local text.
    static func instant(_ text: String) -> Date {
        LocalDateTime(text: text)!.instant(in: RecurrenceSet.defaultTimeZone)
    }
}
