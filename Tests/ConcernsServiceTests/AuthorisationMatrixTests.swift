import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceKit
import Testing

/// A write route aimed at compound B's objects, with who may use it (docs/concerns.md) and who may not.
struct MatrixRoute: Sendable, CustomStringConvertible {
    let method: HTTPRequest.Method
    /// The path and body, with `{concern}`, `{council}`, `{seat}`, `{meeting}`, `{item}`, `{compound}`, `{unique}` to fill.
    let path: String
    let body: String
    let target: MatrixTarget
    var inside: [MatrixCaller] = MatrixCaller.staff
    var outside: [MatrixCaller] = MatrixCaller.outsiders + [.residentB, .ownerB]
    /// Routes that name the compound or household in the body refuse an outsider with a 422 "no such compound"
    /// (or "not a household you speak for"), which reveals no more than a 404.
    var refusals: Set<Int> = [403, 404]
    var description: String { "\(method) \(path) \(body.prefix(40))" }

    static let meeting = #"{"title":"议事会","venue":"党群服务站","startsAt":"2030-12-05T10:00:00Z","endsAt":"2030-12-05T12:00:00Z"}"#
    static let hold =
        #"{"attendees":[{"party":"party-branch","name":"甲"},{"party":"owners-committee","name":"乙"},{"party":"property-company","name":"丙"},{"party":"resident-representatives","name":"丁"}],"minutes":"纪要"}"#
    static let decision = #"{"summary":"增设排水泵","actionItems":[{"title":"安装排水泵","ownerParty":"property-company","dueAt":"2031-01-01T00:00:00Z"}]}"#
    static func transition(_ action: String, _ extra: String = "") -> String { #"{"action":"\#(action)"\#(extra)}"# }
    static let settled = [MatrixTarget.acknowledged, transition("settle")]
    static let acknowledged = MatrixTarget.concern(byResident: false, actions: [MatrixTarget.acknowledged])
    static let open = MatrixTarget.concern(byResident: false, actions: [])
    static let staffNamed: Set<Int> = [403, 404, 422]
}

/// Every write route of the concerns service, as every kind of caller, on an object of compound B.
@Suite("Authorisation matrix of the concerns service's write routes")
struct AuthorisationMatrixTests {
    @Test(arguments: MatrixRoute.all)
    func scopeAndRoleDecide(_ route: MatrixRoute) async throws {
        let env = try await ConcernsTestEnvironment.make("matrix")
        try await env.test { client in
            let council = try await MatrixTarget.council(env, client)
            var serial = 0
            func call(_ caller: MatrixCaller?) async throws -> (TestResponse, String) {
                serial += 1
                let values = try await route.target.make(env, client, council: council, serial: serial)
                func fill(_ text: String) -> String {
                    values.reduce(text.replacingOccurrences(of: "{unique}", with: String(serial))) {
                        $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value)
                    }
                }
                let principal = caller.map { $0.principal(compound: Int(values["compound"] ?? "") ?? City.compoundB) }
                let json = route.body.isEmpty ? nil : fill(route.body)
                let response = try await env.call(client, route.method, fill(route.path), as: principal, json: json)
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
