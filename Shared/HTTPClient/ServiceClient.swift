import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A client of one Linli service's HTTP API (the seed, the end-to-end tests), on async-http-client.
///
/// Every request has a deadline (``Configuration/deadline``) that covers connecting, sending, the
/// answer's body and any retries; a request is sent again only when that is safe (see ``RetryPolicy``).
/// A request that fails throws an ``HTTPRequestError`` naming the service, the method, the path and,
/// when there was an answer, its status and the start of its body.
///
/// The `HTTPClient` is passed in: make one per process with ``withHTTPClient(connectTimeout:maximumConnections:_:)``,
/// which shuts it down when its body returns or throws.
public struct ServiceClient: Sendable {
    /// The service's name as errors show it (`registry`, `calendar`, …).
    public let service: String
    /// Where the service listens, without a trailing slash (`http://127.0.0.1:8082`).
    public let baseURL: String
    /// The deadline and retry policy of every request.
    public let configuration: Configuration
    /// The `Authorization` header value sent with every request, if any.
    public let authorization: String?
    private let http: HTTPClient

    /// A client of `service` at `baseURL` over `http`.
    public init(service: String, baseURL: String, http: HTTPClient, configuration: Configuration = Configuration(), authorization: String? = nil) {
        self.service = service
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.http = http
        self.configuration = configuration
        self.authorization = authorization
    }

    /// The same client acting with a bearer token.
    public func bearer(_ token: String) -> ServiceClient {
        ServiceClient(service: service, baseURL: baseURL, http: http, configuration: configuration, authorization: "Bearer \(token)")
    }

    /// The same client with other settings.
    public func with(_ configuration: Configuration) -> ServiceClient {
        ServiceClient(service: service, baseURL: baseURL, http: http, configuration: configuration, authorization: authorization)
    }

    /// Sends a request and returns whatever status the service answered.
    /// - Parameters:
    ///   - method: `GET`, `POST`, …
    ///   - path: the path and query after the base URL (`/v1/themes?limit=10`).
    ///   - body: what to send, if anything.
    ///   - headers: more headers for this request.
    ///   - repeatable: whether sending the request twice does no harm; `nil` decides by the method
    ///     (GET, HEAD, PUT, DELETE and OPTIONS are). Only repeatable requests are sent again after a
    ///     lost connection or a retried status; any request is sent again when no connection could be made.
    /// - Throws: ``HTTPRequestError`` when there was no complete answer within the deadline;
    ///   `CancellationError` when the calling task was cancelled (the request is cancelled with it).
    public func call(
        _ method: String,
        _ path: String,
        body: RequestBody? = nil,
        headers: [(String, String)] = [],
        repeatable: Bool? = nil
    ) async throws -> ServiceResponse {
        let request = Request(method: HTTPMethod(rawValue: method), path: path, body: body, headers: headers)
        return try await perform(request, repeatable: repeatable ?? Self.isIdempotent(request.method))
    }

    /// Sends a request that must succeed (2xx) and returns the answer.
    /// - Throws: ``HTTPRequestError`` with code `.status` for any other status, or as ``call(_:_:body:headers:repeatable:)`` does.
    @discardableResult
    public func send(
        _ method: String,
        _ path: String,
        body: RequestBody? = nil,
        headers: [(String, String)] = [],
        repeatable: Bool? = nil
    ) async throws -> ServiceResponse {
        let response = try await call(method, path, body: body, headers: headers, repeatable: repeatable)
        guard (200..<300).contains(response.status) else {
            throw HTTPRequestError(
                .status,
                Request(method: HTTPMethod(rawValue: method), path: path, body: nil, headers: []),
                on: self,
                response: response
            )
        }
        return response
    }

    /// Methods that may be sent twice with the effect of once (RFC 9110 §9.2.2).
    static func isIdempotent(_ method: HTTPMethod) -> Bool {
        [.GET, .HEAD, .PUT, .DELETE, .OPTIONS, .TRACE].contains(method)
    }

    /// One request as the caller made it.
    struct Request: Sendable {
        let method: HTTPMethod
        let path: String
        let body: RequestBody?
        let headers: [(String, String)]
    }

    /// Sends one attempt of `request`, body and all, before `deadline`.
    func attempt(_ request: Request, deadline: ContinuousClock.Instant) async throws -> ServiceResponse {
        var outgoing = HTTPClientRequest(url: baseURL + request.path)
        outgoing.method = request.method
        outgoing.headers.add(name: "User-Agent", value: "linli-http-client")
        if let authorization { outgoing.headers.add(name: "Authorization", value: authorization) }
        if let body = request.body {
            outgoing.headers.add(name: "Content-Type", value: body.contentType)
            outgoing.body = .bytes(ByteBuffer(bytes: body.bytes))
        }
        for (name, value) in request.headers { outgoing.headers.replaceOrAdd(name: name, value: value) }
        let remaining = ContinuousClock.now.duration(to: deadline)
        let nanoseconds = max(remaining.components.seconds * 1_000_000_000 + remaining.components.attoseconds / 1_000_000_000, 0)
        let response = try await http.execute(outgoing, deadline: .now() + .nanoseconds(nanoseconds))
        let collected = try await response.body.collect(upTo: configuration.maximumBodyBytes)
        return ServiceResponse(
            status: Int(response.status.code),
            headers: response.headers.map { ($0.name, $0.value) },
            body: Array(buffer: collected)
        )
    }
}
