import Foundation
import Hummingbird
import HummingbirdBcrypt
import HummingbirdOTP
import HummingbirdTesting
import LinliTestSupport
import Postgres
import RegistryService
import ServiceKit
import ServiceTestSupport
import Testing

@Suite("Staff sign in with a password and a TOTP code when there is no single sign-on")
struct StaffSignInPasswordTests {
    static let admin = Principal(subject: "staff:admin", role: .admin)
    static let password = "correct horse battery"

    /// A staff account with a compound-secretary post, its credentials set through the operators' route.
    struct Staff {
        let env: StaffSignInEnvironment
        let clock: SettableClock
        let accountID: Int
        let secret: String

        static func make(_ label: String = #function) async throws -> Staff {
            let clock = SettableClock(Date(timeIntervalSince1970: 1_796_000_000))
            let env = try await StaffSignInEnvironment.make(label, clock: clock.clock)
            let id = try await env.pool.withTransaction { tx in
                let id = try tx.query("INSERT INTO registry.accounts (kind, display_name) VALUES ('staff', '王芳') RETURNING id").scalar(Int.self) ?? 0
                try tx.execute(
                    "INSERT INTO registry.staff_posts (account_id, kind, compound_id) VALUES (\(id), 'compound-secretary', \(env.city.compoundA))"
                )
                return id
            }
            var headers = try await env.environment.authorization(StaffSignInPasswordTests.admin)
            headers[.contentType] = "application/json"
            let body = #"{"login": "Wang.Fang", "password": "\#(StaffSignInPasswordTests.password)"}"#
            let sent = headers
            let started = ContinuousClock.now
            let uri = try await env.test { client in
                try await client.execute(uri: "/v1/accounts/\(id)/credentials", method: .post, headers: sent, body: ByteBuffer(string: body)) {
                    response in
                    guard response.status == .created else { throw TestFailure("credentials: \(response.status) \(String(buffer: response.body))") }
                    let json = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                    #expect(json?["login"] as? String == "wang.fang")
                    return json?["otpauthURI"] as? String ?? ""
                }
            }
            print("setting credentials (one bcrypt hash at cost 12) took \(ContinuousClock.now - started)")
            let encoded = try #require(URLComponents(string: uri)?.queryItems?.first { $0.name == "secret" }?.value)
            #expect(uri.hasPrefix("otpauth://totp/"))
            return Staff(env: env, clock: clock, accountID: id, secret: try #require(Base32.decode(encoded)))
        }

        /// The current TOTP code.
        var code: String { String(format: "%06d", TOTP(secret: secret).compute(date: clock.now)) }

        /// `POST /v1/auth/password`.
        func signIn(
            login: String = "wang.fang",
            password: String = StaffSignInPasswordTests.password,
            totp: String? = nil
        ) async throws -> TestResponse {
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            let body = try JSONSerialization.data(withJSONObject: ["login": login, "password": password, "totp": totp ?? code])
            let sent = headers
            return try await env.test { client in
                try await client.execute(uri: "/v1/auth/password", method: .post, headers: sent, body: ByteBuffer(bytes: body)) { $0 }
            }
        }
    }

    @Test func theRightPasswordAndCodeSignInAndTheCodeIsNeverAcceptedTwice() async throws {
        let staff = try await Staff.make()
        let code = staff.code
        let first = try await staff.signIn(totp: code)
        #expect(first.status == .ok, "\(String(buffer: first.body))")
        let pair = try first.decode(SignedIn.self)
        let principal = try await staff.env.principal(of: pair.accessToken)
        #expect(principal.role == .secretary)
        #expect(principal.compoundIDs == [staff.env.city.compoundA])
        #expect(principal.accountID == staff.accountID)

        let replayed = try await staff.signIn(totp: code)
        #expect(replayed.status == .unauthorized)
        #expect(try replayed.problem().type.hasSuffix("/sign-in-failed"))

        staff.clock.advance(by: 30)
        #expect(try await staff.signIn().status == .ok)  // the next step's code

        // Stored: bcrypt at cost 12, the TOTP secret sealed.
        let row = try await staff.env.pool.query("SELECT password_hash, totp_secret FROM registry.staff_credentials").first
        #expect(try row?.decode(0, as: String.self).hasPrefix("$2b$12$") == true)
        #expect(try row?.decode(1, as: Data.self) != Data(staff.secret.utf8))
    }

    @Test func aWrongPasswordCodeOrLoginIsRefusedAlike() async throws {
        let staff = try await Staff.make()
        for response in [
            try await staff.signIn(password: "wrong password here"),
            try await staff.signIn(totp: staff.code == "000000" ? "111111" : "000000"),
            try await staff.signIn(login: "nobody"),
            try await staff.signIn(totp: "12ab56"),
        ] {
            #expect(response.status == .unauthorized)
            #expect(try response.problem().type.hasSuffix("/sign-in-failed"))
        }
        #expect(try await staff.env.auditDetails().filter { $0 == "sign-in-failed" }.count == 4)
    }

    @Test func fiveFailuresLockTheAccountFifteenMinutes() async throws {
        let staff = try await Staff.make()
        for attempt in 1...5 {
            let response = try await staff.signIn(password: "wrong password \(attempt)")
            #expect(response.status == (attempt < 5 ? .unauthorized : .tooManyRequests))
        }
        let locked = try await staff.signIn()
        #expect(locked.status == .tooManyRequests)
        #expect(try locked.problem().type.hasSuffix("/account-locked"))
        #expect(Int(locked.headers[.retryAfter] ?? "") ?? 0 > 0)
        #expect(try await staff.env.auditDetails("account-locked").count == 1)

        staff.clock.advance(by: 15 * 60 + 1)
        #expect(try await staff.signIn().status == .ok)
    }

    /// The figure in docs/operations.md ("Password and TOTP"): one bcrypt hash and one check at cost 12.
    @Test func bcryptAtCost12TakesAFractionOfASecond() {
        let clock = ContinuousClock()
        var hash = ""
        let hashing = clock.measure { hash = Bcrypt.hash(Self.password, cost: 12) }
        var matches = false
        let checking = clock.measure { matches = Bcrypt.verify(Self.password, hash: hash) }
        print("bcrypt cost 12: hash \(hashing), verify \(checking)")
        #expect(matches)
        #expect(hash.hasPrefix("$2b$12$"))
        #expect(checking > .milliseconds(50))  // slow enough to matter for guessing
    }

    @Test func onlyAnOperatorSetsCredentialsAndNeverSeesThemAgain() async throws {
        let staff = try await Staff.make()
        var headers = try await staff.env.environment.authorization(Principal(subject: "staff:s", role: .secretary, compoundIDs: [1]))
        headers[.contentType] = "application/json"
        let sent = headers
        try await staff.env.test { client in
            let body = ByteBuffer(string: #"{"login": "x.y", "password": "long enough password"}"#)
            try await client.execute(uri: "/v1/accounts/\(staff.accountID)/credentials", method: .post, headers: sent, body: body) {
                #expect($0.status == .forbidden)
            }
        }
        let account = try await staff.env.test { client in
            try await client.execute(
                uri: "/v1/accounts/\(staff.accountID)",
                method: .get,
                headers: try await staff.env.environment.authorization(Self.admin)
            ) {
                String(buffer: $0.body)
            }
        }
        #expect(!account.contains("$2b$"))
        #expect(!account.contains(staff.secret))
    }
}

/// RFC 4648 base32 (the otpauth URI's secret).
enum Base32 {
    static func decode(_ text: String) -> String? {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var bits = 0
        var value = 0
        var bytes: [UInt8] = []
        for character in text.uppercased() where character != "=" {
            guard let index = alphabet.firstIndex(of: character) else { return nil }
            value = (value << 5) | index
            bits += 5
            if bits >= 8 {
                bytes.append(UInt8((value >> (bits - 8)) & 0xFF))
                bits -= 8
            }
        }
        return String(bytes: bytes, encoding: .utf8)
    }
}
