import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceKit

/// `POST /v1/feeds` issues a subscribable URL; `GET /v1/feeds/{key}.ics` serves it to phone calendars.
struct FeedRoutes {
    let service: CalendarService

    var desk: FeedDesk { FeedDesk(service: service) }

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/feeds") { request, context in
            let body = try await request.decodeBody(FeedRequest.self, context: context)
            return try await desk.issue(body, by: try context.caller())
        }
        router.get("/v1/feeds/{file}") { _, context in
            let file = try context.parameters.require("file")
            guard file.hasSuffix(".ics") else { throw APIError.notFound("feed") }
            let text = try await desk.feed(key: String(file.dropLast(4)))
            var headers = HTTPFields()
            headers[.contentType] = "text/calendar; charset=utf-8"
            headers[.cacheControl] = "private, max-age=300"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }
}
