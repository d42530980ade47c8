import Foundation
import LinliTestSupport
import Models
import Postgres
import Testing

@testable import JobQueue

@Suite("A job whose payload is a secret keeps none in the queue's history")
struct SecretPayloadTests {
    @Test func aSentSignInCodeLeavesNoCodeOrPhoneInQueueFinished() async throws {
        let harness = try await QueueHarness.make()
        let worker = harness.makeWorker(.init(queue: "secret"))
        worker.register(SignInCodeIssued.self) { _, _ in }
        worker.register(Echo.self) { _, _ in }
        let code = SignInCodeIssued(codeID: 7, phone: "13800001234", code: "482913", expiresAt: Date().addingTimeInterval(300))
        try await harness.running([worker]) {
            try await harness.jobs.enqueue([
                try NewJob(code, options: .init(queue: "secret")), try NewJob(Echo(text: "kept"), options: .init(queue: "secret")),
            ])
            try await harness.waitUntil("2 completions") {
                try await harness.count("SELECT count(*) FROM queue.finished WHERE state = 'completed'") == 2
            }
        }
        #expect(
            try await harness.count("SELECT count(*) FROM queue.finished WHERE payload::text LIKE '%13800001234%' OR payload::text LIKE '%482913%'")
                == 0
        )
        #expect(try await harness.count("SELECT count(*) FROM queue.finished WHERE kind = 'signin.code-issued' AND payload = '{}'::jsonb") == 1)
        #expect(try await harness.count("SELECT count(*) FROM queue.finished WHERE payload::text LIKE '%kept%'") == 1)
    }
}
