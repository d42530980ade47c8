import Foundation
import Hummingbird
import HummingbirdTesting
import Models
import Postgres
import ServiceKit
import ServiceTestSupport
import Testing

/// Events are written in the transaction of the change they announce: when that transaction fails
/// at its very end (here, a deferred constraint trigger that fails at COMMIT, after the service has
/// already published), the change and its event vanish together, and the client learns nothing of the inside.
@Suite("Events roll back with their transaction")
struct RollbackTests {
    static let failAtCommit = """
        CREATE FUNCTION concerns.fail_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'injected failure at commit'; END $$;
        CREATE CONSTRAINT TRIGGER fail_raise AFTER INSERT ON concerns.concerns DEFERRABLE INITIALLY DEFERRED
            FOR EACH ROW WHEN (NEW.title = '提交失败') EXECUTE FUNCTION concerns.fail_at_commit();
        CREATE CONSTRAINT TRIGGER fail_update AFTER INSERT ON concerns.concern_updates DEFERRABLE INITIALLY DEFERRED
            FOR EACH ROW WHEN (NEW.note = '提交失败') EXECUTE FUNCTION concerns.fail_at_commit();
        """

    @Test func aFailedRaiseLeavesNeitherConcernNorEvent() async throws {
        let env = try await ConcernsTestEnvironment.make()
        try await env.pool.withConnection { try $0.executeScript(Self.failAtCommit) }
        try await env.test { client in
            let response = try await env.call(
                client,
                .post,
                "/v1/concerns",
                as: City.resident1Token,
                json: #"{"category":"noise","source":"app","title":"提交失败"}"#
            )
            #expect(response.status == .internalServerError)
            let problem = try response.problem()
            let text = String(buffer: response.body)
            #expect(problem.type.hasSuffix("/internal"))
            #expect(!text.contains("injected") && !text.contains("concerns.") && !text.contains("INSERT"))
            _ = try await env.raise(client, as: City.resident1Token, title: "楼上装修噪音")
        }
        #expect(try await env.count("SELECT count(*) FROM concerns.concerns") == 1)
        let raised = try await env.published(ConcernRaised.self)
        #expect(raised.map(\.concern.title) == ["楼上装修噪音"])
    }

    @Test func aFailedSettlementKeepsTheStateAndPublishesNothing() async throws {
        let env = try await ConcernsTestEnvironment.make()
        try await env.pool.withConnection { try $0.executeScript(Self.failAtCommit) }
        try await env.test { client in
            let id = try await env.raise(client, as: City.resident1Token)
            try await env.act(client, id, "acknowledge", as: City.secretaryA, extra: #","ownerParty":"property-company""#)
            let failed = try await env.call(
                client,
                .post,
                "/v1/concerns/\(id)/transitions",
                as: City.secretaryA,
                json: #"{"action":"settle","note":"提交失败"}"#
            )
            #expect(failed.status == .internalServerError)
            let concern = try await env.expect(client, .get, "/v1/concerns/\(id)", as: City.secretaryA, decoding: ConcernBody.self)
            #expect(concern.state == "acknowledged")
            #expect(try await env.published(ConcernSettled.self).isEmpty)
            try await env.act(client, id, "settle", as: City.secretaryA, extra: #","note":"已抽水清理""#)
        }
        let settled = try await env.published(ConcernSettled.self)
        #expect(settled.count == 1)
    }
}
