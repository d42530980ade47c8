import ServiceKit

/// Who is asking the calendar to do something, and the request it came with (its id correlates the
/// events the change causes). Desks take it instead of the HTTP context, so a job or a test can call
/// them too; a job acting on its own account passes `nil` where a caller is optional.
struct Caller: Sendable {
    /// The authenticated principal.
    let principal: Principal
    /// The `X-Request-ID` of the request, if any.
    let requestID: String?

    /// What the principal may do with the calendar's objects.
    var access: CalendarAccess { CalendarAccess(principal: principal) }
}

extension LinliRequestContext {
    /// The caller and the request id, or 401.
    func caller() throws -> Caller {
        Caller(principal: try requirePrincipal(), requestID: requestID)
    }
}
