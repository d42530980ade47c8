import Foundation

/// Fills the concerns service through its API: in every compound a resident's concern settled and
/// confirmed, one a head raised for a household in progress, one from the hotline referred to the
/// council, and (every other compound) one still open; then the compound's four-party council with a
/// meeting held (every party present) and a decision that settles the referred concern.
struct ConcernsSeeder {
    let concerns: APIClient
    let tokens: SeedTokens
    let city: RegistrySeeder.Result
    let now: Date

    /// What the seed did, for the summary line.
    struct Figures: Sendable {
        var concerns = 0
        var settled = 0
        var councils = 0
        var decisions = 0
    }

    /// The demo's concerns: a category of the default service levels, a title and a description.
    static let samples: [(category: String, title: String, description: String)] = [
        ("water-leak", "地下车库积水严重", "下雨后地下车库入口积水，车辆进出困难。"),
        ("elevator", "3栋电梯经常停运", "电梯一周停了两次，老人上下楼不方便。"),
        ("parking", "消防通道被车辆占用", "晚上消防通道停满私家车。"),
        ("noise", "楼上装修噪音扰民", "中午和晚上十点后仍在施工。"),
        ("sanitation", "垃圾站清运不及时", "垃圾桶满了两天没有清运，气味很大。"),
        ("public-facilities", "小区路灯不亮", "北门到2栋之间的路灯坏了一个月。"),
    ]

    func seed(progress: Progress) async throws -> Figures {
        progress.step("concerns: concerns raised and settled, and a four-party council, in each compound")
        return try await withThrowingTaskGroup(of: Figures.self) { group in
            for (index, compound) in city.compoundIDs.enumerated() {
                group.addTask { try await seedCompound(compound, index: index) }
            }
            var total = Figures()
            for try await figures in group {
                total.concerns += figures.concerns
                total.settled += figures.settled
                total.councils += figures.councils
                total.decisions += figures.decisions
                progress.advance(of: city.compoundIDs.count, "compounds")
            }
            return total
        }
    }

    private func sample(_ n: Int) -> (category: String, title: String, description: String) { Self.samples[n % Self.samples.count] }

    private func raised(_ answer: [String: Any]) throws -> Int {
        guard let concern = answer["concern"] as? [String: Any], let id = concern["id"] as? Int else {
            throw concerns.failure("POST", "/v1/concerns", "answered a raised concern without an id")
        }
        return id
    }

    private func transition(_ id: Int, _ action: String, owner: String? = nil, note: String? = nil, as client: APIClient? = nil) async throws {
        var body = #"{"action":"\#(action)""#
        if let owner { body += #","ownerParty":"\#(owner)""# }
        if let note { body += #","note":"\#(note)""# }
        try await (client ?? concerns).send("POST", "/v1/concerns/\(id)/transitions", json: body + "}")
    }

    private func seedCompound(_ compound: Int, index: Int) async throws -> Figures {
        var figures = Figures()
        let residents = city.residents[compound] ?? []
        // A resident raises one in the app; the property company settles it and the resident confirms.
        let reporter = residents[20 % residents.count]
        let reporterClient = concerns.with(token: try await tokens.resident(reporter))
        let first = sample(index)
        let settled = try raised(
            try await reporterClient.eventually(
                "POST",
                "/v1/concerns",
                json: #"{"category":"\#(first.category)","source":"app","title":"\#(first.title)","description":"\#(first.description)"}"#
            )
        )
        try await transition(settled, "acknowledge", owner: "property-company")
        try await transition(settled, "settle", note: "已安排维修，处理完毕。")
        try await transition(settled, "confirm", as: reporterClient)
        figures.concerns += 1
        figures.settled += 1
        // A neighbour head raises one door to door for a household they cover; it is in progress.
        if let head = city.heads[compound]?.first, let household = head.householdIDs.last {
            let second = sample(index + 1)
            let id = try raised(
                try await concerns.with(token: try await tokens.head(head)).eventually(
                    "POST",
                    "/v1/concerns",
                    json: #"{"householdID":\#(household),"category":"\#(second.category)","source":"door-to-door","title":"\#(second.title)"}"#
                )
            )
            try await transition(id, "acknowledge", owner: "property-company")
            try await transition(id, "start")
            figures.concerns += 1
        }
        // One from the hotline, entered by staff, goes to the council.
        let third = sample(index + 2)
        let referred = try raised(
            try await concerns.eventually(
                "POST",
                "/v1/concerns",
                json:
                    #"{"compoundID":\#(compound),"category":"\#(third.category)","source":"hotline","title":"\#(third.title)","description":"\#(third.description)"}"#
            )
        )
        try await transition(referred, "acknowledge", owner: "owners-committee")
        try await transition(referred, "refer", note: "涉及多方，提交四方议事会协商。")
        figures.concerns += 1
        // Every other compound has one still waiting.
        if DemoCity.hasOpenConcern(compound: index) {
            let fourth = sample(index + 3)
            let neighbour = residents[30 % residents.count]
            try await concerns.with(token: try await tokens.resident(neighbour)).eventually(
                "POST",
                "/v1/concerns",
                json: #"{"category":"\#(fourth.category)","source":"group-chat","title":"\#(fourth.title)"}"#
            )
            figures.concerns += 1
        }
        figures.decisions += try await holdCouncil(compound, index: index, residents: residents, referred: referred)
        figures.councils += 1
        figures.settled += 1
        return figures
    }
}
