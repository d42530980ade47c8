import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// Monthly themes: a city or district office sets one, changes its template, and publishes it as a
/// draft to every compound in its scope. Offices change only themes whose whole scope they cover.
struct ThemeDesk {
    let service: CalendarService

    /// A new draft theme; only the city and district offices set them, and only for areas they cover.
    func create(_ new: NewTheme, by caller: Caller) async throws -> Theme {
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

    /// The themes the caller may read, by id, optionally of one month (`YYYY-MM`).
    func themes(month: String?, after: Int, limit: Int, by caller: Caller) async throws -> [Theme] {
        try await service.pool.withConnection { tx in
            try ThemeStore.visible(caller.principal, id: nil, month: month, after: after, limit: limit, on: tx)
        }
    }

    /// One theme the caller may read, with how many compounds have a draft of it.
    func theme(_ id: Int, by caller: Caller) async throws -> Theme {
        try await service.pool.withConnection { tx in
            guard var theme = try ThemeStore.visible(caller.principal, id: id, month: nil, after: 0, limit: 1, on: tx).first else {
                throw Refusal.notFound("theme")
            }
            theme.compoundCount = try ThemeStore.compoundCount(id, on: tx)
            return theme
        }
    }

    /// Changes the template. Once published, the drafts are not touched: each compound sees the
    /// differences against its copy (`GET /v1/activities/{id}/theme-diff`), and `theme.published` goes out again.
    func change(_ id: Int, _ patch: ThemePatch, by caller: Caller) async throws -> Theme {
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
    func publish(_ id: Int, by caller: Caller) async throws -> Theme {
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

    /// A theme the caller may change, locked: 404 if they cannot read it, 403 if their office does not cover its whole scope.
    private func editable(_ id: Int, _ caller: Caller, on tx: isolated PostgresConnection) throws -> Theme {
        guard let theme = try ThemeStore.visible(caller.principal, id: id, month: nil, after: 0, limit: 1, on: tx).first,
            let locked = try ThemeStore.load(theme.id, lock: .update, on: tx)
        else { throw Refusal.notFound("theme") }
        guard caller.principal.has(.admin, .district), try ThemeStore.mayTarget(locked.scopeAreaIDs, principal: caller.principal, on: tx) else {
            throw Refusal.forbidden("only the office that covers the theme's whole scope changes it")
        }
        return locked
    }

    /// The event a published theme sends at publication and at every later change.
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
