import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A small real HTTP server on loopback standing in for a WeCom robot or a webhook receiver: it
/// records every request with its arrival time and answers what the test tells it to.
final class FakeHTTPServer: Sendable {
    /// One request as it arrived.
    struct Received: Sendable {
        let path: String
        let query: String
        let headers: HTTPFields
        let body: Data
        let at: Date
    }

    /// What to answer the n-th request (0-based): status and body.
    typealias Answer = @Sendable (Int, Received) -> (status: Int, body: String)

    let port: Int
    private let log: RequestLog
    private let task: Task<Void, any Error>

    private init(port: Int, log: RequestLog, task: Task<Void, any Error>) {
        self.port = port
        self.log = log
        self.task = task
    }

    /// Every request so far.
    var received: [Received] { log.storage.withLock { $0 } }

    /// The base URL, e.g. `http://127.0.0.1:PORT`.
    var url: String { "http://127.0.0.1:\(port)" }

    /// A WeCom robot's webhook URL on this server.
    func robotURL(key: String) -> String { "\(url)/cgi-bin/webhook/send?key=\(key)" }

    /// Answers WeCom's success body.
    static let robotOK: Answer = { _, _ in (200, #"{"errcode":0,"errmsg":"ok"}"#) }

    /// Starts a server on a free loopback port.
    static func start(answer: @escaping Answer = robotOK) async throws -> FakeHTTPServer {
        let log = RequestLog()
        let router = Router()
        router.on("**", method: .post) { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let received = Received(
                path: request.uri.path,
                query: request.uri.query ?? "",
                headers: request.headers,
                body: Data(body.readableBytesView),
                at: Date()
            )
            let index = log.storage.withLock { requests in
                requests.append(received)
                return requests.count - 1
            }
            let (status, text) = answer(index, received)
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "fake-http")
        logger.logLevel = .error
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else { throw FakeServerError(description: "the fake server did not start") }
        return FakeHTTPServer(port: port, log: log, task: task)
    }

    /// Stops the server.
    func stop() async {
        task.cancel()
        _ = await task.result
    }
}

/// The request log, shared with the route closure.
private final class RequestLog: Sendable {
    let storage = Mutex<[FakeHTTPServer.Received]>([])
}

struct FakeServerError: Error, CustomStringConvertible {
    let description: String
}
