import Foundation
import LinliTestSupport
import ServiceKit

/// The monthly festival through the calendar: a district's theme, compound A's adjusted draft
/// published, residents signing up (a head by proxy), the waitlist, a cancellation, check-ins.
struct FestivalFlow: Sendable {
    let system: SystemUnderTest
    let city: Neighbourhood
    /// The occurrence's local start (Asia/Shanghai wall clock), also its `{start}` in paths.
    let start: String
    /// The festival's capacity: four seats, so the fifth and sixth sign-ups wait.
    static let capacity = 4
    /// Points per attendance, enough for the first star.
    static let points = 10
    static let title = "幸福邻里节·包饺子"

    /// A festival starting in 100 minutes: registration is open and check-in (2 h before) too, and
    /// no reminder falls due during the test.
    init(system: SystemUnderTest, city: Neighbourhood) {
        self.system = system
        self.city = city
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:00"
        start = formatter.string(from: Date().addingTimeInterval(100 * 60))
    }

    /// The theme's month (`yyyy-MM`).
    var month: String { String(start.prefix(7)) }

    /// The district publishes the month's theme; returns its id once both compounds have their drafts.
    func publishTheme() async throws -> (themeID: Int, compoundCount: Int) {
        let district = try await system.client(system.calendar, as: city.district)
        let themeID = try await district.create(
            "/v1/themes",
            #"{"month":"\#(month)","title":"\#(Self.title)","guidance":"以楼栋为单位组织","formats":["包饺子"],"capacity":20,"volunteerRoles":["签到"],"earnsPoints":true,"points":\#(Self.points),"suggestedStart":"\#(month)-20T09:00:00","durationMinutes":120,"scopeAreaIDs":[\#(city.districtID)]}"#
        )
        let published = try await district.send("POST", "/v1/themes/\(themeID)/publish")
        return (themeID, published.object["compoundCount"] as? Int ?? -1)
    }

    /// Compound A's secretary adjusts the draft (time, place, capacity) and publishes it.
    func publishDraft(themeID: Int) async throws -> Int {
        let secretary = try await system.client(system.calendar, as: city.secretary)
        let drafts = try await secretary.send("GET", "/v1/activities?themeID=\(themeID)").items
        guard drafts.count == 1, let id = drafts[0]["id"] as? Int, drafts[0]["state"] as? String == "draft" else {
            throw TestSupportError("compound A's secretary should see one draft of the theme, saw \(drafts)")
        }
        try await secretary.send(
            "PATCH",
            "/v1/activities/\(id)",
            #"{"start":"\#(start)","durationMinutes":90,"capacity":\#(Self.capacity),"location":"枫林小区党群服务站"}"#
        )
        try await secretary.send("POST", "/v1/activities/\(id)/publish")
        return id
    }

    /// Signs compound A's `index`-th resident up, by themself or by the head; returns the registration.
    func register(_ index: Int, activityID: Int, byHead: Bool = false) async throws -> Registration {
        let caller = try await system.client(system.calendar, as: byHead ? city.head : city.resident(index))
        let channel = byHead ? "proxy" : "self"
        let answer = try await caller.send(
            "POST",
            "/v1/activities/\(activityID)/occurrences/\(start)/registrations",
            #"{"residentID":\#(city.residents[index]),"channel":"\#(channel)"}"#
        )
        return try Registration(answer.object)
    }

    /// A registration as the calendar reports it.
    func registration(_ id: Int, of index: Int) async throws -> Registration {
        let caller = try await system.client(system.calendar, as: city.resident(index))
        return try Registration(try await caller.get("/v1/registrations/\(id)"))
    }

    /// The resident cancels their own registration.
    func cancel(_ registration: Registration, of index: Int) async throws {
        let caller = try await system.client(system.calendar, as: city.resident(index))
        try await caller.send("POST", "/v1/registrations/\(registration.id)/cancel")
    }

    /// The secretary checks a resident in by their code; returns the HTTP status (201 new, 200 repeated).
    func checkIn(_ registration: Registration, activityID: Int) async throws -> Int {
        let secretary = try await system.client(system.calendar, as: city.secretary)
        let answer = try await secretary.send(
            "POST",
            "/v1/activities/\(activityID)/occurrences/\(start)/check-ins",
            #"{"code":"\#(registration.checkInCode)"}"#
        )
        return answer.status
    }
}

/// What the tests need of a registration.
struct Registration: Sendable {
    let id: Int
    let residentID: Int
    let status: String
    let waitlistPosition: Int?
    let checkInCode: String

    init(_ json: [String: Any]) throws {
        guard let id = json["id"] as? Int, let residentID = json["residentID"] as? Int, let status = json["status"] as? String,
            let code = json["checkInCode"] as? String
        else { throw TestSupportError("not a registration: \(json)") }
        (self.id, self.residentID, self.status, self.checkInCode) = (id, residentID, status, code)
        waitlistPosition = json["waitlistPosition"] as? Int
    }
}
