import Foundation

extension ConcernsSeeder {
    /// Sets up the compound's four-party council, holds a meeting a few days ago with every party present,
    /// and records a decision that settles the referred concern with an action item for the property company.
    /// Returns the number of decisions recorded.
    func holdCouncil(_ compound: Int, index: Int, residents: [RegistrySeeder.Resident], referred: Int) async throws -> Int {
        let name = DemoCity.compoundNames[index]
        let holders = [
            ("party-branch", "resident:\(residents[0].id)", DemoCity.name(index * 1_000)),
            ("owners-committee", "resident:\(residents[4].id)", DemoCity.name(index * 1_000 + 4)),
            ("property-company", "org:property-\(compound):zhou", "周经理"),
            ("resident-representatives", "resident:\(residents[5].id)", DemoCity.name(index * 1_000 + 5)),
        ]
        let seats = holders.map { #"{"party":"\#($0.0)","holderSubject":"\#($0.1)","holderName":"\#($0.2)"}"# }
        let council = try await concerns.eventually(
            "POST",
            "/v1/councils",
            json: #"{"compoundID":\#(compound),"name":"\#(name)四方议事会","seats":[\#(seats.joined(separator: ","))]}"#
        )
        guard let councilID = council["id"] as? Int, let seated = council["seats"] as? [[String: Any]] else {
            throw concerns.failure("POST", "/v1/councils", "answered a council without an id or seats")
        }
        let startsAt = now.addingTimeInterval(-Double(2 + index % 10) * 86_400)
        let meeting = try await concerns.send(
            "POST",
            "/v1/councils/\(councilID)/meetings",
            json: #"""
                {"title":"\#(name)四方议事会月度会议","venue":"\#(name)党群服务站","startsAt":"\#(SeedClock.iso(startsAt))",
                 "endsAt":"\#(SeedClock.iso(startsAt.addingTimeInterval(7_200)))","concernIDs":[\#(referred)],"proposals":["增设电动车集中充电桩"]}
                """#
        )
        guard let meetingID = (meeting["meeting"] as? [String: Any])?["id"] as? Int else {
            throw concerns.failure("POST", "/v1/councils/\(councilID)/meetings", "answered a meeting without an id")
        }
        let attendees = seated.compactMap { seat -> String? in
            guard let id = seat["id"] as? Int, let party = seat["party"] as? String, let holder = seat["holderName"] as? String else { return nil }
            return #"{"party":"\#(party)","name":"\#(holder)","seatID":\#(id)}"#
        }
        try await concerns.send(
            "POST",
            "/v1/meetings/\(meetingID)/hold",
            json: #"{"heldAt":"\#(SeedClock.iso(startsAt))","attendees":[\#(attendees.joined(separator: ","))],"minutes":"四方到齐，逐项协商议题。"}"#
        )
        let due = SeedClock.iso(now.addingTimeInterval(14 * 86_400))
        try await concerns.send(
            "POST",
            "/v1/meetings/\(meetingID)/decisions",
            json: #"""
                {"summary":"由物业牵头、业委会监督，两周内完成整改。","concernIDs":[\#(referred)],"settlesConcerns":true,
                 "actionItems":[{"title":"完成整改并在群内公示","ownerParty":"property-company","dueAt":"\#(due)"}]}
                """#
        )
        return 1
    }
}
