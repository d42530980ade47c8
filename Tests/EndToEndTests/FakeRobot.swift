import Foundation
import LinliTestSupport
import Processes

/// The WeCom group robot's stand-in: `scripts/lib/fake_receivers.py` on a loopback port, a real
/// HTTP server answering like WeCom (`{"errcode":0}`) and logging every message with its arrival time.
struct FakeRobot: Sendable {
    /// One message as the robot received it.
    struct Message: Sendable {
        /// Arrival time (Unix seconds, the receiver's clock).
        let at: Double
        /// The robot's key (`?key=` of the webhook URL).
        let key: String
        /// The JSON body the service sent.
        let body: String
        /// The text a group member would read: the text or markdown content, or the news card's title and description.
        let content: String
    }

    let port: Int
    let logPath: String
    let child: ChildProcess

    /// The webhook URL of one robot, told apart by its key.
    func webhook(key: String) -> String { "http://127.0.0.1:\(port)/cgi-bin/webhook/send?key=\(key)" }

    /// Starts the receiver and waits until it accepts connections.
    static func start(in folder: String) async throws -> FakeRobot {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/lib/fake_receivers.py").path
        let port = try TestCluster.freeLoopbackPort()
        let log = folder + "/robot-messages.jsonl"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let child = try ChildProcess.spawn("/usr/bin/env", ["python3", script, "\(port)", log], outputPath: folder + "/robot.log")
        let robot = FakeRobot(port: port, logPath: log, child: child)
        try await Waiting.until("the fake robot to listen on \(port)") { robot.accepts() }
        return robot
    }

    /// Whether something listens on the port.
    private func accepts() -> Bool {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { return false }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// Every message received so far, in arrival order.
    func messages() -> [Message] {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let record = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                record["kind"] as? String == "robot",
                let at = record["at"] as? Double, let path = record["path"] as? String, let body = record["body"] as? String
            else { return nil }
            let key = URLComponents(string: path)?.queryItems?.first { $0.name == "key" }?.value ?? ""
            return Message(at: at, key: key, body: body, content: Self.content(of: body))
        }
    }

    /// Messages received by one robot.
    func messages(key: String) -> [Message] { messages().filter { $0.key == key } }

    /// The most messages one robot received within any `window` seconds (arrival times).
    func mostWithinWindow(key: String, window: Double) -> Int {
        let times = messages(key: key).map(\.at).sorted()
        var most = 0
        var first = 0
        for last in times.indices {
            while times[last] - times[first] >= window { first += 1 }
            most = max(most, last - first + 1)
        }
        return most
    }

    /// Stops the receiver.
    func stop() async {
        child.send(SIGTERM)
        _ = await child.wait()
    }

    private static func content(of body: String) -> String {
        guard let json = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else { return body }
        if let text = (json["text"] as? [String: Any])?["content"] as? String { return text }
        if let markdown = (json["markdown"] as? [String: Any])?["content"] as? String { return markdown }
        if let articles = (json["news"] as? [String: Any])?["articles"] as? [[String: Any]] {
            return articles.map { "\($0["title"] as? String ?? "")\n\($0["description"] as? String ?? "")" }.joined(separator: "\n")
        }
        return body
    }
}
