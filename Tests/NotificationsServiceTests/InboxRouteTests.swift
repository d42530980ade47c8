import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import NIOHTTP1
import Postgres
import ServiceKit
import ServiceTestSupport
import Testing

@testable import NotificationsService

@Suite("The inbox API: a resident's own messages, unread count, read marks, live stream")
struct InboxRouteTests {
    struct Item: Decodable {
        let id: Int
        let kind: String
        let title: String
        let readAt: Date?
    }
    struct PageBody: Decodable {
        let items: [Item]
        let next: String?
    }
    struct Unread: Decodable { let unread: Int }

    static let resident = Principal(subject: "resident:901", role: .resident, householdIDs: [901], residentID: 901)
    static let neighbour = Principal(subject: "resident:902", role: .resident, householdIDs: [902], residentID: 902)

    @Test func aResidentReadsAndMarksOnlyTheirOwnInbox() async throws {
        let env = try await NotificationsTestEnvironment.make()
        try await env.withWorker {
            try await env.seedCompound(12, name: "枫林小区", residents: [901, 902], chatID: 22, robot: nil)
            try await env.publish((16...18).map { ActivityPublished(activity: NotificationsTestEnvironment.activity($0, compound: 12), revision: 1) })
            try await env.waitUntilIdle()
        }
        let neighboursFirst =
            try await env.pool.query(
                "SELECT min(id) FROM notify.deliveries WHERE recipient_id = 902 AND channel = 'inbox'"
            ).scalar(Int.self) ?? 0
        try await env.test { client in
            let mine = try await env.headers(Self.resident)
            let firstPage = try await client.execute(uri: "/v1/inbox?limit=2", method: .get, headers: mine) { try $0.decode(PageBody.self) }
            #expect(firstPage.items.count == 2)
            #expect(firstPage.items[0].id > firstPage.items[1].id)
            let rest = try await client.execute(uri: "/v1/inbox?limit=2&after=\(firstPage.next ?? "")", method: .get, headers: mine) {
                try $0.decode(PageBody.self)
            }
            #expect(rest.items.count == 1)
            #expect(rest.next == nil)
            try await client.execute(uri: "/v1/inbox/unread-count", method: .get, headers: mine) { response in
                let value = try response.decode(Unread.self).unread
                #expect(value == 3)
            }
            try await client.execute(uri: "/v1/inbox/\(rest.items[0].id)/read", method: .post, headers: mine) { #expect($0.status == .noContent) }
            // Someone else's message is not there for them.
            try await client.execute(uri: "/v1/inbox/\(neighboursFirst)/read", method: .post, headers: mine) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/v1/inbox?unread=true", method: .get, headers: mine) { response in
                let value = try response.decode(PageBody.self).items.count
                #expect(value == 2)
            }
            try await client.execute(uri: "/v1/inbox/unread-count", method: .get, headers: mine) { response in
                let value = try response.decode(Unread.self).unread
                #expect(value == 2)
            }
            try await client.execute(uri: "/v1/inbox/unread-count", method: .get, headers: try await env.headers(Self.neighbour)) { response in
                let value = try response.decode(Unread.self).unread
                #expect(value == 3)
            }
            try await client.execute(uri: "/v1/inbox", method: .get, headers: try await env.headers(NotificationsTestEnvironment.admin)) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/v1/inbox", method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/v1/inbox?limit=0", method: .get, headers: mine) { response in
                #expect(response.status == .unprocessableContent)
                let value = try response.problem().fieldNames
                #expect(value == ["limit"])
            }
        }
    }

    /// A live server and a real streaming client: a message published after the stream opened arrives as an event.
    @Test func newMessagesArriveOnTheStream() async throws {
        let env = try await NotificationsTestEnvironment.make()
        try await env.withWorker {
            try await env.seedCompound(13, name: "枫林小区", residents: [901], chatID: 23, robot: nil)
            let token = try await env.tokens.mint(Self.resident)
            try await env.runtime.makeApplication(router: env.router).test(.live) { client in
                let port = try #require(client.port)
                var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/inbox/stream")
                request.headers.add(name: "Authorization", value: "Bearer \(token)")
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
                #expect(response.status == .ok)
                #expect(response.headers.first(name: "Content-Type")?.hasPrefix("text/event-stream") == true)
                try await env.publish([ActivityPublished(activity: NotificationsTestEnvironment.activity(19, compound: 13), revision: 1)])
                var received = ""
                for try await chunk in response.body {
                    received += String(buffer: chunk)
                    if received.contains("event: message") && received.hasSuffix("\n\n") { break }
                }
                #expect(received.contains("新活动：幸福邻里节·百家宴"))
                let id = try await env.pool.query("SELECT id FROM notify.deliveries WHERE recipient_id = 901").scalar(Int.self)
                #expect(received.contains("id: \(id ?? -1)\n"))
            }
        }
    }
}
