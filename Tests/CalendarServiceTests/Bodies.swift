import Foundation
import Hummingbird
import LinliTestSupport
import ServiceKit

/// The parts of the API's answers the tests read.
struct ActivityBody: Decodable, Sendable {
    let id: Int
    let uid: String
    let compoundID: Int
    let state: String
    let sequence: Int
    let revision: Int
    let title: String
    let start: String?
    let recurrence: String?
    let exdates: [String]
    let capacity: Int?
    let themeID: Int?
    let splitFrom: Int?
    let venueLabel: String?
    let link: String
    let kind: String
}

struct ActivityPageBody: Decodable, Sendable {
    let items: [ActivityBody]
    let next: String?
}

struct OccurrenceBody: Decodable, Sendable {
    let recurrenceID: String
    let start: String
    let status: String
    let title: String
    let capacity: Int?
    let occurrenceID: Int?
    let confirmed: Int
    let waitlisted: Int
}

struct OccurrenceListBody: Decodable, Sendable {
    let items: [OccurrenceBody]
}

struct RegistrationBody: Decodable, Sendable {
    let id: Int
    let occurrenceID: Int
    let residentID: Int
    let channel: String
    let registeredBy: Int?
    let status: String
    let waitlistPosition: Int?
    let checkInCode: String
    let qrPayload: String
}

struct RosterBody: Decodable, Sendable {
    struct Entry: Decodable, Sendable {
        let registrationID: Int
        let residentID: Int
        let phone: String?
        let status: String
        let waitlistPosition: Int?
    }
    let capacity: Int?
    let items: [Entry]
}

struct ThemeBody: Decodable, Sendable {
    let id: Int
    let state: String
    let revision: Int
    let compoundCount: Int?
}

struct CheckInReply: Decodable, Sendable {
    struct Attendance: Decodable, Sendable {
        let id: Int
        let residentID: Int
        let channel: String
    }
    let attendance: Attendance
    let alreadyCheckedIn: Bool
}

struct ReportReply: Decodable, Sendable {
    let registrations: Int
    let attendance: Int
    let byChannel: [String: Int]
    let volunteerHours: Double
    let notes: String
    let revision: Int
}

struct FeedLinkBody: Decodable, Sendable {
    let url: String
}

extension CalendarTestEnvironment {
    /// Drafts an activity in 枫林小区 as its secretary; `extra` adds JSON fields (`"capacity":5`).
    func draft(_ title: String = "幸福邻里节", start: String, extra: String = "", as principal: Principal = City.secretary) async throws -> ActivityBody {
        let comma = extra.isEmpty ? "" : ","
        let reply = try await send(
            .post,
            "/v1/activities",
            #"{"compoundID":\#(City.fenglin),"title":"\#(title)","start":"\#(start)","durationMinutes":120\#(comma)\#(extra)}"#,
            as: principal
        )
        guard reply.status == .created else { throw TestFailure("draft: \(reply.status) \(reply.text)") }
        return try reply.decode()
    }

    /// Drafts and publishes.
    func published(
        _ title: String = "幸福邻里节",
        start: String,
        extra: String = "",
        as principal: Principal = City.secretary
    ) async throws -> ActivityBody {
        let draft = try await draft(title, start: start, extra: extra, as: principal)
        let reply = try await send(.post, "/v1/activities/\(draft.id)/publish", as: principal)
        guard reply.status == .ok else { throw TestFailure("publish: \(reply.status) \(reply.text)") }
        return try reply.decode()
    }

    /// Registers a resident for an occurrence.
    func register(_ activity: Int, _ start: String, resident: Int, as principal: Principal, channel: String? = nil) async throws -> Reply {
        let channelField = channel.map { #","channel":"\#($0)""# } ?? ""
        return try await send(
            .post,
            "/v1/activities/\(activity)/occurrences/\(start)/registrations",
            #"{"residentID":\#(resident)\#(channelField)}"#,
            as: principal
        )
    }
}
