import Foundation

/// Builds the demo city through the registry's API: areas, compounds, households and residents
/// (by CSV import), branches, organisations, group chats with robots, heads and volunteer teams.
struct RegistrySeeder {
    let registry: APIClient
    /// Where the local stand-in for the WeCom robot listens.
    let robotURL: String

    /// A resident and their household.
    struct Resident: Sendable {
        let id: Int
        let householdID: Int
    }

    /// A neighbour head and the households their unit covers.
    struct Head: Sendable {
        let residentID: Int
        let householdIDs: [Int]
    }

    /// What was made, for the other seeders.
    struct Result: Sendable {
        var cityID = 0
        var districtIDs: [Int] = []
        var compoundIDs: [Int] = []
        var residentIDs: [Int: [Int]] = [:]
        var householdIDs: [Int: [Int]] = [:]
        var residents: [Int: [Resident]] = [:]
        var heads: [Int: [Head]] = [:]
    }

    func seed(householdsPerCompound: Int = DemoCity.householdsPerCompound, progress: Progress) async throws -> Result {
        progress.step("registry: the city, its districts and \(DemoCity.compoundNames.count) compounds with their residents")
        var result = Result()
        let city = try await registry.create("/v1/areas", #"{"level":"city","name":"\#(DemoCity.cityName)"}"#)
        result.cityID = city
        var compoundIndex = 0
        for district in DemoCity.districts {
            let districtID = try await registry.create("/v1/areas", #"{"level":"district","name":"\#(district.name)","parentID":\#(city)}"#)
            result.districtIDs.append(districtID)
            for subdistrict in district.subdistricts {
                let subdistrictID = try await registry.create(
                    "/v1/areas",
                    #"{"level":"subdistrict","name":"\#(subdistrict)","parentID":\#(districtID)}"#
                )
                let community = try await registry.create(
                    "/v1/areas",
                    #"{"level":"community","name":"\#(subdistrict)社区","parentID":\#(subdistrictID)}"#
                )
                for _ in 0..<5 {
                    let name = DemoCity.compoundNames[compoundIndex]
                    let compound = try await registry.create("/v1/compounds", #"{"areaID":\#(community),"name":"\#(name)"}"#)
                    result.compoundIDs.append(compound)
                    try await seedCompound(compound, index: compoundIndex, households: householdsPerCompound, into: &result)
                    progress.update("\(compoundIndex + 1)/\(DemoCity.compoundNames.count) compounds (\(name))")
                    compoundIndex += 1
                }
            }
        }
        return result
    }

    private func seedCompound(_ compound: Int, index: Int, households: Int, into result: inout Result) async throws {
        var csv = "楼栋,房号,姓名,性别,出生年份,手机\n"
        for household in 0..<households {
            for member in 0..<DemoCity.members(ofHousehold: household) {
                let person = index * 1_000 + household * 4 + member
                csv +=
                    "\(household / 12 + 1)栋,\(household % 12 / 2 + 1)0\(household % 2 + 1),\(DemoCity.name(person)),\(member % 2 == 0 ? "女" : "男"),\(1945 + person % 60),\(DemoCity.phone(person))\n"
            }
        }
        try await registry.send("POST", "/v1/compounds/\(compound)/imports", json: csv, contentType: "text/csv")
        let residents = (try await registry.send("GET", "/v1/residents?compoundID=\(compound)&limit=500")["items"] as? [[String: Any]] ?? [])
        let residentIDs = residents.compactMap { $0["id"] as? Int }
        let householdIDs = Array(Set(residents.compactMap { $0["householdID"] as? Int })).sorted()
        result.residentIDs[compound] = residentIDs
        result.householdIDs[compound] = householdIDs
        result.residents[compound] = residents.compactMap { row in
            guard let id = row["id"] as? Int, let household = row["householdID"] as? Int else { return nil }
            return Resident(id: id, householdID: household)
        }
        try await registry.send(
            "PUT",
            "/v1/compounds/\(compound)/party-branch",
            json: #"{"name":"\#(DemoCity.compoundNames[index])党支部","secretaryResidentID":\#(residentIDs[0])}"#
        )
        try await registry.send("POST", "/v1/compounds/\(compound)/organisations", json: #"{"kind":"owners-committee","name":"业主委员会"}"#)
        try await registry.send(
            "POST",
            "/v1/compounds/\(compound)/organisations",
            json: #"{"kind":"property-company","name":"红心物业","redProperty":\#(index % 3 == 0)}"#
        )
        try await registry.send(
            "PUT",
            "/v1/compounds/\(compound)/group-chat",
            json: #"{"name":"\#(DemoCity.compoundNames[index])邻里群","robotWebhook":"\#(robotURL)?key=demo-\#(compound)"}"#
        )
        let team = try await registry.create("/v1/compounds/\(compound)/volunteer-teams", #"{"name":"红马甲志愿服务队"}"#)
        for resident in residentIDs.prefix(8) {
            try await registry.send("POST", "/v1/volunteer-teams/\(team)/members", json: #"{"residentID":\#(resident)}"#)
        }
        // The three heads: one area, one group, a neighbour unit per 10 households.
        let area = try await registry.create("/v1/compounds/\(compound)/head-units", #"{"level":"area","name":"第一片"}"#)
        let group = try await registry.create("/v1/compounds/\(compound)/head-units", #"{"level":"group","name":"第一组","parentID":\#(area)}"#)
        try await registry.send("POST", "/v1/head-units/\(area)/assignments", json: #"{"residentID":\#(residentIDs[1])}"#)
        try await registry.send("POST", "/v1/head-units/\(group)/assignments", json: #"{"residentID":\#(residentIDs[2])}"#)
        for (unitIndex, chunk) in stride(from: 0, to: householdIDs.count, by: 10).enumerated() {
            let unit = try await registry.create(
                "/v1/compounds/\(compound)/head-units",
                #"{"level":"neighbour","name":"第\#(unitIndex + 1)邻","parentID":\#(group)}"#
            )
            let covered = Array(householdIDs[chunk..<min(chunk + 10, householdIDs.count)])
            try await registry.send("PUT", "/v1/head-units/\(unit)/households", json: #"{"householdIDs":\#(covered)}"#)
            // The last unit of every third compound stays vacant, so coverage gaps show.
            if !(index % 3 == 0 && chunk + 10 >= householdIDs.count) {
                try await registry.send("POST", "/v1/head-units/\(unit)/assignments", json: #"{"residentID":\#(residentIDs[3 + unitIndex])}"#)
                result.heads[compound, default: []].append(Head(residentID: residentIDs[3 + unitIndex], householdIDs: covered))
            }
        }
    }
}
