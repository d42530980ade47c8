import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// `/v1/webhooks…` (administrators): the systems and SMS gateways that receive signed messages.
/// The signing secret is shown once, when the endpoint is made.
struct WebhookRoutes {
    let pool: PostgresPool

    var desk: WebhookDesk { WebhookDesk(pool: pool) }

    func add(to router: Router<LinliRequestContext>) {
        router.get("/v1/webhooks") { _, context in
            _ = try Access.admin(try context.requirePrincipal())
            return try await desk.webhooks()
        }
        router.post("/v1/webhooks") { request, context in
            _ = try Access.admin(try context.requirePrincipal())
            let new = try await request.decodeBody(NewWebhook.self, context: context)
            return EditedResponse(status: .created, response: try await desk.create(new))
        }
        router.delete("/v1/webhooks/{id}") { _, context in
            _ = try Access.admin(try context.requirePrincipal())
            try await desk.deactivate(try context.parameters.require("id", as: Int.self))
            return Response(status: .noContent)
        }
    }
}

extension Webhook: ResponseEncodable {}
