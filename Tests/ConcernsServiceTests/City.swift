import Foundation
import Hummingbird
import Models
import ServiceKit

/// A small city as the registry announces it: compound A (枫林小区, district 11) and compound B
/// (书香苑, district 12), households and residents, and a neighbour head who covers two households of A.
enum City {
    static let compoundA = 10
    static let compoundB = 20
    static let pathA = [1, 11, 111]
    static let pathB = [1, 12, 121]
    /// Households of A (101 and 102 covered by the head; 103 is the head's own) and of B.
    static let household1 = 101
    static let household2 = 102
    static let headHousehold = 103
    static let householdB = 201
    static let building = 1001
    /// Residents: one in each household; 1003 is the neighbour head.
    static let resident1 = 1001
    static let resident2 = 1002
    static let headResident = 1003
    static let residentB = 2001

    static func placement(_ household: Int) -> Placement {
        household == householdB
            ? Placement(areaPath: pathB, compoundID: compoundB, gridID: 2, buildingID: 2001, householdID: household)
            : Placement(areaPath: pathA, compoundID: compoundA, gridID: 1, buildingID: building, householdID: household)
    }

    /// The registry's events that build the projection.
    static var events: [any DomainEvent] {
        let start = Date(timeIntervalSinceNow: -86_400)
        return [
            CompoundChanged(
                compoundID: compoundA,
                name: "枫林小区",
                areaPath: pathA,
                gridIDs: [1],
                hasPartyBranch: true,
                hasOwnersCommittee: true,
                hasPropertyCompany: true,
                hasRedProperty: false,
                revision: 1
            ),
            CompoundChanged(
                compoundID: compoundB,
                name: "书香苑",
                areaPath: pathB,
                gridIDs: [2],
                hasPartyBranch: true,
                hasOwnersCommittee: false,
                hasPropertyCompany: true,
                hasRedProperty: false,
                revision: 1
            ),
            HouseholdChanged(
                householdID: household1,
                placement: placement(household1),
                dwelling: "1栋1单元101",
                memberIDs: [resident1],
                dissolved: false,
                revision: 1
            ),
            HouseholdChanged(
                householdID: household2,
                placement: placement(household2),
                dwelling: "1栋1单元102",
                memberIDs: [resident2],
                dissolved: false,
                revision: 1
            ),
            HouseholdChanged(
                householdID: headHousehold,
                placement: placement(headHousehold),
                dwelling: "1栋2单元201",
                memberIDs: [headResident],
                dissolved: false,
                revision: 1
            ),
            HouseholdChanged(
                householdID: householdB,
                placement: placement(householdB),
                dwelling: "2栋301",
                memberIDs: [residentB],
                dissolved: false,
                revision: 1
            ),
            ResidentRegistered(
                residentID: resident1,
                name: "张桂兰",
                phone: "13800001234",
                birthYear: 1951,
                placement: placement(household1),
                registeredAt: start,
                revision: 1
            ),
            ResidentRegistered(
                residentID: resident2,
                name: "李建国",
                phone: "13900005678",
                birthYear: 1968,
                placement: placement(household2),
                registeredAt: start,
                revision: 1
            ),
            ResidentRegistered(
                residentID: headResident,
                name: "王秀英",
                phone: "13700009999",
                birthYear: 1960,
                placement: placement(headHousehold),
                registeredAt: start,
                revision: 1
            ),
            ResidentRegistered(
                residentID: residentB,
                name: "赵磊",
                phone: "13600001111",
                birthYear: 1990,
                placement: placement(householdB),
                registeredAt: start,
                revision: 1
            ),
            HeadAssigned(
                assignmentID: 1,
                level: .neighbour,
                residentID: headResident,
                compoundID: compoundA,
                unitID: 7,
                householdIDs: [household1, household2],
                startsOn: start,
                endsOn: nil
            ),
        ]
    }

    // The callers.
    static let admin = Principal(subject: "staff:admin", role: .admin)
    static let districtA = Principal(subject: "staff:district-11", role: .district, areaIDs: [11])
    static let secretaryA = Principal(subject: "staff:secretary-a", role: .secretary, compoundIDs: [compoundA])
    static let secretaryB = Principal(subject: "staff:secretary-b", role: .secretary, compoundIDs: [compoundB])
    static let resident1Token = Principal(subject: "resident:1001", role: .resident, householdIDs: [household1], residentID: resident1)
    static let resident2Token = Principal(subject: "resident:1002", role: .resident, householdIDs: [household2], residentID: resident2)
    static let residentBToken = Principal(subject: "resident:2001", role: .resident, householdIDs: [householdB], residentID: residentB)
    static let head = Principal(subject: "resident:1003", role: .head, householdIDs: [household1, household2], residentID: headResident)
    /// The property company's manager, who holds its council seat in compound A.
    static let propertyManager = Principal(subject: "org:property-a:zhou", role: .resident)
    static let dashboard = Principal(subject: "system:grafana", role: .dashboard)
}

extension ConcernsTestEnvironment {
    /// Announces the city through the registry's events.
    func seedCity() async throws { try await publish(City.events) }
}
