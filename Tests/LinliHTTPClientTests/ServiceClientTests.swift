import AsyncHTTPClient
import Hummingbird
import HummingbirdTesting
import LinliHTTPClient
import LinliTestSupport
import NIOCore
import Synchronization
import Testing

/// The shared client against a small real HTTP server on loopback: deadlines, which requests are sent
/// again, cancellation, and errors that name the request.
@Suite("ServiceClient: deadlines, safe retries, errors naming the request")
struct ServiceClientTests {
    /// Requests the server saw, by method and path.
    final class Hits: Sendable {
        private let counts = Mutex<[String: Int]>([:])
        func record(_ key: String) { counts.withLock { $0[key, default: 0] += 1 } }
        subscript(_ key: String) -> Int { counts.withLock { $0[key] ?? 0 } }
    }

    /// `/status/{code}` answers that status (and counts the request); `/slow` answers after 3 s.
    static func server(_ hits: Hits) -> some ApplicationProtocol {
        let router = Router()
        router.on("/status/{code}", method: .get) { request, context in try answer(request, context, hits) }
        router.on("/status/{code}", method: .post) { request, context in try answer(request, context, hits) }
        router.get("/slow") { _, _ -> String in
            try await Task.sleep(for: .seconds(3))
            return "late"
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    static func answer(_ request: Request, _ context: BasicRequestContext, _ hits: Hits) throws -> Response {
        let code = try context.parameters.require("code", as: Int.self)
        hits.record("\(request.method) \(code)")
        let body = #"{"code":"made-up","detail":"\#(String(repeating: "x", count: 400))"}"#
        return Response(status: .init(code: code), body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// Runs `body` with a client of the test server as service `test`.
    func withClient(
        _ configuration: ServiceClient.Configuration = .init(),
        _ body: @escaping @Sendable (ServiceClient, Hits) async throws -> Void
    ) async throws {
        let hits = Hits()
        try await Self.server(hits).test(.live) { server in
            try await ServiceClient.withHTTPClient { http in
                let client = ServiceClient(service: "test", baseURL: "http://127.0.0.1:\(server.port!)", http: http, configuration: configuration)
                try await body(client, hits)
            }
        }
    }

    @Test func aFailedRequestNamesTheServiceMethodPathStatusAndTheStartOfTheBody() async throws {
        try await withClient { client, _ in
            let error = try await #require(throws: HTTPRequestError.self) { try await client.send("POST", "/status/409", body: .json("{}")) }
            #expect(error.code == .status && error.status == 409)
            #expect(error.description.hasPrefix("test (\(client.baseURL)): POST /status/409 answered 409: {\"code\":\"made-up\""))
            #expect(error.bodyExcerpt.count == HTTPRequestError.excerptLength + 1)
        }
    }

    @Test func aPostIsNeverSentAgainAfterAnAnswerButAGetIsAfter503() async throws {
        try await withClient(.init(retry: .init(attempts: 3, backoff: .milliseconds(10)))) { client, hits in
            let post = try await client.call("POST", "/status/503")
            #expect(post.status == 503 && hits["POST 503"] == 1)
            let get = try await client.call("GET", "/status/503")
            #expect(get.status == 503 && hits["GET 503"] == 3)
            let repeatablePost = try await client.call("POST", "/status/503", repeatable: true)
            #expect(repeatablePost.status == 503 && hits["POST 503"] == 4)
            let failing = try await client.call("GET", "/status/500")
            #expect(failing.status == 500 && hits["GET 500"] == 1)
        }
    }

    @Test func aRequestFailsAtItsDeadline() async throws {
        try await withClient(.init(deadline: .milliseconds(300))) { client, _ in
            let started = ContinuousClock.now
            let error = try await #require(throws: HTTPRequestError.self) { try await client.send("GET", "/slow") }
            #expect(error.code == .timedOut)
            #expect(ContinuousClock.now - started < .seconds(2))
            #expect(error.description.contains("GET /slow failed"))
        }
    }

    @Test func aCancelledRequestEndsAtOnce() async throws {
        try await withClient { client, _ in
            let started = ContinuousClock.now
            let task = Task { try await client.send("GET", "/slow") }
            try await Task.sleep(for: .milliseconds(200))
            task.cancel()
            await #expect(throws: CancellationError.self) { try await task.value }
            #expect(ContinuousClock.now - started < .seconds(2))
        }
    }

    @Test func aServiceThatIsNotListeningIsUnreachableWithinTheDeadline() async throws {
        let port = try TestCluster.freeLoopbackPort()
        try await ServiceClient.withHTTPClient(connectTimeout: .seconds(1)) { http in
            let client = ServiceClient(
                service: "nobody",
                baseURL: "http://127.0.0.1:\(port)",
                http: http,
                configuration: .init(deadline: .seconds(5), retry: .init(attempts: 2, backoff: .milliseconds(50)))
            )
            let started = ContinuousClock.now
            let error = try await #require(throws: HTTPRequestError.self) { try await client.send("POST", "/v1/things", body: .json("{}")) }
            #expect(error.code == .unreachable)
            #expect(error.status == nil)
            // It gives up by the deadline, not never: 3 s of grace for a loaded 2-core machine (seen 5.9 s once).
            #expect(ContinuousClock.now - started < .seconds(5) + .seconds(3))
            #expect(error.description.hasPrefix("nobody (http://127.0.0.1:\(port)): POST /v1/things failed"))
        }
    }
}
