import ServiceKit

/// Who asks a desk to act: the principal from the token and the request's id, which every event
/// the action publishes carries as its correlation id.
struct Caller: Sendable {
    let principal: Principal
    let requestID: String?
}

extension LinliRequestContext {
    /// The caller of this request, or 401.
    func caller() throws -> Caller { Caller(principal: try requirePrincipal(), requestID: requestID) }
}
