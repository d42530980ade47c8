import CoreMetrics
import Foundation
import Postgres

/// The sign-in audit (`registry.sign_in_audit`): every sign-in, failed code, lock, refresh reuse and
/// revocation, with who, when, from where and the outcome; counted in `/metrics` as
/// `linli_sign_in_total{action,outcome}`. Every sign-in helper records through this one type.
enum SignInAudit {
    /// What happened. Open so another sign-in feature can name its own (`static let` in an extension).
    struct Action: RawRepresentable, Codable, Hashable, Sendable {
        let rawValue: String
        init(rawValue: String) { self.rawValue = rawValue }

        static let codeRequested = Action(rawValue: "code-requested")
        static let signIn = Action(rawValue: "sign-in")
        static let codeFailed = Action(rawValue: "code-failed")
        static let phoneLocked = Action(rawValue: "phone-locked")
        static let refresh = Action(rawValue: "refresh")
        static let refreshReuse = Action(rawValue: "refresh-reuse")
        static let signOut = Action(rawValue: "sign-out")
        static let accountChanged = Action(rawValue: "account-changed")
    }

    /// How it ended.
    enum Outcome: String, Codable, Sendable, CaseIterable {
        /// Done (a code sent or not: the requester never learns which, the audit does).
        case success
        /// Refused (a wrong code, a disabled account, a reused token).
        case refused
        /// Over a limit (429).
        case limited
    }

    /// How the caller signed in.
    struct Method: RawRepresentable, Codable, Hashable, Sendable {
        let rawValue: String
        init(rawValue: String) { self.rawValue = rawValue }

        static let phone = Method(rawValue: "phone")
        static let oidc = Method(rawValue: "oidc")
        static let password = Method(rawValue: "password")
        static let refresh = Method(rawValue: "refresh")
    }

    /// One row to write.
    struct Entry: Sendable {
        var accountID: Int?
        var action: Action
        var outcome: Outcome
        var method: Method?
        /// Masked: `138****0000` for a phone, never a secret.
        var subject: String?
        var ip: String?
        var userAgent: String?
        /// A stable code (`sign-in-code-rejected`, `refresh-reuse`…), never a secret.
        var detail: String?

        init(
            accountID: Int? = nil,
            action: Action,
            outcome: Outcome,
            method: Method? = nil,
            subject: String? = nil,
            ip: String? = nil,
            userAgent: String? = nil,
            detail: String? = nil
        ) {
            self.accountID = accountID
            self.action = action
            self.outcome = outcome
            self.method = method
            self.subject = subject
            self.ip = ip
            self.userAgent = userAgent
            self.detail = detail
        }
    }

    /// Writes the row in the caller's transaction and counts it.
    static func record(_ entry: Entry, at now: Date, on tx: isolated PostgresConnection) throws {
        let agent = entry.userAgent.map { String($0.prefix(300)) }
        try tx.execute(
            """
            INSERT INTO registry.sign_in_audit (at, account_id, action, outcome, method, subject, ip, user_agent, detail)
            VALUES (\(now), \(entry.accountID), \(entry.action.rawValue), \(entry.outcome.rawValue), \(entry.method?.rawValue),
                    \(entry.subject), CASE WHEN \(entry.ip)::text ~ '^[0-9a-fA-F:.]+$' THEN \(entry.ip)::inet END, \(agent), \(entry.detail))
            """
        )
        count(entry)
    }

    /// Writes the row in a transaction of its own (after a refused request rolled its own back).
    static func record(_ entry: Entry, at now: Date, pool: PostgresPool) async throws {
        try await pool.withConnection { tx in try record(entry, at: now, on: tx) }
    }

    /// Counts an entry in `linli_sign_in_total{action,outcome}`.
    static func count(_ entry: Entry) {
        Counter(label: "linli_sign_in_total", dimensions: [("action", entry.action.rawValue), ("outcome", entry.outcome.rawValue)]).increment()
    }
}
