import Foundation
import Hummingbird
import JobQueue
import Models
import Postgres
import ServiceKit

/// `/v1/themes`: a city's or district's monthly theme, published to every compound in scope as a draft.
struct ThemeRoutes {
    let service: CalendarService

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/themes") { request, context in
            let body = try await request.decodeBody(NewTheme.self, context: context)
            return EditedResponse(status: .created, response: try await create(body, try context.caller()))
        }
        router.get("/v1/themes") { request, context in
            let caller = try context.caller()
            let limit = try Pagination.limit(request)
            let after = try Pagination.after(request) ?? 0
            let month = request.uri.queryParameters["month"].map(String.init)
            let themes = try await service.pool.withConnection { tx in
                try ThemeStore.visible(caller.principal, id: nil, month: month, after: after, limit: limit, on: tx)
            }
            return Page(items: themes, next: themes.count == limit ? themes.last.map { String($0.id) } : nil)
        }
        router.get("/v1/themes/{id}") { _, context in
            let caller = try context.caller()
            let id = try context.parameters.require("id", as: Int.self)
            return try await service.pool.withConnection { tx in
                guard var theme = try ThemeStore.visible(caller.principal, id: id, month: nil, after: 0, limit: 1, on: tx).first else {
                    throw Refusal.notFound("theme")
                }
                theme.compoundCount = try ThemeStore.compoundCount(id, on: tx)
                return theme
            }
        }
        router.patch("/v1/themes/{id}") { request, context in
            let patch = try await request.decodeBody(ThemePatch.self, context: context)
            return try await change(try context.parameters.require("id", as: Int.self), patch, try context.caller())
        }
        router.post("/v1/themes/{id}/publish") { _, context in
            try await publish(try context.parameters.require("id", as: Int.self), try context.caller())
        }
    }

    private func create(_ new: NewTheme, _ caller: Caller) async throws -> Theme {
        guard caller.principal.has(.admin, .district) else { throw Refusal.forbidden("only the city and district offices set monthly themes") }
        let problems = new.problems()
        guard problems.isEmpty else { throw Refusal.invalid(problems) }
        return try await service.pool.withTransaction { tx in
            guard try ThemeStore.mayTarget(new.scopeAreaIDs, principal: caller.principal, on: tx) else {
                throw Refusal.invalid("scopeAreaIDs", "give areas whose compounds are all in your part of the city")
            }
            return try ThemeStore.insert(new, createdBy: caller.principal.subject, on: tx)
        }
    }

    /// A theme the caller may change, locked.
    private func editable(_ id: Int, _ caller: Caller, on tx: isolated PostgresConnection) throws -> Theme {
        guard let theme = try ThemeStore.visible(caller.principal, id: id, month: nil, after: 0, limit: 1, on: tx).first,
            let locked = try ThemeStore.load(theme.id, lock: .update, on: tx)
        else { throw Refusal.notFound("theme") }
        guard caller.principal.has(.admin, .district), try ThemeStore.mayTarget(locked.scopeAreaIDs, principal: caller.principal, on: tx) else {
            throw Refusal.forbidden("only the office that covers the theme's whole scope changes it")
        }
        return locked
    }

    /// Changes the template. Once published, the drafts are not touched: each compound sees the
    /// differences against its copy (`GET /v1/activities/{id}/theme-diff`), and `theme.published` goes out again.
    private func change(_ id: Int, _ patch: ThemePatch, _ caller: Caller) async throws -> Theme {
        try await service.jobs.withTransaction { tx, outbox in
            var theme = try editable(id, caller, on: tx)
            let template = patch.applied(to: theme.template)
            let problems = template.problems(month: theme.month)
            guard problems.isEmpty else { throw Refusal.invalid(problems) }
            guard template != theme.template else { return theme }
            theme.template = template
            if theme.state == .published { theme.revision += 1 }
            let saved = try ThemeStore.save(theme, on: tx)
            if saved.state == .published { try outbox.publish(Self.event(saved), correlationID: caller.requestID, on: tx) }
            return saved
        }
    }

    /// Publishes the theme: a draft for every compound in scope, and `theme.published`, in one transaction.
    private func publish(_ id: Int, _ caller: Caller) async throws -> Theme {
        try await service.jobs.withTransaction { tx, outbox in
            var theme = try editable(id, caller, on: tx)
            guard theme.state == .draft else { throw Refusal.conflict("the theme is already published", code: "already-published") }
            theme.state = .published
            var saved = try ThemeStore.save(theme, on: tx)
            try ThemeFanOut.drafts(for: saved, on: tx)
            try outbox.publish(Self.event(saved), correlationID: caller.requestID, on: tx)
            saved.compoundCount = try ThemeStore.compoundCount(id, on: tx)
            return saved
        }
    }

    static func event(_ theme: Theme) -> ThemePublished {
        ThemePublished(
            themeID: theme.id,
            month: theme.month,
            title: theme.template.title,
            scopeAreaIDs: theme.scopeAreaIDs,
            earnsPoints: theme.template.earnsPoints,
            points: theme.template.points,
            revision: theme.revision
        )
    }
}
