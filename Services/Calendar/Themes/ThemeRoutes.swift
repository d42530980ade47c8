import Foundation
import Hummingbird
import ServiceKit

/// `/v1/themes`: a city's or district's monthly theme, published to every compound in scope as a draft.
struct ThemeRoutes {
    let service: CalendarService

    var desk: ThemeDesk { ThemeDesk(service: service) }

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/themes") { request, context in
            let body = try await request.decodeBody(NewTheme.self, context: context)
            return EditedResponse(status: .created, response: try await desk.create(body, by: try context.caller()))
        }
        router.get("/v1/themes") { request, context in
            let caller = try context.caller()
            let limit = try Pagination.limit(request)
            let after = try Pagination.after(request) ?? 0
            let month = request.uri.queryParameters["month"].map(String.init)
            let themes = try await desk.themes(month: month, after: after, limit: limit, by: caller)
            return Page(items: themes, next: themes.count == limit ? themes.last.map { String($0.id) } : nil)
        }
        router.get("/v1/themes/{id}") { _, context in
            let caller = try context.caller()
            return try await desk.theme(try context.parameters.require("id", as: Int.self), by: caller)
        }
        router.patch("/v1/themes/{id}") { request, context in
            let patch = try await request.decodeBody(ThemePatch.self, context: context)
            return try await desk.change(try context.parameters.require("id", as: Int.self), patch, by: try context.caller())
        }
        router.post("/v1/themes/{id}/publish") { _, context in
            try await desk.publish(try context.parameters.require("id", as: Int.self), by: try context.caller())
        }
    }
}
