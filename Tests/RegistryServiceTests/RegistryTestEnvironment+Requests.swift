import Foundation
import Hummingbird
import HummingbirdTesting
import Postgres
import ServiceKit
import ServiceTestSupport

extension RegistryTestEnvironment {
    /// Sends JSON and returns the response (status and body), for compact tests.
    func send(
        _ client: some TestClientProtocol,
        _ method: HTTPRequest.Method,
        _ uri: String,
        as principal: Principal,
        json: String? = nil
    ) async throws -> TestResponse {
        try await client.execute(uri: uri, method: method, headers: try await headers(principal), body: json.map { ByteBuffer(string: $0) }) { $0 }
    }

    /// Inserts a resident straight into a household (setup for tests that are not about registration).
    func resident(_ name: String, household: Int) async throws -> Int {
        try await pool.withTransaction { tx in
            let compound = try tx.query("SELECT compound_id FROM registry.households WHERE id = \(household)").scalar(Int.self)!
            let id = try tx.query(
                "INSERT INTO registry.residents (name, household_id, compound_id) VALUES (\(name), \(household), \(compound)) RETURNING id"
            ).scalar(Int.self)!
            try tx.execute("INSERT INTO registry.residencies (resident_id, household_id, compound_id) VALUES (\(id), \(household), \(compound))")
            return id
        }
    }

    /// Queue jobs of a kind (events published to subscribed queues), as decoded JSON objects.
    func published(_ kind: String) async throws -> [[String: Any]] {
        try await pool.query("SELECT payload::text FROM queue.jobs WHERE kind = \(kind) ORDER BY id").column(0, as: String.self).map { text in
            (try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
        }
    }
}

extension PostgresResult {
    func column<T: PostgresDecodable>(_ index: Int, as type: T.Type) throws -> [T] { try map { try $0.decode(index, as: type) } }
}
