import Foundation
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import Postgres
import ServiceKit
import ServiceTestSupport
import Testing

@testable import NotificationsService

@Suite("Staff routes: templates, preferences, copy tasks, group chats, notices")
struct StaffRouteTests {
    static let admin = NotificationsTestEnvironment.admin
    static let secretary = Principal(subject: "staff:sec14", role: .secretary, compoundIDs: [14])
    static let otherSecretary = Principal(subject: "staff:sec15", role: .secretary, compoundIDs: [15])

    @Test func templatesAreCheckedAgainstTheirByteBudgetWhenSaved() async throws {
        let env = try await NotificationsTestEnvironment.make()
        try await env.test { client in
            let admin = try await env.headers(Self.admin)
            let tooLong = String(repeating: "邻里守望 ", count: 150) + "{{title}}"  // ~1,950 bytes: over the SMS budget
            try await client.execute(
                uri: "/v1/templates/activity.published/sms",
                method: .put,
                headers: admin,
                body: ByteBuffer(string: #"{"body":"\#(tooLong)"}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try response.problem()
                #expect(problem.fieldNames == ["body"])
                #expect(problem.errors?.first?.message.contains("budget is 1000 bytes") == true)
            }
            try await client.execute(
                uri: "/v1/templates/activity.published/sms",
                method: .put,
                headers: admin,
                body: ByteBuffer(string: #"{"body":"{{#title}"}"#)
            ) { #expect($0.status == .unprocessableContent) }
            try await client.execute(
                uri: "/v1/templates/activity.published/sms",
                method: .put,
                headers: try await env.headers(Self.secretary),
                body: ByteBuffer(string: #"{"body":"{{title}}"}"#)
            ) { #expect($0.status == .forbidden) }
            try await client.execute(
                uri: "/v1/templates/no.such.kind/sms",
                method: .put,
                headers: admin,
                body: ByteBuffer(string: #"{"body":"x"}"#)
            ) { #expect($0.status == .notFound) }
            try await client.execute(
                uri: "/v1/templates/activity.published/sms",
                method: .put,
                headers: admin,
                body: ByteBuffer(string: #"{"body":"【邻里】{{title}} {{time}} & 欢迎"}"#)
            ) { #expect($0.status == .ok) }
            struct Preview: Decodable {
                let rendered: String
                let fits: Bool
                let robotForm: String?
            }
            try await client.execute(
                uri: "/v1/templates/preview",
                method: .post,
                headers: try await env.headers(Self.secretary),
                body: ByteBuffer(string: #"{"kind":"activity.published","channel":"sms"}"#)
            ) { response in
                let preview = try response.decode(Preview.self)
                // Plain text: nothing is HTML-escaped.
                #expect(preview.rendered == "【邻里】幸福邻里节·百家宴 12月6日 09:30 & 欢迎")
                #expect(preview.fits)
            }
            try await client.execute(
                uri: "/v1/templates/preview",
                method: .post,
                headers: admin,
                body: ByteBuffer(string: #"{"kind":"activity.published","channel":"wecom-robot"}"#)
            ) { response in
                let value = try response.decode(Preview.self).robotForm
                #expect(value == "news")
            }
        }
    }

    @Test func preferencesAreTheResidentsOrTheirStaffs() async throws {
        let env = try await NotificationsTestEnvironment.make()
        try await env.withWorker { try await env.seedCompound(14, name: "枫林小区", residents: [1001, 1002], chatID: 24, robot: nil) }
        let me = Principal(subject: "resident:1001", role: .resident, householdIDs: [1001], residentID: 1001)
        try await env.test { client in
            let body =
                #"{"residentID":1001,"items":[{"kind":"*","channel":"sms","enabled":true},{"kind":"points.awarded","channel":"inbox","enabled":false}]}"#
            try await client.execute(
                uri: "/v1/residents/1001/preferences",
                method: .put,
                headers: try await env.headers(me),
                body: ByteBuffer(string: body)
            ) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/residents/1001/preferences", method: .get, headers: try await env.headers(Self.secretary)) {
                response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("points.awarded"))
            }
            for (principal, id) in [(me, 1002), (Self.otherSecretary, 1001)] {
                try await client.execute(uri: "/v1/residents/\(id)/preferences", method: .get, headers: try await env.headers(principal)) {
                    #expect($0.status == .notFound)
                }
            }
            try await client.execute(
                uri: "/v1/residents/1001/preferences",
                method: .put,
                headers: try await env.headers(me),
                body: ByteBuffer(string: #"{"residentID":1001,"items":[{"kind":"nope","channel":"wecom-robot","enabled":true}]}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let value = try response.problem().fieldNames
                #expect(value == ["items[0].kind", "items[0].channel"])
            }
        }
        #expect(try await env.count("SELECT count(*) FROM notify.preferences WHERE resident_id = 1001") == 2)
    }

    @Test func noticesCopyTasksAndGroupChatsStayInScope() async throws {
        let env = try await NotificationsTestEnvironment.make()
        let robot = try await FakeHTTPServer.start()
        try await env.withWorker {
            try await env.seedCompound(14, name: "枫林小区", residents: [1101], chatID: 25, robot: nil)
            try await env.seedCompound(15, name: "书香苑", residents: [1102], chatID: 26, robot: robot.robotURL(key: "secretkey1234"))
            try await env.test { client in
                struct Sent: Decodable {
                    let compounds: Int
                    let robotMessages: Int
                    let copyTasks: Int
                }
                var headers = try await env.headers(Self.admin)
                headers[.init("Idempotency-Key")!] = "n-1"
                for _ in 0..<2 {
                    try await client.execute(
                        uri: "/v1/notices",
                        method: .post,
                        headers: headers,
                        body: ByteBuffer(string: #"{"title":"停水通知","body":"明日停水"}"#)
                    ) { response in
                        #expect(response.status == .accepted)
                        let sent = try response.decode(Sent.self)
                        #expect(sent.compounds == 2)
                    }
                }
                try await client.execute(
                    uri: "/v1/notices",
                    method: .post,
                    headers: try await env.headers(Self.secretary),
                    body: ByteBuffer(string: #"{"title":"x","body":"y","compoundIDs":[15]}"#)
                ) { response in
                    #expect(response.status == .unprocessableContent)
                    let value = try response.problem().fieldNames
                    #expect(value == ["compoundIDs"])
                }
                try await env.waitUntil("the robot got the notice") { robot.received.count == 1 }
                struct Task: Decodable {
                    let id: Int
                    let text: String
                    let done: Bool
                }
                struct Tasks: Decodable { let items: [Task] }
                let tasks = try await client.execute(uri: "/v1/copy-tasks?done=false", method: .get, headers: try await env.headers(Self.secretary)) {
                    try $0.decode(Tasks.self)
                }
                #expect(tasks.items.map(\.text) == ["明日停水"])
                let task = try #require(tasks.items.first)
                try await client.execute(uri: "/v1/copy-tasks/\(task.id)/done", method: .post, headers: try await env.headers(Self.otherSecretary)) {
                    #expect($0.status == .notFound)
                }
                try await client.execute(uri: "/v1/copy-tasks/\(task.id)/done", method: .post, headers: try await env.headers(Self.secretary)) {
                    response in
                    let value = try response.decode(Task.self).done
                    #expect(value)
                }
                try await client.execute(uri: "/v1/group-chats", method: .get, headers: try await env.headers(Self.otherSecretary)) { response in
                    let text = String(buffer: response.body)
                    #expect(text.contains("key=…1234"))
                    #expect(!text.contains("secretkey"))
                    #expect(!text.contains("枫林"))
                }
            }
        }
        #expect(robot.received.count == 1)
        #expect(
            try await env.count("SELECT count(*) FROM notify.deliveries WHERE channel = 'copy-task' AND status = 'sent' AND sent_by = 'staff:sec14'")
                == 1
        )
        await robot.stop()
    }

    @Test func theOpenAPIDocumentMatchesTheRoutes() async throws {
        let env = try await NotificationsTestEnvironment.make()
        let (undocumented, unrouted) = try OpenAPIConformance.differences(router: env.router, document: try NotificationsService.openAPIDocument())
        #expect(undocumented == [])
        #expect(unrouted == [])
    }
}
