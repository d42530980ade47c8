import AsyncHTTPClient
import NIOCore
import NIOPosix

extension ServiceClient {
    /// Sends `request` until it is answered, within the deadline, retrying as the policy allows.
    func perform(_ request: Request, repeatable: Bool) async throws -> ServiceResponse {
        let deadline = ContinuousClock.now + configuration.deadline
        let policy = configuration.retry
        var number = 1
        while true {
            let outcome: Outcome
            do {
                let response = try await withDeadline(deadline) { try await attempt(request, deadline: deadline) }
                guard repeatable, policy.statuses.contains(response.status) else { return response }
                outcome = .answered(response)
            } catch {
                if Task.isCancelled { throw CancellationError() }
                outcome = .failed(Self.classify(error))
            }
            let pause = policy.pause(before: number + 1)
            let again: Bool
            switch outcome {
            case .answered: again = true
            case .failed(let failure): again = failure.code == .unreachable || (repeatable && failure.code == .connectionLost)
            }
            guard again, number < policy.attempts, ContinuousClock.now + pause < deadline else {
                switch outcome {
                case .answered(let response): return response
                case .failed(let failure):
                    throw HTTPRequestError(failure.code, request, on: self, detail: failure.detail, attempts: number)
                }
            }
            try await Task.sleep(for: pause)
            number += 1
        }
    }

    /// What one attempt came to, when it may be retried.
    private enum Outcome {
        case answered(ServiceResponse)
        case failed(Failure)
    }

    /// An attempt that got no complete answer, classified.
    struct Failure: Sendable {
        let code: HTTPRequestError.Code
        let detail: String
    }

    /// Runs `body`, cancelling it at `deadline` (async-http-client's own deadline covers the answer's
    /// head, not its body); the cancelled work is awaited before this returns.
    private func withDeadline<T: Sendable>(_ deadline: ContinuousClock.Instant, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(until: deadline)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else { throw TimedOut() }
            return value
        }
    }

    /// The deadline passed while the answer's body was being read.
    private struct TimedOut: Error {}

    /// Sorts an error of async-http-client or NIO into what it means for a retry.
    static func classify(_ error: any Error) -> Failure {
        switch error {
        case is TimedOut:
            return Failure(code: .timedOut, detail: "no complete answer before the deadline")
        case let error as HTTPClientError:
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return Failure(code: .timedOut, detail: "no answer before the deadline")
            case .connectTimeout, .getConnectionFromPoolTimeout:
                return Failure(code: .unreachable, detail: "no connection could be made in time")
            case .remoteConnectionClosed:
                return Failure(code: .connectionLost, detail: "the connection was closed before the whole answer")
            case .invalidURL, .emptyHost, .emptyScheme:
                return Failure(code: .invalidRequest, detail: "the URL is not valid")
            case .bodyLengthMismatch:
                return Failure(code: .invalidAnswer, detail: "the answer's body was cut short")
            default:
                return Failure(code: .connectionLost, detail: "\(error)")
            }
        case let error as NIOConnectionError:
            let causes = error.connectionErrors.map { "\($0.error)" }
            return Failure(code: .unreachable, detail: "connection refused or failed (\(causes.first ?? "no address"))")
        case let error as ChannelError:
            if case .connectTimeout = error { return Failure(code: .unreachable, detail: "no connection could be made in time") }
            return Failure(code: .connectionLost, detail: "\(error)")
        case let error as IOError where [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH].contains(error.errnoCode):
            return Failure(code: .unreachable, detail: "connection refused (\(error))")
        case let error as NIOTooManyBytesError:
            return Failure(code: .invalidAnswer, detail: "the answer's body was larger than \(error.maxBytes.map(String.init) ?? "the limit") bytes")
        default:
            return Failure(code: .connectionLost, detail: "\(error)")
        }
    }
}
