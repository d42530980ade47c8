import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// Refuses floods of bad credentials: a request that carried credentials (a bearer header, or the
/// session cookie that became one) and was refused with 401 counts against its address in
/// `limits.windows`, under a key every service shares (`auth-fail:{address}`). Past the limit, its
/// refusals are 429 with `Retry-After` until the window ends, decided from memory, so a flood costs
/// no more database work. Good requests from the same address (a compound behind one NAT) pass as
/// before: only what would have been a 401 becomes a 429, and a good request never waits here.
public struct CredentialFloodMiddleware: RouterMiddleware {
    public typealias Context = LinliRequestContext
    let limiter: RateLimiter
    let limit: Int
    let clock: WallClock
    let blocked: BlockedAddresses

    public init(limiter: RateLimiter, limit: Int, clock: WallClock) {
        self.limiter = limiter
        self.limit = limit
        self.clock = clock
        self.blocked = BlockedAddresses()
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.headers[.authorization] != nil, let address = context.clientAddress else { return try await next(request, context) }
        do {
            return try await next(request, context)
        } catch let error as APIError where error.status == .unauthorized {
            if let wait = blocked.wait(for: address, now: clock.now()) {
                throw APIError.rateLimited(retryAfter: wait, "Too many refused credentials from this address")
            }
            if case .refused(let retryAfter) = try await limiter.hit("auth-fail:\(address)", limit: limit, per: .seconds(60)) {
                blocked.block(address, until: clock.now().addingTimeInterval(TimeInterval(retryAfter)))
                throw APIError.rateLimited(retryAfter: retryAfter, "Too many refused credentials from this address")
            }
            throw error
        }
    }
}

/// Limits writes (POST, PUT, PATCH, DELETE) per caller — the signed-in account, or the address of an
/// anonymous caller — per minute, counted in `limits.windows` so every replica counts together.
/// Exempt: admins, and operator tokens (no account: minted only with the registry's private key, by
/// `linli token`, the seed, the benchmarks and tests, which write in bulk).
public struct WriteLimitMiddleware: RouterMiddleware {
    public typealias Context = LinliRequestContext
    let limiter: RateLimiter
    let service: String
    let perMinute: Int

    public init(limiter: RateLimiter, service: String, perMinute: Int) {
        self.limiter = limiter
        self.service = service
        self.perMinute = perMinute
    }

    static let writes: Set<HTTPRequest.Method> = [.post, .put, .patch, .delete]

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.writes.contains(request.method), context.principal?.role != .admin else { return try await next(request, context) }
        if let principal = context.principal, principal.accountID == nil { return try await next(request, context) }
        guard let caller = context.principal.map({ "p:\($0.subject)" }) ?? context.clientAddress.map({ "a:\($0)" }) else {
            return try await next(request, context)
        }
        if case .refused(let retryAfter) = try await limiter.hit("writes:\(service):\(caller)", limit: perMinute, per: .seconds(60)) {
            throw APIError.rateLimited(retryAfter: retryAfter, "Too many writes in a minute")
        }
        return try await next(request, context)
    }
}

/// Addresses refused from memory until a moment (bounded: expired entries go when it fills).
final class BlockedAddresses: Sendable {
    private let until = Mutex<[String: Date]>([:])

    /// Whole seconds to wait, or `nil` when the address is not blocked.
    func wait(for address: String, now: Date) -> Int? {
        until.withLock { until in
            guard let end = until[address] else { return nil }
            guard end > now else {
                until[address] = nil
                return nil
            }
            return max(1, Int(end.timeIntervalSince(now).rounded(.up)))
        }
    }

    func block(_ address: String, until end: Date) {
        until.withLock { until in
            if until.count >= 100_000 { until = until.filter { $0.value > end.addingTimeInterval(-60) } }
            until[address] = end
        }
    }
}

extension APIError {
    /// 429 with `Retry-After` (whole seconds): a limit held across replicas was reached.
    public static func rateLimited(retryAfter seconds: Int, _ title: String) -> APIError {
        var headers = HTTPFields()
        headers[.retryAfter] = String(seconds)
        return APIError(.tooManyRequests, code: "rate-limited", title: title, detail: "Try again in \(seconds) s.", headers: headers)
    }
}
