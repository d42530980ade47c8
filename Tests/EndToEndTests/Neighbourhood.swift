import Foundation
import ServiceKit

/// The small city the end-to-end tests build through the registry's API: a district with one
/// community and two compounds; compound A has six households of one resident each (plus the
/// neighbour head living in the first), a neighbour unit covering all six, and a group chat whose
/// robot is the fake robot; compound B has one household and its own robot.
struct Neighbourhood: Sendable {
    var districtID = 0
    var compoundA = 0
    var compoundB = 0
    /// Compound A's households, in dwelling order.
    var households: [Int] = []
    /// Compound A's residents; `residents[i]` lives in `households[i]`.
    var residents: [Int] = []
    /// The neighbour head (lives in `households[0]`, covers all of A's households).
    var headID = 0
    var residentB = 0
    var householdB = 0

    /// Compound A's robot key and compound B's.
    static let robotA = "compound-a"
    static let robotB = "compound-b"
    /// The lowest star threshold: one attendance of the festival (10 points) reaches it.
    static let starThresholds = [10, 50]

    /// Everyone who lives in compound A (inbox recipients of its activities), as residents.
    var everyoneInA: [Principal] {
        residents.indices.map(resident) + [
            Principal(subject: "resident:\(headID)", role: .resident, householdIDs: [households[0]], residentID: headID)
        ]
    }

    /// Builds it all with an administrator's token.
    static func build(in system: SystemUnderTest) async throws -> Neighbourhood {
        let registry = try await system.client(system.registry, as: Principal(subject: "staff:admin", role: .admin))
        var city = Neighbourhood()
        let cityArea = try await registry.create("/v1/areas", #"{"level":"city","name":"株洲市"}"#)
        city.districtID = try await registry.create("/v1/areas", #"{"level":"district","name":"芦淞区","parentID":\#(cityArea)}"#)
        let subdistrict = try await registry.create(
            "/v1/areas",
            #"{"level":"subdistrict","name":"建宁街道","parentID":\#(city.districtID)}"#
        )
        let community = try await registry.create("/v1/areas", #"{"level":"community","name":"建宁社区","parentID":\#(subdistrict)}"#)
        city.compoundA = try await registry.create("/v1/compounds", #"{"areaID":\#(community),"name":"枫林小区"}"#)
        city.compoundB = try await registry.create("/v1/compounds", #"{"areaID":\#(community),"name":"书香苑"}"#)

        let building = try await registry.create("/v1/compounds/\(city.compoundA)/buildings", #"{"name":"1栋"}"#)
        let names = ["张桂兰", "王建国", "李秀英", "刘志强", "陈丽华", "杨海燕"]
        for (index, name) in names.enumerated() {
            let household = try await registry.create(
                "/v1/households",
                #"{"compoundID":\#(city.compoundA),"buildingID":\#(building),"dwelling":"10\#(index + 1)"}"#
            )
            city.households.append(household)
            city.residents.append(
                try await registry.create(
                    "/v1/residents",
                    #"{"householdID":\#(household),"name":"\#(name)","gender":"\#(index % 2 == 0 ? "female" : "male")","birthYear":\#(1950 + index * 7)}"#
                )
            )
        }
        city.headID = try await registry.create(
            "/v1/residents",
            #"{"householdID":\#(city.households[0]),"name":"黄国庆","gender":"male","birthYear":1962}"#
        )
        let areaUnit = try await registry.create("/v1/compounds/\(city.compoundA)/head-units", #"{"level":"area","name":"第一片"}"#)
        let group = try await registry.create(
            "/v1/compounds/\(city.compoundA)/head-units",
            #"{"level":"group","name":"第一组","parentID":\#(areaUnit)}"#
        )
        let unit = try await registry.create(
            "/v1/compounds/\(city.compoundA)/head-units",
            #"{"level":"neighbour","name":"第一邻","parentID":\#(group)}"#
        )
        try await registry.send("PUT", "/v1/head-units/\(unit)/households", #"{"householdIDs":\#(city.households)}"#)
        try await registry.send("POST", "/v1/head-units/\(unit)/assignments", #"{"residentID":\#(city.headID)}"#)
        try await registry.send(
            "PUT",
            "/v1/compounds/\(city.compoundA)/group-chat",
            #"{"name":"枫林小区邻里群","robotWebhook":"\#(system.robot.webhook(key: robotA))"}"#
        )

        city.householdB = try await registry.create("/v1/households", #"{"compoundID":\#(city.compoundB),"dwelling":"201"}"#)
        city.residentB = try await registry.create("/v1/residents", #"{"householdID":\#(city.householdB),"name":"赵敏","birthYear":1980}"#)
        try await registry.send(
            "PUT",
            "/v1/compounds/\(city.compoundB)/group-chat",
            #"{"name":"书香苑邻里群","robotWebhook":"\#(system.robot.webhook(key: robotB))"}"#
        )
        try await registry.send("PUT", "/v1/points/star-rules", #"{"thresholds":\#(starThresholds)}"#)
        return city
    }

    /// The principals of the flow.
    var admin: Principal { Principal(subject: "staff:admin", role: .admin) }
    var district: Principal { Principal(subject: "staff:lusong", role: .district, areaIDs: [districtID]) }
    var secretary: Principal { Principal(subject: "staff:secretary-a", role: .secretary, compoundIDs: [compoundA]) }
    var head: Principal { Principal(subject: "resident:\(headID)", role: .head, householdIDs: households, residentID: headID) }
    var dashboard: Principal { Principal(subject: "staff:dashboard", role: .dashboard) }

    /// The token of compound A's `index`-th resident.
    func resident(_ index: Int) -> Principal {
        Principal(subject: "resident:\(residents[index])", role: .resident, householdIDs: [households[index]], residentID: residents[index])
    }
}
