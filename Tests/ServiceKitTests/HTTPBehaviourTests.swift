import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobQueue
import Postgres
import ServiceKit
import ServiceTestSupport
import Testing

@Suite("Every service's HTTP behaviour: problems, auth, limits, health")
struct HTTPBehaviourTests {
    static let openAPI = "openapi: 3.1.0\npaths: {}\n"

    struct Signup: Decodable {
        var name: String
        var age: Int
    }

    func makeApp(extra: [String: String] = [:]) async throws -> (ServiceTestEnvironment, some ApplicationProtocol) {
        let environment = try await ServiceTestEnvironment.make(
            service: "kit",
            migrations: [],
            openAPI: Self.openAPI,
            extra: ["LINLI_BODY_LIMIT_BYTES": "2048"].merging(extra) { $1 }
        )
        let router = environment.runtime.makeRouter()
        let pool = environment.runtime.pool
        router.post("/v1/signups") { request, context -> String in
            let signup = try await request.decodeBody(Signup.self, context: context)
            return "hello \(signup.name)"
        }
        router.get("/v1/private") { _, context -> String in
            let principal = try context.requirePrincipal()
            return principal.subject
        }
        router.post("/v1/duplicate") { _, _ -> String in
            try await pool.execute("CREATE TABLE IF NOT EXISTS t (v text UNIQUE)")
            try await pool.execute("INSERT INTO t VALUES (\("13800001234"))")
            return "ok"
        }
        // Routes added after this middleware answer 409 for the constraints it knows (a client's duplicate).
        router.add(middleware: DuplicateProblems(["known_v_key": .init(code: "name-taken", detail: "this name is taken")]))
        router.post("/v1/known-duplicate") { _, _ -> String in
            try await pool.execute("CREATE TABLE IF NOT EXISTS known (v text UNIQUE)")
            try await pool.execute("INSERT INTO known VALUES (\("13800001234"))")
            return "ok"
        }
        router.post("/v1/refusals/:kind") { _, context -> String in
            switch context.parameters.get("kind") {
            case "missing": throw Refusal.notFound("activity")
            case "clash": throw Refusal.conflict("the room is booked then", code: "room-clash")
            case "fields": throw Refusal.invalid("capacity", "must be at least 1")
            default: throw Refusal.forbidden("heads only")
            }
        }
        router.get("/v1/broken") { _, _ -> String in
            throw PostgresError(code: .server, sqlState: "XX000", serverMessage: "secret internals: SELECT * FROM users")
        }
        return (environment, environment.runtime.makeApplication(router: router))
    }

    @Test func healthReadinessAndTheDocumentButNoMetrics() async throws {
        let (_, app) = try await makeApp()
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("ready"))
            }
            // Metrics have their own listener (MetricsEndpointTests), never the public port.
            try await client.execute(uri: "/metrics", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/openapi.yaml", method: .get) { response in
                #expect(String(buffer: response.body) == Self.openAPI)
            }
        }
    }

    @Test func readinessFailsWhileAMigrationIsPending() async throws {
        let environment = try await ServiceTestEnvironment.make(service: "kit", migrations: [], openAPI: Self.openAPI)
        let pending = MigrationSet(schema: "later", migrations: [Migration(version: 1, name: "x", sql: "SELECT 1")])
        let runtime = try await LinliRuntime(
            configuration: environment.runtime.configuration,
            migrations: [pending],
            openAPI: Self.openAPI,
            logger: environment.runtime.logger
        )
        try await runtime.makeApplication(router: runtime.makeRouter()).test(.router) { client in
            // The probe gives the database 2 s; on a saturated machine it may say "does not answer"
            // instead, so ask a few times for the answer that names the migration.
            var detail: String?
            for _ in 0..<5 where detail == nil {
                detail = try await client.execute(uri: "/readyz", method: .get) { response in
                    #expect(response.status == .serviceUnavailable)
                    return try response.problem().detail
                }
            }
            #expect(detail?.contains("later 1") == true)
        }
    }

    @Test func badBodiesGetProblemsNamingTheField() async throws {
        let (_, app) = try await makeApp()
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/signups", method: .post, body: ByteBuffer(string: #"{"name": "王芳"}"#)) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try response.problem()
                #expect(problem.fieldNames == ["age"])
                #expect(problem.type.hasSuffix("/validation-failed"))
            }
            try await client.execute(uri: "/v1/signups", method: .post, body: ByteBuffer(string: #"{"name": "王芳", "age": "old"}"#)) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try response.problem()
                #expect(problem.errors?.first?.message == "must be a whole number")
            }
            try await client.execute(uri: "/v1/signups", method: .post, body: ByteBuffer(string: "{not json")) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/v1/signups", method: .post, body: ByteBuffer(string: String(repeating: "x", count: 5000))) { response in
                #expect(response.status == .contentTooLarge)
                let problem = try response.problem()
                #expect(problem.type.hasSuffix("/body-too-large"))
            }
            try await client.execute(uri: "/v1/signups", method: .post, body: ByteBuffer(string: #"{"name": "王芳", "age": 60}"#)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "hello 王芳")
            }
        }
    }

    @Test func domainRefusalsBecomeProblems() async throws {
        let (_, app) = try await makeApp()
        let expected: [(String, HTTPResponse.Status, String)] = [
            ("missing", .notFound, "not-found"), ("clash", .conflict, "room-clash"),
            ("fields", .unprocessableContent, "validation-failed"), ("other", .forbidden, "forbidden"),
        ]
        try await app.test(.router) { client in
            for (kind, status, code) in expected {
                let problem = try await client.execute(uri: "/v1/refusals/\(kind)", method: .post) { response in
                    #expect(response.status == status, "\(kind)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                    return try response.problem()
                }
                #expect(problem.type.hasSuffix("/\(code)"), "\(kind): \(problem.type)")
                if kind == "fields" { #expect(problem.fieldNames == ["capacity"]) }
                if kind == "clash" { #expect(problem.detail == "the room is booked then") }
            }
        }
    }

    @Test func databaseErrorsNeverShowSQLOrData() async throws {
        let (_, app) = try await makeApp()
        try await app.test(.router) { client in
            // A unique violation nobody declared as the client's duplicate is our fault: 500, not a 409 that blames the client.
            try await client.execute(uri: "/v1/duplicate", method: .post) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/duplicate", method: .post) { response in
                #expect(response.status == .internalServerError)
                let body = String(buffer: response.body)
                #expect(!body.contains("13800001234"))
                #expect(!body.contains("INSERT"))
                #expect((try? response.problem())?.type.hasSuffix("/internal") == true)
            }
            // A declared one is the client's: 409 with its own code.
            try await client.execute(uri: "/v1/known-duplicate", method: .post) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/known-duplicate", method: .post) { response in
                #expect(response.status == .conflict)
                let body = String(buffer: response.body)
                #expect(!body.contains("13800001234"))
                #expect(!body.contains("INSERT"))
                #expect((try? response.problem())?.type.hasSuffix("/name-taken") == true)
            }
            try await client.execute(uri: "/v1/broken", method: .get) { response in
                #expect(response.status == .internalServerError)
                let body = String(buffer: response.body)
                #expect(!body.contains("SELECT"))
                #expect(!body.contains("internals"))
                let problem = try response.problem()
                #expect(problem.type.hasSuffix("/internal"))
            }
        }
    }

    @Test func requestIDsAreEchoedAndPutInProblems() async throws {
        let (_, app) = try await makeApp()
        try await app.test(.router) { client in
            var headers = HTTPFields()
            headers[.requestID] = "req-abc-123"
            try await client.execute(uri: "/v1/private", method: .get, headers: headers) { response in
                #expect(response.headers[.requestID] == "req-abc-123")
                let problem = try response.problem()
                #expect(problem.requestID == "req-abc-123")
            }
            var ids: [String] = []
            for _ in 0..<3 {
                ids.append(try await client.execute(uri: "/healthz", method: .get) { $0.headers[.requestID] ?? "" })
            }
            // Made up when the client sent none: 128 random bits in hex, so different each time (not a counter).
            #expect(Set(ids).count == 3)
            #expect(ids.allSatisfy { $0.count == 32 && $0.allSatisfy(\.isHexDigit) })
        }
    }

    @Test func bearerTokensAreRequiredAndChecked() async throws {
        let (environment, app) = try await makeApp()
        let valid = try await environment.authorization(Principal(subject: "staff:li", role: .secretary, compoundIDs: [1]))
        let other = try await TokenIssuer.generate(kid: ServiceTestEnvironment.kid)  // the test's kid, another key
        var forged = HTTPFields()
        forged[.authorization] = "Bearer \(try await other.mint(Principal(subject: "staff:li", role: .admin)))"
        var expired = HTTPFields()
        expired[.authorization] =
            "Bearer \(try await environment.tokens.mint(Principal(subject: "x", role: .admin), lifetime: 60, now: Date().addingTimeInterval(-3600)))"
        let refused = [forged, expired]
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/private", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            }
            for headers in refused {
                try await client.execute(uri: "/v1/private", method: .get, headers: headers) { #expect($0.status == .unauthorized) }
            }
            try await client.execute(uri: "/v1/private", method: .get, headers: valid) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "staff:li")
            }
        }
    }

    @Test func theQueueAdminRoutesAreForAdministratorsOnly() async throws {
        let (environment, app) = try await makeApp()
        try await environment.runtime.jobs.enqueue(
            [NewJob(kind: "kit.test", version: 1, payload: Array("{}".utf8), options: .init(queue: "kit"))])
        let secretary = try await environment.authorization(Principal(subject: "s", role: .secretary, compoundIDs: [1]))
        let admin = try await environment.authorization(Principal(subject: "root", role: .admin))
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/admin/queue", method: .get, headers: secretary) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/v1/admin/queue", method: .get, headers: admin) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(#""available":1"#))
            }
            try await client.execute(uri: "/v1/admin/queue/jobs?state=nonsense", method: .get, headers: admin) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try response.problem()
                #expect(problem.fieldNames == ["state"])
            }
            try await client.execute(uri: "/v1/admin/queue/jobs/999/retry", method: .post, headers: admin) { #expect($0.status == .conflict) }
        }
    }
}
