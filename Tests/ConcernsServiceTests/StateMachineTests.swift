import Foundation
import Hummingbird
import HummingbirdTesting
import Models
import ServiceKit
import ServiceTestSupport
import Testing

/// Every action from every state, through the API: allowed ones land where the table says and
/// publish their event; refused ones answer 409 and change nothing.
@Suite("The concern state machine")
struct StateMachineTests {
    /// The expected machine, written out independently of the service's table: action → (from states → to state).
    static let allowed: [String: (from: Set<String>, to: String)] = [
        "acknowledge": (["open"], "acknowledged"),
        "start": (["acknowledged", "referred"], "in-progress"),
        "refer": (["acknowledged", "in-progress"], "referred"),
        "settle": (["acknowledged", "in-progress", "referred"], "settled"),
        "close": (["open", "acknowledged", "in-progress", "referred"], "closed-unsettled"),
        "confirm": (["settled"], "settled"),
        "reopen": (["settled"], "in-progress"),
    ]
    static let states = ["open", "acknowledged", "in-progress", "referred", "settled", "closed-unsettled"]
    static let owner = #","ownerParty":"property-company""#
    static let reason = #","note":"业主已自行处理""#

    /// Brings a new concern to a state through the API.
    func concern(in state: String, _ client: some TestClientProtocol, env: ConcernsTestEnvironment) async throws -> Int {
        let id = try await env.raise(client, as: City.resident1Token, title: "楼道灯坏了 \(state)", category: "public-facilities")
        let staff = City.secretaryA
        switch state {
        case "open": break
        case "acknowledged": try await env.act(client, id, "acknowledge", as: staff, extra: Self.owner)
        case "in-progress":
            try await env.act(client, id, "acknowledge", as: staff, extra: Self.owner)
            try await env.act(client, id, "start", as: staff)
        case "referred":
            try await env.act(client, id, "acknowledge", as: staff, extra: Self.owner)
            try await env.act(client, id, "refer", as: staff)
        case "settled":
            try await env.act(client, id, "acknowledge", as: staff, extra: Self.owner)
            try await env.act(client, id, "settle", as: staff)
        default: try await env.act(client, id, "close", as: staff, extra: Self.reason)
        }
        return id
    }

    @Test func everyActionFromEveryState() async throws {
        let env = try await ConcernsTestEnvironment.make()
        try await env.test { client in
            for (action, rule) in Self.allowed.sorted(by: { $0.key < $1.key }) {
                for state in Self.states {
                    let id = try await concern(in: state, client, env: env)
                    // The reporter confirms and reopens; staff do the rest.
                    let actor = ["confirm", "reopen"].contains(action) ? City.resident1Token : City.secretaryA
                    let extra = action == "close" ? Self.reason : (action == "acknowledge" ? Self.owner : "")
                    let before = try await env.expect(client, .get, "/v1/concerns/\(id)", as: City.secretaryA, decoding: ConcernBody.self)
                    let response = try await env.call(
                        client,
                        .post,
                        "/v1/concerns/\(id)/transitions",
                        as: actor,
                        json: #"{"action":"\#(action)"\#(extra)}"#
                    )
                    let after = try await env.expect(client, .get, "/v1/concerns/\(id)", as: City.secretaryA, decoding: ConcernBody.self)
                    if rule.from.contains(state) {
                        #expect(response.status == .ok, "\(action) from \(state)")
                        #expect(after.state == rule.to, "\(action) from \(state)")
                        #expect(after.revision == before.revision + 1, "\(action) from \(state)")
                    } else {
                        #expect(response.status == .conflict, "\(action) from \(state)")
                        let problem = try response.problem()
                        #expect(problem.type.hasSuffix("/wrong-state"), "\(action) from \(state)")
                        #expect(after.state == state && after.revision == before.revision, "\(action) from \(state) changed nothing")
                    }
                }
            }
        }
        // Each settlement published concern.settled: the "settled" set-up of each of the 7 actions, plus
        // the 3 allowed "settle" transitions; the one allowed reopening published concern.reopened.
        let settled = try await env.published(ConcernSettled.self)
        let reopened = try await env.published(ConcernReopened.self)
        #expect(settled.count == 7 + 3)
        #expect(reopened.count == 1)
        #expect(Set(settled.map(\.eventID)).count == settled.count)
    }
}
