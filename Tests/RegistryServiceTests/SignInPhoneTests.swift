import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobQueue
import Postgres
import ServiceKit
import ServiceTestSupport
import Testing

@testable import RegistryService

@Suite("Phone sign-in codes")
struct SignInPhoneTests {
    @Test func aCodeSignsTheResidentInAndTheTokenWorksOnTheRegistry() async throws {
        let fixture = try await SignInFixture.make()
        try await fixture.env.test { client in
            let asked = try await fixture.requestCode(client)
            #expect(asked.status == .accepted)
            let sent = try await fixture.sentCodes()
            #expect(sent.count == 1)
            #expect(sent[0].phone == SignInFixture.phone)
            #expect(sent[0].code.count == 6 && sent[0].code.allSatisfy(\.isNumber))
            // Only the hash is stored.
            #expect(
                try await fixture.count("SELECT count(*) FROM registry.sign_in_codes WHERE code_hash = convert_to('\(sent[0].code)', 'UTF8')") == 0
            )
            let answer = try await fixture.verify(client, code: sent[0].code)
            #expect(answer.status == .ok)
            let pair = try answer.decode(SignInFixture.Pair.self)
            #expect(pair.tokenType == "Bearer")
            #expect(pair.expiresIn == 900)
            #expect(pair.account.kind == "resident")
            #expect(pair.account.status == "active")
            try await client.execute(uri: "/v1/auth/me", method: .get, headers: SignInFixture.bearer(pair.accessToken)) { response in
                #expect(response.status == .ok)
                let me = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]
                #expect(me?["role"] as? String == "resident")
                #expect(me?["householdIDs"] as? [Int] == [fixture.city.householdA1])
                #expect((me?["account"] as? [String: Any])?["id"] as? Int == pair.account.id)
            }
            // A second sign-in finds the same account.
            fixture.clock.advance(by: 61)
            #expect(try await fixture.signIn(client).account.id == pair.account.id)
        }
        let changed = try await fixture.env.published("account.changed")
        #expect(changed.count == 1)
        #expect(changed.first?["kind"] as? String == "resident")
        #expect(try await fixture.count("SELECT count(*) FROM registry.sign_in_audit WHERE action = 'sign-in' AND outcome = 'success'") == 2)
        #expect(try await fixture.count("SELECT count(*) FROM registry.sign_in_audit WHERE subject = '138****1234'") == 4)
    }

    @Test func anUnknownPhoneGetsTheSameAnswerAndNoCode() async throws {
        let fixture = try await SignInFixture.make()
        try await fixture.env.test { client in
            let known = try await fixture.requestCode(client)
            let unknown = try await fixture.requestCode(client, phone: SignInFixture.unknownPhone)
            #expect(known.status == .accepted)
            #expect(unknown.status == .accepted)
            #expect(String(buffer: known.body) == String(buffer: unknown.body))
            #expect(String(buffer: unknown.body).contains("邻长"))
            // Its "codes" are refused like a wrong code, never telling the phone is unknown.
            let guess = try await fixture.verify(client, phone: SignInFixture.unknownPhone, code: "123456")
            #expect(guess.status == .unauthorized)
            #expect(try guess.decode(SignInProblem.self).errors?.first?.field == "code")
            // And it is limited the same way.
            #expect(try await fixture.requestCode(client, phone: SignInFixture.unknownPhone).status == .tooManyRequests)
        }
        #expect(try await fixture.sentCodes().map(\.phone) == [SignInFixture.phone])
        #expect(try await fixture.count("SELECT count(*) FROM registry.sign_in_audit WHERE detail = 'unregistered'") == 1)
    }

    @Test func codeRequestsAreLimitedPerPhoneAMinuteAndAnHour() async throws {
        let fixture = try await SignInFixture.make()
        try await fixture.env.test { client in
            #expect(try await fixture.requestCode(client).status == .accepted)
            let again = try await fixture.requestCode(client)
            #expect(again.status == .tooManyRequests)
            #expect(again.headers[.retryAfter] == "60")
            #expect(again.headers[.contentType] == "application/problem+json")
            for _ in 2...5 {
                fixture.clock.advance(by: 61)
                #expect(try await fixture.requestCode(client).status == .accepted)
            }
            fixture.clock.advance(by: 61)
            let sixth = try await fixture.requestCode(client)
            #expect(sixth.status == .tooManyRequests)
            // The first of the five was 5 × 61 s ago: the hour ends 3600 − 305 s from now.
            #expect(sixth.headers[.retryAfter] == String(3600 - 305))
            fixture.clock.advance(by: 3600 - 305)
            #expect(try await fixture.requestCode(client).status == .accepted)
        }
        #expect(try await fixture.sentCodes().count == 6)
        #expect(try await fixture.count("SELECT count(*) FROM registry.sign_in_audit WHERE action = 'code-requested' AND outcome = 'limited'") == 2)
    }

    @Test func anAddressMayAskTwentyCodesAnHour() async throws {
        let fixture = try await SignInFixture.make()
        let desk = PhoneCodeDesk(
            jobs: fixture.env.runtime.jobs,
            clock: fixture.clock.clock,
            vault: PersonalDataVault(key: Array(Data(base64Encoded: RegistryTestEnvironment.dataKey)!)),
            sessions: SessionIssuer(pool: fixture.env.pool, clock: fixture.clock.clock, issuerName: "linli")
        )
        for index in 0..<20 {
            _ = try await desk.requestCode(PhoneCodeRequest(phone: "1390000\(1000 + index)"), from: "203.0.113.7", userAgent: nil, correlationID: nil)
        }
        await #expect(throws: SessionFailure.tooManyRequests(retryAfter: 3600)) {
            try await desk.requestCode(PhoneCodeRequest(phone: "13900002000"), from: "203.0.113.7", userAgent: nil, correlationID: nil)
        }
        // Another address is not held up.
        _ = try await desk.requestCode(PhoneCodeRequest(phone: "13900002000"), from: "203.0.113.8", userAgent: nil, correlationID: nil)
    }

    @Test func fiveWrongCodesLockThePhoneForFifteenMinutes() async throws {
        let fixture = try await SignInFixture.make()
        try await fixture.env.test { client in
            let code = try await fixture.freshCode(client)
            let wrong = code == "000000" ? "111111" : "000000"
            for _ in 1...4 {
                let answer = try await fixture.verify(client, code: wrong)
                #expect(answer.status == .unauthorized)
                let problem = try answer.decode(SignInProblem.self)
                #expect(problem.type.hasSuffix("/sign-in-code-rejected"))
                #expect(problem.errors?.map(\.field) == ["code"])
            }
            let fifth = try await fixture.verify(client, code: wrong)
            #expect(fifth.status == .tooManyRequests)
            #expect(fifth.headers[.retryAfter] == "900")
            // Locked: even the right code is refused, and no new code is made.
            fixture.clock.advance(by: 60)
            let locked = try await fixture.verify(client, code: code)
            #expect(locked.status == .tooManyRequests)
            #expect(locked.headers[.retryAfter] == "840")
            #expect(try await fixture.requestCode(client).status == .tooManyRequests)
            fixture.clock.advance(by: 841)
            _ = try await fixture.signIn(client)
        }
        #expect(try await fixture.count("SELECT count(*) FROM registry.sign_in_audit WHERE action = 'code-failed'") == 5)
        #expect(try await fixture.count("SELECT count(*) FROM registry.sign_in_audit WHERE action = 'phone-locked'") == 1)
    }

    @Test func aCodeIsAcceptedOnceAndNotAfterFiveMinutes() async throws {
        let fixture = try await SignInFixture.make()
        try await fixture.env.test { client in
            let code = try await fixture.freshCode(client)
            #expect(try await fixture.verify(client, code: code).status == .ok)
            #expect(try await fixture.verify(client, code: code).status == .unauthorized)
            fixture.clock.advance(by: 61)
            let late = try await fixture.freshCode(client)
            fixture.clock.advance(by: 301)
            #expect(try await fixture.verify(client, code: late).status == .unauthorized)
            #expect(try await fixture.verify(client, code: "12345").status == .unprocessableContent)
        }
    }

    @Test func manyVerificationsOfOneCodeRacingAcceptItOnce() async throws {
        let fixture = try await SignInFixture.make()
        let code = try await fixture.env.test { client in try await fixture.freshCode(client) }
        let statuses = try await fixture.env.test { client in
            try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<40 { group.addTask { try await fixture.verify(client, code: code).status } }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
        }
        #expect(statuses.filter { $0 == .ok }.count == 1)
        #expect(statuses.filter { $0 == .unauthorized || $0 == .tooManyRequests }.count == 39)
        #expect(try await fixture.count("SELECT count(*) FROM registry.refresh_tokens") == 1)
    }
}
