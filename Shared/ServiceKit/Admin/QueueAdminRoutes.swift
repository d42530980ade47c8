import Foundation
import Hummingbird
import JobQueue

/// `/v1/admin/queue…`: the queue's counts and dead letters, retry and cancel; for `admin` tokens only.
struct QueueAdminRoutes {
    let admin: QueueAdmin

    func add(to router: Router<LinliRequestContext>) {
        let group = router.group("/v1/admin/queue")
        group.get { _, context in
            try requireAdmin(context)
            return Statistics(queues: try await admin.statistics())
        }
        group.get("jobs") { request, context in
            try requireAdmin(context)
            let states = ["scheduled", "available", "running", "retryable", "completed", "discarded", "cancelled"]
            let state = request.uri.queryParameters["state"].map(String.init) ?? "discarded"
            guard states.contains(state) else { throw APIError.invalid("state", "must be one of \(states.joined(separator: ", "))") }
            let limit =
                try request.uri.queryParameters["limit"].map { text in
                    guard let value = Int(text), (1...500).contains(value) else { throw APIError.invalid("limit", "must be 1–500") }
                    return value
                } ?? 50
            let before = try request.uri.queryParameters["before"].map { text in
                guard let value = Int(text) else { throw APIError.invalid("before", "must be a job id") }
                return value
            }
            let jobs = try await admin.jobs(
                state: state,
                queue: request.uri.queryParameters["queue"].map(String.init),
                kind: request.uri.queryParameters["kind"].map(String.init),
                limit: limit,
                before: before
            )
            return Jobs(jobs: jobs, next: jobs.count == limit ? jobs.last.map { String($0.id) } : nil)
        }
        group.post("jobs/{id}/retry") { _, context in
            try requireAdmin(context)
            guard try await admin.retry(id: try context.parameters.require("id", as: Int.self)) else {
                throw APIError.conflict("only discarded, cancelled, scheduled or retryable jobs can be retried", code: "wrong-state")
            }
            return Outcome(status: "retrying")
        }
        group.post("jobs/{id}/cancel") { _, context in
            try requireAdmin(context)
            guard try await admin.cancel(id: try context.parameters.require("id", as: Int.self)) else {
                throw APIError.conflict("only unfinished jobs can be cancelled", code: "wrong-state")
            }
            return Outcome(status: "cancelling")
        }
    }

    private func requireAdmin(_ context: LinliRequestContext) throws {
        guard try context.requirePrincipal().has(.admin) else { throw APIError.forbidden("the queue is for administrators") }
    }

    struct Statistics: ResponseEncodable { let queues: [QueueAdmin.QueueStatistics] }
    struct Jobs: ResponseEncodable {
        let jobs: [QueueAdmin.JobRecord]
        let next: String?
    }
    struct Outcome: ResponseEncodable { let status: String }
}
