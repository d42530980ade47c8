import Foundation
import HTTPTypes
import Hummingbird
import Models
import NIOCore
import Postgres
import ServiceKit

/// `/v1/inbox…`: a resident's own messages. Only the resident behind the token reads or marks them.
struct InboxRoutes {
    let pool: PostgresPool
    let feed: InboxFeed

    struct Unread: ResponseEncodable { let unread: Int }
    struct Marked: ResponseEncodable { let marked: Int }

    var desk: InboxDesk { InboxDesk(pool: pool) }

    func add(to router: Router<LinliRequestContext>) {
        router.get("/v1/inbox") { request, context in
            let resident = try Self.resident(context)
            let limit = try Pagination.limit(request)
            let before = try Pagination.after(request)
            let unreadOnly = try request.booleanParameter("unread")
            return try await desk.list(resident: resident, before: before, limit: limit, unreadOnly: unreadOnly)
        }
        router.get("/v1/inbox/unread-count") { _, context in
            Unread(unread: try await desk.unreadCount(resident: try Self.resident(context)))
        }
        router.post("/v1/inbox/{id}/read") { _, context in
            let resident = try Self.resident(context)
            try await desk.markRead(resident: resident, id: try context.parameters.require("id", as: Int.self))
            return Response(status: .noContent)
        }
        router.post("/v1/inbox/read-all") { _, context in
            Marked(marked: try await desk.markAllRead(resident: try Self.resident(context)))
        }
        router.get("/v1/inbox/stream") { request, context in try await stream(request, context) }
    }

    /// Server-Sent Events: each new message as `event: message` with its id, so a client that
    /// reconnects with `Last-Event-ID` gets what it missed.
    private func stream(_ request: Request, _ context: LinliRequestContext) async throws -> Response {
        let resident = try Self.resident(context)
        let lastEventID = request.headers[HTTPField.Name("Last-Event-ID")!].flatMap { Int($0) }
        let after = try await desk.streamStart(resident: resident, lastEventID: lastEventID)
        let events = feed.subscribe(resident: resident, after: after)
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "retry: 3000\n: connected\n\n"))
            let encoder = LinliJSON.makeEncoder()  // the same dates as `GET /v1/inbox`: fractional seconds
            for await event in events {
                switch event {
                case .heartbeat:
                    try await writer.write(ByteBuffer(string: ": heartbeat\n\n"))
                case .message(let item):
                    let json = String(decoding: try encoder.encode(item), as: UTF8.self)
                    try await writer.write(ByteBuffer(string: "id: \(item.id)\nevent: message\ndata: \(json)\n\n"))
                }
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// The resident behind the token, or 403 for a token that is not a person's.
    static func resident(_ context: LinliRequestContext) throws -> Int {
        try Access.resident(try context.requirePrincipal())
    }
}
