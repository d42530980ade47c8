import Foundation
import Hummingbird
import Postgres
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
            let id = try context.parameters.require("id", as: Int.self)
            let now = service.clock.now()
            let record = try await service.pool.withConnection { tx in
                try caller.access.readable(try ActivityStore.load(id, on: tx), now: now, on: tx)
            }
            return view(record)
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
        let principal = caller.principal
        let query = request.uri.queryParameters
        var filter = ActivityFilter(
            everything: principal.role == .admin,
            areaIDs: principal.role == .district ? principal.areaIDs : [],
            managedCompounds: principal.role == .secretary ? principal.compoundIDs : [],
            limit: try Pagination.limit(request)
        )
        filter.after = try Pagination.after(request)
        filter.compoundID = try query["compoundID"].map { try Self.integer($0, "compoundID") }
        filter.themeID = try query["themeID"].map { try Self.integer($0, "themeID") }
        if let text = query["state"].map(String.init) {
            guard let state = ActivityState(rawValue: text) else { throw APIError.invalid("state", "must be draft, published or cancelled") }
            filter.state = state
        }
        let now = service.clock.now()
        let selection = filter
        let records = try await service.pool.withConnection { tx in
            var filter = selection
            filter.homeCompounds = Array(try Residency.homeCompounds(of: principal, now: now, on: tx))
            return try ActivityStore.list(filter, on: tx)
        }
        return Page(items: records.map(view), next: records.count == filter.limit ? records.last.map { String($0.id) } : nil)
    }

    static func integer(_ text: Substring, _ name: String) throws -> Int {
        guard let value = Int(text) else { throw APIError.invalid(name, "must be a whole number") }
        return value
    }
}

/// The body of a cancellation: an optional reason told to the people registered.
struct CancelBody: Decodable, Sendable {
    var reason: String?
}
