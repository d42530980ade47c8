import Foundation
import Hummingbird
import HummingbirdTesting
import LinliTestSupport
import Models
import NIOCore
import Postgres
import ServiceKit
import ServiceTestSupport

@testable import NotificationsService

/// The callers of the notifications authorisation matrix, named relative to compound B (书香苑, area 32).
enum NoticeCaller: String, Sendable, CaseIterable {
    case admin, districtB, secretaryB, residentB, neighbourB, districtA, secretaryA, headA, residentA, dashboard

    /// Compound A (枫林小区) and its area, with its residents (the head is one of them).
    static let compoundA = 21, areaA = 31, residentAID = 2101, headAID = 2103
    /// Compound B (书香苑) and its area, with its two residents (B's resident and their neighbour).
    static let compoundB = 22, areaB = 32, residentBID = 2201, neighbourBID = 2202

    /// Staff covering compound B.
    static let staff: [NoticeCaller] = [.admin, .districtB, .secretaryB]
    /// Callers with no business in compound B at all.
    static let outsiders: [NoticeCaller] = [.districtA, .secretaryA, .headA, .residentA, .dashboard]
    /// Every caller but the administrator.
    static let notAdmin: [NoticeCaller] = allCases.filter { $0 != .admin }

    /// The caller's token.
    var principal: Principal {
        switch self {
        case .admin: NotificationsTestEnvironment.admin
        case .districtB: Principal(subject: "staff:district-32", role: .district, areaIDs: [Self.areaB])
        case .secretaryB: Principal(subject: "staff:secretary-b", role: .secretary, compoundIDs: [Self.compoundB])
        case .residentB: Self.resident(Self.residentBID)
        case .neighbourB: Self.resident(Self.neighbourBID)
        case .districtA: Principal(subject: "staff:district-31", role: .district, areaIDs: [Self.areaA])
        case .secretaryA: Principal(subject: "staff:secretary-a", role: .secretary, compoundIDs: [Self.compoundA])
        case .headA: Principal(subject: "resident:\(Self.headAID)", role: .head, householdIDs: [Self.headAID], residentID: Self.headAID)
        case .residentA: Self.resident(Self.residentAID)
        case .dashboard: Principal(subject: "system:grafana", role: .dashboard)
        }
    }

    static func resident(_ id: Int) -> Principal { Principal(subject: "resident:\(id)", role: .resident, householdIDs: [id], residentID: id) }
}

/// What a route needs to exist before each call; a fresh one per call where a call changes it.
enum NoticeTarget: Sendable {
    case none
    /// A copy task for B's group chat (no robot), from an administrator's notice to B.
    case copyTask
    /// A webhook endpoint made by an administrator.
    case webhook

    /// The parts of the answers to a notice and a new webhook that the targets need.
    struct Sent: Decodable { let messageID: Int? }
    struct Made: Decodable { let id: Int }

    /// Seeds compounds A and B (no robots) and one inbox message for B's resident; returns that message's id.
    static func seed(_ env: NotificationsTestEnvironment) async throws -> Int {
        try await env.seedCompound(NoticeCaller.compoundA, name: "枫林小区", residents: [2101, 2103], chatID: 41, robot: nil)
        try await env.seedCompound(
            NoticeCaller.compoundB,
            name: "书香苑",
            residents: [NoticeCaller.residentBID, NoticeCaller.neighbourBID],
            chatID: 42,
            robot: nil
        )
        try await env.publish([ActivityPublished(activity: NotificationsTestEnvironment.activity(61, compound: NoticeCaller.compoundB), revision: 1)])
        let inbox: SQL = "SELECT coalesce(min(id), 0) FROM notify.deliveries WHERE channel = 'inbox' AND recipient_id = \(NoticeCaller.residentBID)"
        try await env.waitUntil("B's resident has an inbox message", seconds: 60) { try await env.count(inbox) > 0 }
        return try await env.count(inbox)
    }

    /// Creates the target and returns the placeholders to fill the route with.
    func make(_ env: NotificationsTestEnvironment, _ client: some TestClientProtocol, serial: Int) async throws -> [String: String] {
        switch self {
        case .none: return [:]
        case .copyTask:
            let json = #"{"title":"停水通知\#(serial)","body":"明日停水","compoundIDs":[\#(NoticeCaller.compoundB)]}"#
            let response = try await env.call(client, .post, "/v1/notices", as: .admin, json: json)
            guard response.status == .accepted, let message = try response.decode(Sent.self).messageID else {
                throw TestFailure("the administrator's notice to B was refused: \(response.status) \(String(buffer: response.body))")
            }
            let task: SQL = "SELECT coalesce(max(id), 0) FROM notify.deliveries WHERE message_id = \(message) AND channel = 'copy-task'"
            try await env.waitUntil("the notice's copy task for B exists", seconds: 60) { try await env.count(task) > 0 }
            return ["task": String(try await env.count(task))]
        case .webhook:
            let json = #"{"name":"民政系统\#(serial)","url":"http://127.0.0.1:9/hook","purpose":"system"}"#
            let response = try await env.call(client, .post, "/v1/webhooks", as: .admin, json: json)
            guard response.status == .created else {
                throw TestFailure("the administrator's webhook was refused: \(response.status) \(String(buffer: response.body))")
            }
            return ["webhook": String(try response.decode(Made.self).id)]
        }
    }
}

extension NotificationsTestEnvironment {
    /// One request as a caller (or with no token), with a JSON body if given.
    func call(
        _ client: some TestClientProtocol,
        _ method: HTTPRequest.Method,
        _ path: String,
        as caller: NoticeCaller?,
        json: String?
    ) async throws -> TestResponse {
        var headers = HTTPFields()
        if let caller { headers = try await self.headers(caller.principal) }
        headers[.contentType] = "application/json"
        return try await client.execute(uri: path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }
}
