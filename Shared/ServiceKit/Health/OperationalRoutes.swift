import Foundation
import Hummingbird
import JobQueue
import Logging
import NIOCore
import Postgres

/// The routes every service has on its public port: liveness, readiness, its OpenAPI document.
/// (Prometheus metrics have their own listener: ``MetricsEndpoint``.)
struct OperationalRoutes {
    let pool: PostgresPool
    let migrations: [MigrationSet]
    let openAPI: String

    func add(to router: Router<LinliRequestContext>) {
        router.get("/healthz") { _, _ in Health(status: "ok") }
        router.get("/readyz") { _, context in try await readiness(logger: context.logger) }
        router.get("/openapi.yaml") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/yaml; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: openAPI)))
        }
    }

    struct Health: ResponseEncodable {
        let status: String
        var pendingMigrations: [String]? = nil
    }

    /// Ready when the database answers within 2 s and every migration of the service is applied.
    private func readiness(logger: Logger) async throws -> Health {
        do {
            let pending = try await withThrowingTaskGroup(of: [String].self) { group in
                group.addTask {
                    var pending: [String] = []
                    for set in migrations {
                        let versions = try await Migrator(pool: pool, logger: logger).pending(set)
                        pending += versions.map { "\(set.schema) \($0)" }
                    }
                    return pending
                }
                group.addTask {
                    try await Task.sleep(for: .seconds(2))
                    throw APIError(.serviceUnavailable, code: "not-ready", title: "The database does not answer")
                }
                defer { group.cancelAll() }
                return try await group.next() ?? []
            }
            guard pending.isEmpty else {
                throw APIError(.serviceUnavailable, code: "not-ready", title: "Migrations are pending", detail: pending.joined(separator: ", "))
            }
            return Health(status: "ready")
        } catch let error as APIError {
            throw error
        } catch {
            logger.warning("not ready", metadata: ["error": "\(error)"])
            throw APIError(.serviceUnavailable, code: "not-ready", title: "The database does not answer")
        }
    }
}
