import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A stand-in for WeCom's robot endpoint on loopback: answers `errcode 0` and records when each
/// robot (by its key) received each message.
final class BenchRobot: Sendable {
    let port: Int
    private let log: ArrivalLog
    private let task: Task<Void, any Error>

    private init(port: Int, log: ArrivalLog, task: Task<Void, any Error>) {
        self.port = port
        self.log = log
        self.task = task
    }

    /// Arrivals so far, as (robot key, time).
    var arrivals: [(key: String, at: Date)] { log.storage.withLock { $0 } }

    var count: Int { log.storage.withLock { $0.count } }

    func url(key: String) -> String { "http://127.0.0.1:\(port)/cgi-bin/webhook/send?key=\(key)" }

    static func start() async throws -> BenchRobot {
        let log = ArrivalLog()
        let router = Router()
        router.post("/cgi-bin/webhook/send") { request, _ -> Response in
            _ = try await request.body.collect(upTo: 1 << 20)
            let key = request.uri.queryParameters["key"].map(String.init) ?? ""
            log.storage.withLock { $0.append((key, Date())) }
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: #"{"errcode":0,"errmsg":"ok"}"#)))
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "bench-robot")
        logger.logLevel = .error
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), backlog: 1_024),
            onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) },
            logger: logger
        )
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        return BenchRobot(port: port, log: log, task: task)
    }

    func stop() async {
        task.cancel()
        _ = await task.result
    }
}

private final class ArrivalLog: Sendable {
    let storage = Mutex<[(key: String, at: Date)]>([])
}
