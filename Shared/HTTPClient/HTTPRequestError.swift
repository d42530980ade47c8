import NIOHTTP1

/// A request to a Linli service that failed: no answer within its deadline, or (``ServiceClient/send(_:_:body:headers:repeatable:)``) a status other than 2xx.
///
/// The description names the service, its base URL, the method and path, the status and the first
/// ``excerptLength`` characters of the answer's body, so a failed run says what failed where. It never
/// carries request headers or bodies (tokens, personal data).
public struct HTTPRequestError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure it was.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The service answered, with a status other than 2xx.
        public static let status = Code(description: "status")
        /// No complete answer before the request's deadline.
        public static let timedOut = Code(description: "timed-out")
        /// No connection could be made: the request never reached the service.
        public static let unreachable = Code(description: "unreachable")
        /// The connection failed after the request may have been sent.
        public static let connectionLost = Code(description: "connection-lost")
        /// The answer could not be read (too large, cut short).
        public static let invalidAnswer = Code(description: "invalid-answer")
        /// The request could not be made (not a valid URL).
        public static let invalidRequest = Code(description: "invalid-request")

        /// The code's name.
        public let description: String
    }

    /// How many characters of the answer's body the description shows.
    public static let excerptLength = 300

    /// What kind of failure it was.
    public let code: Code
    /// The service's name (`calendar`).
    public let service: String
    /// Where the service listens.
    public let baseURL: String
    /// The request's method.
    public let method: String
    /// The request's path and query.
    public let path: String
    /// The status the service answered, if it answered.
    public let status: Int?
    /// The start of the answer's body, if it answered.
    public let bodyExcerpt: String
    /// What went wrong, when there was no answer.
    public let detail: String
    /// How many times the request was sent.
    public let attempts: Int

    init(
        _ code: Code,
        _ request: ServiceClient.Request,
        on client: ServiceClient,
        response: ServiceResponse? = nil,
        detail: String = "",
        attempts: Int = 1
    ) {
        self.code = code
        self.service = client.service
        self.baseURL = client.baseURL
        self.method = request.method.rawValue
        self.path = request.path
        self.status = response?.status
        let text = response?.text ?? ""
        self.bodyExcerpt = text.count > Self.excerptLength ? String(text.prefix(Self.excerptLength)) + "…" : text
        self.detail = detail
        self.attempts = attempts
    }

    /// `calendar (http://127.0.0.1:8082): POST /v1/themes answered 409: {"code":"already-exists",…}`.
    public var description: String {
        let request = "\(service) (\(baseURL)): \(method) \(path)"
        let tries = attempts > 1 ? " (sent \(attempts) times)" : ""
        if let status {
            return "\(request) answered \(status)\(tries)" + (bodyExcerpt.isEmpty ? "" : ": \(bodyExcerpt)")
        }
        return "\(request) failed\(tries): \(detail)"
    }
}
