import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// `/v1/templates…`: the message templates in force, replacing one (checked against its channel's
/// byte budget when saved), going back to the default, and previews.
struct TemplateRoutes {
    let pool: PostgresPool

    var desk: TemplateDesk { TemplateDesk(pool: pool) }

    func add(to router: Router<LinliRequestContext>) {
        router.get("/v1/templates") { _, context in
            _ = try Access.staff(try context.requirePrincipal())
            return try await desk.templates()
        }
        router.put("/v1/templates/{kind}/{channel}") { request, context in
            let principal = try Access.admin(try context.requirePrincipal())
            let (kind, slot) = try Self.place(context)
            let new = try await request.decodeBody(NewTemplate.self, context: context)
            return try await desk.save(kind: kind, slot: slot, new, by: principal)
        }
        router.delete("/v1/templates/{kind}/{channel}") { _, context in
            _ = try Access.admin(try context.requirePrincipal())
            let (kind, slot) = try Self.place(context)
            try await desk.reset(kind: kind, slot: slot)
            return Response(status: .noContent)
        }
        router.post("/v1/templates/preview") { request, context in
            _ = try Access.staff(try context.requirePrincipal())
            return try await desk.preview(try await request.decodeBody(PreviewRequest.self, context: context))
        }
    }

    /// The kind and slot in the path, or 404.
    static func place(_ context: LinliRequestContext) throws -> (MessageKind, TemplateSlot) {
        try TemplateDesk.place(kind: try context.parameters.require("kind"), channel: try context.parameters.require("channel"))
    }
}
