import Foundation
import Hummingbird
import ServiceKit

/// The points ledger over HTTP: `GET /v1/residents/{id}/points`, `POST /v1/points/entries`,
/// `POST /v1/points/entries/{id}/reverse`, `GET/PUT /v1/points/star-rules`.
struct PointsRoutes {
    let desk: PointsDesk

    func add(to router: Router<LinliRequestContext>) {
        router.get("/v1/residents/{id}/points") { _, context in
            let principal = try context.requirePrincipal()
            return try await desk.statement(residentID: try context.parameters.require("id", as: Int.self), by: principal)
        }
        router.post("/v1/points/entries") { request, context in
            let caller = try context.caller()
            let body = try await request.decodeBody(NewEntry.self, context: context)
            return EditedResponse(status: .created, response: Awarded(event: try await desk.award(body, by: caller)))
        }
        router.post("/v1/points/entries/{id}/reverse") { request, context in
            let caller = try context.caller()
            let entryID = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(Reversal.self, context: context)
            return EditedResponse(status: .created, response: Awarded(event: try await desk.reverse(entryID, body, by: caller)))
        }
        router.get("/v1/points/star-rules") { _, context in
            _ = try context.requirePrincipal()
            return try await desk.rules()
        }
        router.put("/v1/points/star-rules") { request, context in
            let principal = try context.requirePrincipal()
            try PointsDesk.requireRuleSetter(principal)
            return try await desk.setRules(try await request.decodeBody(NewRules.self, context: context), by: principal)
        }
    }
}

extension PointsLedger.Rules: ResponseEncodable {}
