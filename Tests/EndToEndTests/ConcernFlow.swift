import Foundation
import LinliTestSupport
import ServiceKit

/// A resident's concern settled by the four-party council: raised, acknowledged, referred, put on
/// a meeting's agenda, the meeting held with every party present, and a decision that settles it.
struct ConcernFlow: Sendable {
    let system: SystemUnderTest
    let city: Neighbourhood
    static let parties = ["party-branch", "owners-committee", "property-company", "resident-representatives"]

    /// Compound A's first resident raises a concern about the flooded garage; returns its id.
    func raise() async throws -> Int {
        let resident = try await system.client(system.concerns, as: city.resident(0))
        let answer = try await resident.send(
            "POST",
            "/v1/concerns",
            #"{"category":"parking","source":"app","title":"地下车库积水严重","description":"下雨后地下车库积水，车辆无法进出"}"#
        )
        guard let id = (answer.object["concern"] as? [String: Any])?["id"] as? Int else {
            throw TestSupportError("the raise answered no concern: \(answer.text.prefix(300))")
        }
        return id
    }

    /// The secretary acknowledges it (the property company owns it) and refers it to the council.
    func refer(_ concernID: Int) async throws {
        let secretary = try await system.client(system.concerns, as: city.secretary)
        try await secretary.send("POST", "/v1/concerns/\(concernID)/transitions", #"{"action":"acknowledge","ownerParty":"property-company"}"#)
        try await secretary.send("POST", "/v1/concerns/\(concernID)/transitions", #"{"action":"refer","note":"提交四方议事会"}"#)
    }

    /// The council with a seat for each party; returns its id and the seat ids by party.
    func makeCouncil() async throws -> (id: Int, seats: [String: Int]) {
        let secretary = try await system.client(system.concerns, as: city.secretary)
        let holders = [
            ("staff:secretary-a", "刘书记"), ("resident:\(city.residents[1])", "王建国"), ("org:property-a:zhou", "周经理"),
            ("resident:\(city.residents[2])", "李秀英"),
        ]
        let seats = zip(Self.parties, holders).map { #"{"party":"\#($0)","holderSubject":"\#($1.0)","holderName":"\#($1.1)"}"# }
        let answer = try await secretary.send(
            "POST",
            "/v1/councils",
            #"{"compoundID":\#(city.compoundA),"name":"枫林小区四方议事会","seats":[\#(seats.joined(separator: ","))]}"#
        )
        guard let id = answer.object["id"] as? Int, let list = answer.object["seats"] as? [[String: Any]] else {
            throw TestSupportError("no council in \(answer.text.prefix(300))")
        }
        let byParty = Dictionary(uniqueKeysWithValues: list.compactMap { seat in (seat["party"] as? String).map { ($0, seat["id"] as? Int ?? 0) } })
        return (id, byParty)
    }

    /// Schedules a meeting in two days (its agenda: every referred concern); returns the meeting's id and agenda concern ids.
    func schedule(councilID: Int) async throws -> (id: Int, agenda: [Int]) {
        let secretary = try await system.client(system.concerns, as: city.secretary)
        let formatter = ISO8601DateFormatter()
        let startsAt = Date().addingTimeInterval(2 * 86_400)
        let answer = try await secretary.send(
            "POST",
            "/v1/councils/\(councilID)/meetings",
            #"{"title":"十一月议事会","venue":"党群服务站","startsAt":"\#(formatter.string(from: startsAt))","endsAt":"\#(formatter.string(from: startsAt.addingTimeInterval(7_200)))"}"#
        )
        guard let id = (answer.object["meeting"] as? [String: Any])?["id"] as? Int else {
            throw TestSupportError("no meeting in \(answer.text.prefix(300))")
        }
        let agenda = (answer.object["agenda"] as? [[String: Any]] ?? []).compactMap { $0["concernID"] as? Int }
        return (id, agenda)
    }

    /// Holds the meeting with every party present; returns whether the quorum was met.
    func hold(meetingID: Int, seats: [String: Int]) async throws -> Bool {
        let secretary = try await system.client(system.concerns, as: city.secretary)
        let attendees = Self.parties.map { #"{"party":"\#($0)","name":"代表","seatID":\#(seats[$0] ?? 0)}"# }
        let answer = try await secretary.send(
            "POST",
            "/v1/meetings/\(meetingID)/hold",
            #"{"attendees":[\#(attendees.joined(separator: ","))],"minutes":"四方到齐，议定排水改造"}"#
        )
        return (answer.object["meeting"] as? [String: Any])?["quorumMet"] as? Bool ?? false
    }

    /// Records the decision that settles the concern.
    func decide(meetingID: Int, concernID: Int) async throws {
        let secretary = try await system.client(system.concerns, as: city.secretary)
        try await secretary.send(
            "POST",
            "/v1/meetings/\(meetingID)/decisions",
            #"{"summary":"物业本周内疏通排水并加装挡水板","concernIDs":[\#(concernID)],"settlesConcerns":true}"#
        )
    }

    /// The concern's state as its reporter sees it.
    func state(of concernID: Int) async throws -> String? {
        let resident = try await system.client(system.concerns, as: city.resident(0))
        return try await resident.get("/v1/concerns/\(concernID)")["state"] as? String
    }
}
