import Foundation
import Hummingbird
import ServiceKit

/// `GET /v1/residents/{id}/personal-data` and its audit trail, `…/personal-data/reads`.
struct PersonalDataRoutes {
    let desk: PersonalDataDesk

    func add(to router: Router<LinliRequestContext>) {
        router.get("/v1/residents/{id}/personal-data") { _, context in
            let caller = try context.caller()
            return try await desk.personalData(try context.parameters.require("id", as: Int.self), by: caller)
        }
        router.get("/v1/residents/{id}/personal-data/reads") { _, context in
            let principal = try context.requirePrincipal()
            return try await desk.reads(try context.parameters.require("id", as: Int.self), by: principal)
        }
    }
}

/// One audited read of personal data.
struct PersonalDataRead: Codable, Sendable, ResponseEncodable {
    var reader: String
    var readerRole: String
    var fields: [String]
    var requestID: String?
    var readAt: Date
}
