import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// POSTs JSON to robots and webhooks with async-http-client (its own event loops; nothing blocks).
struct OutboundHTTP: Sendable {
    let client: HTTPClient

    /// What the other side answered.
    struct Answer: Sendable {
        let status: Int
        /// The body, cut to 4 KiB for keeping.
        let body: String
    }

    /// A request that could not be made or got no answer; the message never carries the URL (a robot's key is in it).
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Sends one request.
    /// - Parameter timeout: the whole request's deadline, in seconds.
    func post(_ url: String, body: Data, headers: [(String, String)], timeout: Double) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.headers.add(name: "User-Agent", value: "linli-notifications")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await client.execute(request, timeout: .milliseconds(Int64(timeout * 1_000)))
            let collected = try await response.body.collect(upTo: 1 << 20)
            let text = String(buffer: collected)
            return Answer(status: Int(response.status.code), body: String(text.prefix(4_096)))
        } catch let error as HTTPClientError {
            throw Failure(description: "request failed: \(Self.describe(error))")
        } catch {
            throw Failure(description: "request failed: \(type(of: error))")
        }
    }

    /// A short, URL-free description of a client error.
    static func describe(_ error: HTTPClientError) -> String {
        switch error {
        case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout: "timed out"
        case .remoteConnectionClosed: "the connection was closed before an answer"
        case .invalidURL, .emptyHost: "the URL is not valid"
        default: "\(error)".split(separator: "(").first.map(String.init) ?? "HTTP error"
        }
    }
}
