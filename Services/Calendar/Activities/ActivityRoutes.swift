import Foundation
import Hummingbird
import ServiceKit

/// `/v1/activities`: drafts, changes, publication, cancellation, and differences from the theme.
struct ActivityRoutes {
    let service: CalendarService

    var editor: ActivityEditor { ActivityEditor(service: service) }

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/activities") { request, context in
            let body = try await request.decodeBody(NewActivity.self, context: context)
            let record = try await editor.create(body, by: try context.caller())
            return EditedResponse(status: .created, response: view(record))
        }
        router.get("/v1/activities") { request, context in try await list(request, context) }
        router.get("/v1/activities/{id}") { _, context in
            let caller = try context.caller()
            return view(try await editor.activity(try context.parameters.require("id", as: Int.self), by: caller))
        }
        router.patch("/v1/activities/{id}") { request, context in
            let patch = try await request.decodeBody(ActivityPatch.self, context: context)
            return view(try await editor.update(try context.parameters.require("id", as: Int.self), patch, by: try context.caller()))
        }
        router.post("/v1/activities/{id}/publish") { _, context in
            view(try await editor.publish(try context.parameters.require("id", as: Int.self), by: try context.caller()))
        }
        router.post("/v1/activities/{id}/cancel") { request, context in
            let body = try await request.decodeBodyIfPresent(CancelBody.self, context: context, default: CancelBody())
            return view(try await editor.cancel(try context.parameters.require("id", as: Int.self), reason: body.reason, by: try context.caller()))
        }
        router.get("/v1/activities/{id}/theme-diff") { _, context in
            try await ThemeDifference(service: service).differences(
                activityID: try context.parameters.require("id", as: Int.self),
                by: try context.caller()
            )
        }
    }

    func view(_ record: ActivityRecord) -> ActivityView {
        ActivityView(record: record, link: service.link(activityID: record.id))
    }

    private func list(_ request: Request, _ context: LinliRequestContext) async throws -> Page<ActivityView> {
        let caller = try context.caller()
        let limit = try Pagination.limit(request)
        let after = try Pagination.after(request)
        let compoundID = try request.integerParameter("compoundID")
        let themeID = try request.integerParameter("themeID")
        var state: ActivityState?
        if let text = request.uri.queryParameters["state"].map(String.init) {
            guard let known = ActivityState(rawValue: text) else { throw APIError.invalid("state", "must be draft, published or cancelled") }
            state = known
        }
        let records = try await editor.activities(compoundID: compoundID, themeID: themeID, state: state, after: after, limit: limit, by: caller)
        return Page(items: records.map(view), next: records.count == limit ? records.last.map { String($0.id) } : nil)
    }
}

/// The body of a cancellation: an optional reason told to the people registered.
struct CancelBody: Decodable, Sendable {
    var reason: String?
}
