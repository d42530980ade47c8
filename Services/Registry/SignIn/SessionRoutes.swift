import Foundation
import Hummingbird
import ServiceKit

/// Phone sign-in and sessions over HTTP: `POST /v1/auth/phone/code`, `POST /v1/auth/phone/verify`,
/// `POST /v1/auth/refresh`, `POST /v1/auth/sign-out`, `GET /v1/auth/me` and `GET /v1/auth/audit` (admins).
/// The caller's address is the one `ClientAddressMiddleware` settled (a trusted proxy's
/// `X-Forwarded-For`, else the peer).
struct SessionRoutes {
    let phones: PhoneCodeDesk
    let sessions: SessionDesk
    let audit: SignInAuditLog

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/auth/phone/code") { request, context in
            let body = try await request.decodeBody(PhoneCodeRequest.self, context: context)
            let (address, agent) = (Self.address(context), request.headers[.userAgent])
            let accepted = try await SessionFailure.answering {
                try await phones.requestCode(body, from: address, userAgent: agent, correlationID: context.requestID)
            }
            return EditedResponse(status: .accepted, response: accepted)
        }
        router.post("/v1/auth/phone/verify") { request, context in
            let body = try await request.decodeBody(PhoneVerification.self, context: context)
            let (address, agent) = (Self.address(context), request.headers[.userAgent])
            return try await SessionFailure.answering {
                try await phones.verify(body, from: address, userAgent: agent, correlationID: context.requestID)
            }
        }
        router.post("/v1/auth/refresh") { request, context in
            let body = try await request.decodeBody(RefreshRequest.self, context: context)
            return try await SessionFailure.answering {
                try await sessions.refresh(body, from: Self.address(context), userAgent: request.headers[.userAgent])
            }
        }
        router.post("/v1/auth/sign-out") { request, context in
            let body = try await request.decodeBody(RefreshRequest.self, context: context)
            try await sessions.signOut(body, from: Self.address(context), userAgent: request.headers[.userAgent])
            return Response(status: .noContent)
        }
        router.get("/v1/auth/me") { _, context in
            try await sessions.me(try context.requirePrincipal())
        }
        router.get("/v1/auth/audit") { request, context in
            let principal = try context.requirePrincipal()
            let query = SignInAuditQuery(
                accountID: try request.integerParameter("account"),
                action: try request.textParameter("action", maxLength: 50),
                limit: try Pagination.limit(request),
                after: try Pagination.after(request)
            )
            return try await audit.page(query, by: principal)
        }
    }

    private static func address(_ context: LinliRequestContext) -> String? { context.clientAddress ?? context.peerAddress }
}
