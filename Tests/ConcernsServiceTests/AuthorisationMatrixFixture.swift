import Foundation
import Hummingbird
import HummingbirdTesting
import Models
import ServiceKit

/// The callers of the authorisation matrix, named relative to compound B (书香苑, district 12).
enum MatrixCaller: String, Sendable, CaseIterable {
    case admin, districtB, secretaryB, residentB, ownerB, districtA, secretaryA, headA, residentA, dashboard

    /// Staff covering compound B.
    static let staff: [MatrixCaller] = [.admin, .districtB, .secretaryB]
    /// Callers with no business in compound B at all.
    static let outsiders: [MatrixCaller] = [.districtA, .secretaryA, .headA, .residentA, .dashboard]

    /// The caller's token; the secretary of B is the secretary of `compound` (a fresh compound for council creation).
    func principal(compound: Int) -> Principal {
        switch self {
        case .admin: City.admin
        case .districtB: Principal(subject: "staff:district-12", role: .district, areaIDs: [12])
        case .secretaryB: Principal(subject: "staff:secretary-b", role: .secretary, compoundIDs: [compound])
        case .residentB: City.residentBToken
        case .ownerB: MatrixTarget.propertyManagerB
        case .districtA: City.districtA
        case .secretaryA: City.secretaryA
        case .headA: City.head
        case .residentA: City.resident1Token
        case .dashboard: City.dashboard
        }
    }
}

/// What a route needs to exist before each call; a fresh one per call, so no call's success turns another's into a 409.
enum MatrixTarget: Sendable {
    case none
    /// A concern of B raised by staff (no household) or by B's resident, then moved by admin through these actions.
    case concern(byResident: Bool, actions: [String])
    case freshCompound, seat, meeting, heldMeeting, actionItem

    /// The property company's manager of compound B, seated in B's council.
    static let propertyManagerB = Principal(subject: "org:property-b:qian", role: .resident)
    static let acknowledged = #"{"action":"acknowledge","ownerParty":"property-company"}"#

    /// Sets up compound B's council (with the property company's seat) once per environment; returns its id.
    static func council(_ env: ConcernsTestEnvironment, _ client: some TestClientProtocol) async throws -> Int {
        let seat = #"{"party":"property-company","holderSubject":"\#(propertyManagerB.subject)","holderName":"钱经理"}"#
        let json = #"{"compoundID":\#(City.compoundB),"seats":[\#(seat)]}"#
        return try await env.expect(client, .post, "/v1/councils", as: City.admin, json: json, status: .created, decoding: CouncilBody.self).id
    }

    /// Creates the target and returns the placeholders to fill the route with.
    func make(_ env: ConcernsTestEnvironment, _ client: some TestClientProtocol, council: Int, serial: Int) async throws -> [String: String] {
        var values = ["compound": String(City.compoundB), "council": String(council)]
        switch self {
        case .none: break
        case .concern(let byResident, let actions):
            let id =
                byResident
                ? try await env.raise(client, as: City.residentBToken)
                : try await env.raise(client, as: City.admin, extra: #","compoundID":\#(City.compoundB)"#)
            for action in actions {
                _ = try await env.expect(client, .post, "/v1/concerns/\(id)/transitions", as: City.admin, json: action, decoding: ConcernBody.self)
            }
            values["concern"] = String(id)
        case .freshCompound:
            let compound = 1_000 + serial
            let changed = CompoundChanged(
                compoundID: compound,
                name: "新苑\(serial)",
                areaPath: City.pathB,
                gridIDs: [2],
                hasPartyBranch: true,
                hasOwnersCommittee: true,
                hasPropertyCompany: true,
                hasRedProperty: false,
                revision: 1
            )
            try await env.publish([changed])
            values["compound"] = String(compound)
        case .seat:
            let json = #"{"party":"resident-representatives","holderSubject":"resident:\#(serial)","holderName":"代表"}"#
            let seat = try await env.expect(
                client,
                .post,
                "/v1/councils/\(council)/seats",
                as: City.admin,
                json: json,
                status: .created,
                decoding: CouncilBody.Seat.self
            )
            values["seat"] = String(seat.id)
        case .meeting, .heldMeeting, .actionItem:
            let meeting = try await env.expect(
                client,
                .post,
                "/v1/councils/\(council)/meetings",
                as: City.admin,
                json: MatrixRoute.meeting,
                status: .created,
                decoding: MeetingBody.self
            )
            let id = meeting.meeting.id
            values["meeting"] = String(id)
            if case .meeting = self { break }
            _ = try await env.expect(client, .post, "/v1/meetings/\(id)/hold", as: City.admin, json: MatrixRoute.hold, decoding: MeetingBody.self)
            if case .heldMeeting = self { break }
            let decision = try await env.expect(
                client,
                .post,
                "/v1/meetings/\(id)/decisions",
                as: City.admin,
                json: MatrixRoute.decision,
                status: .created,
                decoding: DecisionBody.self
            )
            values["item"] = String(decision.actionItems[0].id)
        }
        return values
    }
}
