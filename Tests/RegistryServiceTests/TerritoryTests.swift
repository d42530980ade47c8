import Foundation
import Hummingbird
import HummingbirdTesting
import JobQueue
import LinliTestSupport
import Postgres
import RegistryService
import ServiceKit
import ServiceTestSupport
import Testing

@Suite("Areas and compounds")
struct TerritoryTests {
    struct AreaBody: Decodable {
        let id: Int
        let path: [Int]
        let level: String
    }
    struct CompoundBody: Decodable {
        let id: Int
        let areaPath: [Int]
        let name: String
    }
    struct PageBody: Decodable {
        let items: [CompoundBody]
        let next: String?
    }

    func post<T: Decodable>(
        _ client: some TestClientProtocol,
        _ uri: String,
        _ json: String,
        as principal: Principal,
        env: RegistryTestEnvironment
    ) async throws -> T {
        try await client.execute(uri: uri, method: .post, headers: try await env.headers(principal), body: ByteBuffer(string: json)) { response in
            guard response.status == .created else { throw TestFailure("\(uri): \(response.status) \(String(buffer: response.body))") }
            return try response.decode(T.self)
        }
    }

    @Test func aCityOfAreasAndCompoundsWithScopedReads() async throws {
        let env = try await RegistryTestEnvironment.make()
        try await env.runtime.jobs.subscribe(queue: "calendar", to: ["compound.changed"])
        try await env.test { client in
            let city: AreaBody = try await post(client, "/v1/areas", #"{"level":"city","name":"株洲市"}"#, as: RegistryTestEnvironment.admin, env: env)
            let lusong: AreaBody = try await post(
                client,
                "/v1/areas",
                #"{"level":"district","name":"芦淞区","parentID":\#(city.id)}"#,
                as: RegistryTestEnvironment.admin,
                env: env
            )
            let tianyuan: AreaBody = try await post(
                client,
                "/v1/areas",
                #"{"level":"district","name":"天元区","parentID":\#(city.id)}"#,
                as: RegistryTestEnvironment.admin,
                env: env
            )
            #expect(lusong.path == [city.id, lusong.id])
            let district = Principal(subject: "staff:lusong", role: .district, areaIDs: [lusong.id])
            let mine: CompoundBody = try await post(client, "/v1/compounds", #"{"areaID":\#(lusong.id),"name":"枫林小区"}"#, as: district, env: env)
            #expect(mine.areaPath == [city.id, lusong.id])
            // A district office cannot add a compound outside its subtree: the area "does not exist" for it.
            try await client.execute(
                uri: "/v1/compounds",
                method: .post,
                headers: try await env.headers(district),
                body: ByteBuffer(string: #"{"areaID":\#(tianyuan.id),"name":"书香苑"}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try response.problem()
                #expect(problem.fieldNames == ["areaID"])
            }
            let theirs: CompoundBody = try await post(
                client,
                "/v1/compounds",
                #"{"areaID":\#(tianyuan.id),"name":"书香苑"}"#,
                as: RegistryTestEnvironment.admin,
                env: env
            )
            // Reads are scoped: the district sees only its compound; another's is a 404.
            try await client.execute(uri: "/v1/compounds", method: .get, headers: try await env.headers(district)) { response in
                let page = try response.decode(PageBody.self)
                #expect(page.items.map(\.id) == [mine.id])
            }
            try await client.execute(uri: "/v1/compounds/\(theirs.id)", method: .get, headers: try await env.headers(district)) { response in
                #expect(response.status == .notFound)
            }
            let secretary = Principal(subject: "staff:sec", role: .secretary, compoundIDs: [theirs.id])
            try await client.execute(uri: "/v1/compounds/\(theirs.id)", method: .get, headers: try await env.headers(secretary)) { response in
                #expect(response.status == .ok)
                let compound = try response.decode(CompoundBody.self)
                #expect(compound.name == "书香苑")
            }
            try await client.execute(
                uri: "/v1/compounds",
                method: .post,
                headers: try await env.headers(secretary),
                body: ByteBuffer(string: #"{"areaID":\#(tianyuan.id),"name":"x"}"#)
            ) { response in
                #expect(response.status == .forbidden)
            }
        }
        // Each compound created published compound.changed to the subscribed queue, in the same transaction.
        let published = try await env.pool.query("SELECT count(*) FROM queue.jobs WHERE kind = 'compound.changed' AND queue = 'calendar'")
        #expect(try published.scalar(Int.self) == 2)
    }

    @Test func invalidAreasAreRefusedNamingTheField() async throws {
        let env = try await RegistryTestEnvironment.make()
        try await env.test { client in
            try await client.execute(
                uri: "/v1/areas",
                method: .post,
                headers: try await env.headers(RegistryTestEnvironment.admin),
                body: ByteBuffer(string: #"{"level":"village","name":""}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try response.problem()
                #expect(Set(problem.fieldNames) == ["level", "name"])
            }
            try await client.execute(
                uri: "/v1/areas",
                method: .post,
                headers: try await env.headers(RegistryTestEnvironment.admin),
                body: ByteBuffer(string: #"{"name":"x"}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try response.problem()
                #expect(problem.fieldNames == ["level"])
            }
            try await client.execute(uri: "/v1/compounds", method: .get) { #expect($0.status == .unauthorized) }
        }
    }

    @Test func theOpenAPIDocumentMatchesTheRoutes() async throws {
        let env = try await RegistryTestEnvironment.make()
        let (undocumented, unrouted) = try OpenAPIConformance.differences(router: env.router, document: try RegistryService.openAPIDocument())
        #expect(undocumented == [])
        #expect(unrouted == [])
    }
}
