import Foundation
import Hummingbird
import HummingbirdTesting
import JobQueue
import Postgres
import RegistryService
import ServiceKit
import ServiceTestSupport
import Testing

@Suite("Residents: registration, personal data, moves, search, authorisation")
struct ResidentTests {
    struct ResidentBody: Decodable {
        let id: Int
        let name: String
        let phone: String?
        let idNumber: String?
        let householdID: Int?
        let partyMember: Bool?
    }
    struct PageBody: Decodable {
        let items: [ResidentBody]
        let next: String?
    }
    struct PersonalBody: Decodable {
        let phone: String?
        let idNumber: String?
    }
    struct ResidencyBody: Decodable {
        let householdID: Int
        let compoundID: Int
        let movedOutAt: Date?
    }

    /// A valid GB 11643 number (the check character is computed by the standard).
    static let idNumber = "11010519491231002X"

    func register(
        _ client: some TestClientProtocol,
        env: RegistryTestEnvironment,
        as principal: Principal,
        _ json: String
    ) async throws -> TestResponse {
        try await client.execute(uri: "/v1/residents", method: .post, headers: try await env.headers(principal), body: ByteBuffer(string: json)) {
            $0
        }
    }

    @Test func registeringMasksPersonalDataAndPublishesEvents() async throws {
        let env = try await RegistryTestEnvironment.make()
        let city = try await CityFixture.make(on: env.pool)
        try await env.runtime.jobs.subscribe(queue: "calendar", to: ["resident.registered", "household.changed"])
        let secretary = Principal(subject: "staff:sec-a", role: .secretary, compoundIDs: [city.compoundA])
        try await env.test { client in
            let response = try await register(
                client,
                env: env,
                as: secretary,
                #"{"householdID":\#(city.householdA1),"name":"张桂兰","gender":"female","phone":"138 0000 1234","idNumber":"\#(Self.idNumber)"}"#
            )
            #expect(response.status == .created)
            let resident = try response.decode(ResidentBody.self)
            #expect(resident.phone == "138****1234")
            #expect(resident.idNumber == "110105********002X")
            #expect(resident.partyMember == false)
            // The same ID number twice is refused.
            let duplicate = try await register(
                client,
                env: env,
                as: secretary,
                #"{"householdID":\#(city.householdA2),"name":"张桂兰","idNumber":"\#(Self.idNumber)"}"#
            )
            #expect(duplicate.status == .conflict)
        }
        let kinds = try await env.pool.query("SELECT kind FROM queue.jobs WHERE queue = 'calendar' ORDER BY id").column("kind", as: String.self)
        #expect(kinds == ["resident.registered", "household.changed"])  // the refused duplicate published nothing
        let stored = try await env.pool.query("SELECT phone_encrypted, phone_prefix FROM registry.residents")[0]
        #expect(try stored.decode("phone_prefix", as: String.self) == "138")
        #expect(!String(decoding: try stored.decode("phone_encrypted", as: Data.self), as: UTF8.self).contains("13800001234"))
    }

    @Test func badFieldsAreNamed() async throws {
        let env = try await RegistryTestEnvironment.make()
        let city = try await CityFixture.make(on: env.pool)
        try await env.test { client in
            let response = try await register(
                client,
                env: env,
                as: RegistryTestEnvironment.admin,
                #"{"householdID":\#(city.householdA1),"name":"","phone":"12345","idNumber":"110105194912310021","gender":"x"}"#
            )
            #expect(response.status == .unprocessableContent)
            let problem = try response.problem()
            #expect(Set(problem.fieldNames) == ["name", "phone", "idNumber", "gender"])
        }
    }

    @Test func scopesDecideWhoSeesAndChangesWhom() async throws {
        let env = try await RegistryTestEnvironment.make()
        let city = try await CityFixture.make(on: env.pool)
        let secretaryB = Principal(subject: "staff:sec-b", role: .secretary, compoundIDs: [city.compoundB])
        let head = Principal(subject: "resident:head", role: .head, householdIDs: [city.householdA1])
        try await env.test { client in
            let resident = try await register(client, env: env, as: head, #"{"householdID":\#(city.householdA1),"name":"李四","phone":"13900001111"}"#)
            #expect(resident.status == .created)
            let id = try resident.decode(ResidentBody.self).id
            // A head cannot register into a household they do not cover: it does not exist for them.
            let refused = try await register(client, env: env, as: head, #"{"householdID":\#(city.householdA2),"name":"王五"}"#)
            #expect(refused.status == .notFound)
            // Another compound's secretary: 404 on read and on write.
            try await client.execute(uri: "/v1/residents/\(id)", method: .get, headers: try await env.headers(secretaryB)) {
                #expect($0.status == .notFound)
            }
            try await client.execute(
                uri: "/v1/residents/\(id)",
                method: .patch,
                headers: try await env.headers(secretaryB),
                body: ByteBuffer(string: #"{"name":"x"}"#)
            ) {
                #expect($0.status == .notFound)
            }
            // A head may read but not see personal data; the compound's staff may, and the read is audited.
            try await client.execute(uri: "/v1/residents/\(id)/personal-data", method: .get, headers: try await env.headers(head)) {
                #expect($0.status == .forbidden)
            }
            let district = Principal(subject: "staff:lusong", role: .district, areaIDs: [city.districtA])
            try await client.execute(uri: "/v1/residents/\(id)/personal-data", method: .get, headers: try await env.headers(district)) { response in
                #expect(response.status == .ok)
                let personal = try response.decode(PersonalBody.self)
                #expect(personal.phone == "13900001111")
            }
            let dashboard = Principal(subject: "grafana", role: .dashboard)
            try await client.execute(uri: "/v1/residents/\(id)", method: .get, headers: try await env.headers(dashboard)) {
                #expect($0.status == .notFound)
            }
        }
        let audit = try await env.pool.query("SELECT reader, reader_role FROM registry.personal_data_reads")
        #expect(try audit.column("reader", as: String.self) == ["staff:lusong"])
    }

    @Test func movesKeepHistoryAndPublishBothHouseholds() async throws {
        let env = try await RegistryTestEnvironment.make()
        let city = try await CityFixture.make(on: env.pool)
        try await env.runtime.jobs.subscribe(queue: "analytics", to: ["resident.moved", "household.changed"])
        try await env.test { client in
            let id = try await register(client, env: env, as: RegistryTestEnvironment.admin, #"{"householdID":\#(city.householdA1),"name":"赵六"}"#)
                .decode(ResidentBody.self).id
            try await client.execute(
                uri: "/v1/residents/\(id)/move",
                method: .post,
                headers: try await env.headers(RegistryTestEnvironment.admin),
                body: ByteBuffer(string: #"{"householdID":\#(city.householdB1)}"#)
            ) { response in
                #expect(response.status == .ok)
                let history = try response.decode([ResidencyBody].self)
                #expect(history.map(\.compoundID) == [city.compoundA, city.compoundB])
                #expect(history.first?.movedOutAt != nil)
                #expect(history.last?.movedOutAt == nil)
            }
            // Now the first compound's secretary no longer sees them; the second's does.
            let secretaryA = Principal(subject: "staff:a", role: .secretary, compoundIDs: [city.compoundA])
            try await client.execute(uri: "/v1/residents/\(id)", method: .get, headers: try await env.headers(secretaryA)) {
                #expect($0.status == .notFound)
            }
        }
        let moved = try await env.pool.query(
            "SELECT payload->'from'->>'compoundID' AS from_compound, payload->'to'->>'compoundID' AS to_compound FROM queue.jobs WHERE kind = 'resident.moved'"
        )[0]
        #expect(try moved.decode("from_compound", as: String.self) == String(city.compoundA))
        #expect(try moved.decode("to_compound", as: String.self) == String(city.compoundB))
        #expect(try await env.pool.query("SELECT count(*) FROM queue.jobs WHERE kind = 'household.changed'").scalar(Int.self) == 3)
    }

    @Test func searchFindsByChineseNameAndMaskedPhoneWithinScope() async throws {
        let env = try await RegistryTestEnvironment.make()
        let city = try await CityFixture.make(on: env.pool)
        try await env.test { client in
            for (household, name, phone) in [
                (city.householdA1, "张三", "13800001234"), (city.householdA2, "张小明", "13800005678"), (city.householdB1, "张伟", "13800001234"),
                (city.householdA1, "李四", "13911112222"),
            ] {
                let response = try await register(
                    client,
                    env: env,
                    as: RegistryTestEnvironment.admin,
                    #"{"householdID":\#(household),"name":"\#(name)","phone":"\#(phone)"}"#
                )
                #expect(response.status == .created)
            }
            let secretaryA = Principal(subject: "staff:a", role: .secretary, compoundIDs: [city.compoundA])
            try await client.execute(uri: "/v1/residents?name=%E5%BC%A0", method: .get, headers: try await env.headers(secretaryA)) { response in
                let page = try response.decode(PageBody.self)
                #expect(page.items.map(\.name) == ["张三", "张小明"])
            }
            try await client.execute(
                uri: "/v1/residents?phone=138****1234",
                method: .get,
                headers: try await env.headers(RegistryTestEnvironment.admin)
            ) { response in
                let page = try response.decode(PageBody.self)
                #expect(page.items.map(\.name) == ["张三", "张伟"])
            }
            try await client.execute(uri: "/v1/residents?phone=1234", method: .get, headers: try await env.headers(RegistryTestEnvironment.admin)) {
                response in
                #expect(response.status == .unprocessableContent)
            }
            try await client.execute(uri: "/v1/residents?limit=1", method: .get, headers: try await env.headers(secretaryA)) { response in
                let page = try response.decode(PageBody.self)
                #expect(page.items.count == 1)
                #expect(page.next != nil)
            }
        }
    }
}
