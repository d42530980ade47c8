import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceKit
import Testing

@testable import NotificationsService

/// Every write route of the notifications service, as every kind of caller, on an object of compound B.
@Suite("Authorisation matrix of the notifications service's write routes")
struct NotificationsAuthorisationMatrixTests {
    @Test(arguments: NoticeRoute.all)
    func scopeAndRoleDecide(_ route: NoticeRoute) async throws {
        let env = try await NotificationsTestEnvironment.make("matrix")
        try await env.withWorker {
            let inbox = try await NoticeTarget.seed(env)
            try await env.test { client in
                var serial = 0
                func call(_ caller: NoticeCaller?) async throws -> (TestResponse, String) {
                    serial += 1
                    var values = try await route.target.make(env, client, serial: serial)
                    values["inbox"] = String(inbox)
                    values["residentB"] = String(NoticeCaller.residentBID)
                    values["compoundB"] = String(NoticeCaller.compoundB)
                    values["areaB"] = String(NoticeCaller.areaB)
                    func fill(_ text: String) -> String {
                        values.reduce(text.replacingOccurrences(of: "{unique}", with: String(serial))) {
                            $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value)
                        }
                    }
                    let json = route.body.isEmpty ? nil : fill(route.body)
                    let response = try await env.call(client, route.method, fill(route.path), as: caller, json: json)
                    return (response, "\(route) as \(caller?.rawValue ?? "nobody"): \(response.status.code) \(String(buffer: response.body))")
                }
                for caller in route.outside {
                    let (response, what) = try await call(caller)
                    #expect(route.refusals.contains(response.status.code), "outside: \(what)")
                }
                for caller in route.inside {
                    let (response, what) = try await call(caller)
                    #expect((200..<300).contains(response.status.code), "inside: \(what)")
                }
                let (anonymous, what) = try await call(nil)
                #expect(anonymous.status == .unauthorized, "\(what)")
            }
        }
    }

    /// The matrix names every write route the OpenAPI document lists (but the queue's admin routes).
    @Test func everyWriteRouteIsInTheMatrix() throws {
        let document = try NotificationsService.openAPIDocument()
        var documented: Set<String> = []
        var path = ""
        for line in document.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  /") { path = String(line.dropFirst(2).dropLast()) }
            let verb = line.trimmingCharacters(in: .whitespaces).dropLast()
            if line.hasPrefix("    "), !line.hasPrefix("     "), ["post", "put", "patch", "delete"].contains(verb), !path.hasPrefix("/v1/admin/") {
                documented.insert("\(verb.uppercased()) \(path)")
            }
        }
        let names = ["inbox": "id", "task": "id", "webhook": "id", "residentB": "id"]
        let covered = Set(
            NoticeRoute.all.map { route in
                let path = names.reduce(route.path.replacingOccurrences(of: "activity.published/sms", with: "{kind}/{channel}")) {
                    $0.replacingOccurrences(of: "{\($1.key)}", with: "{\($1.value)}")
                }
                return "\(route.method) \(path)"
            }
        )
        #expect(documented == covered)
    }
}
