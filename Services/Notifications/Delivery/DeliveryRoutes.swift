import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// `/v1/deliveries` (what was sent where, and how it went) and `/v1/group-chats` (with robots
/// masked), for staff within their scope.
struct DeliveryRoutes {
    let pool: PostgresPool

    var desk: DeliveryDesk { DeliveryDesk(pool: pool) }

    func add(to router: Router<LinliRequestContext>) {
        router.get("/v1/deliveries") { request, context in
            let principal = try Access.staff(try context.requirePrincipal())
            let filter = DeliveryFilter(
                compoundID: try request.integerParameter("compoundID"),
                messageID: try request.integerParameter("messageID"),
                status: request.uri.queryParameters["status"].map(String.init),
                channel: request.uri.queryParameters["channel"].map(String.init)
            )
            let limit = try Pagination.limit(request)
            let after = try Pagination.after(request)
            return try await desk.deliveries(by: principal, filter, after: after, limit: limit)
        }
        router.get("/v1/group-chats") { request, context in
            let principal = try Access.staff(try context.requirePrincipal())
            return try await desk.groupChats(by: principal, compoundID: try request.integerParameter("compoundID"))
        }
    }
}

extension DeliveryRow: ResponseEncodable {}
extension GroupChat: ResponseEncodable {}
