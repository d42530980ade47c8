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
            let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }) { $1 }
            let filter = DeliveryFilter(
                compoundID: try Access.integer("compoundID", in: query),
                messageID: try Access.integer("messageID", in: query),
                status: query["status"],
                channel: query["channel"]
            )
            let limit = try Pagination.limit(request)
            let after = try Pagination.after(request)
            return try await desk.deliveries(by: principal, filter, after: after, limit: limit)
        }
        router.get("/v1/group-chats") { request, context in
            let principal = try Access.staff(try context.requirePrincipal())
            let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }) { $1 }
            return try await desk.groupChats(by: principal, compoundID: try Access.integer("compoundID", in: query))
        }
    }
}

extension DeliveryRow: ResponseEncodable {}
extension GroupChat: ResponseEncodable {}
