import Foundation

// Events of the registry's accounts (sign-in). An account belongs to a resident or to a staff member;
// what it may touch is resolved in each service from its own projection of these events and of the
// records it already projects (head assignments, residencies), never from the token alone.

/// What a staff member holds: a post over an area (district office, subdistrict, community) or a
/// compound (compound secretary, first secretary), or the operator's and the dashboard's.
public struct StaffPostKind: RawRepresentable, Codable, Hashable, Sendable {
    /// The text on the wire and in the database, e.g. `compound-secretary`.
    public let rawValue: String
    /// A post from its text; the value is not checked here (readers of requests check it).
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The district office (区): an area subtree (`district-office`).
    public static let districtOffice = StaffPostKind(rawValue: "district-office")
    /// The subdistrict office (街道): an area subtree (`subdistrict`).
    public static let subdistrict = StaffPostKind(rawValue: "subdistrict")
    /// The community (社区) party committee: an area subtree (`community`).
    public static let community = StaffPostKind(rawValue: "community")
    /// The compound's party branch secretary (小区党支部书记): one compound (`compound-secretary`).
    public static let compoundSecretary = StaffPostKind(rawValue: "compound-secretary")
    /// A first secretary sent to a compound (第一书记): one compound (`first-secretary`).
    public static let firstSecretary = StaffPostKind(rawValue: "first-secretary")
    /// An operator of the deployment: everything (`operator`).
    public static let `operator` = StaffPostKind(rawValue: "operator")
    /// A read-only dashboard viewer over an area subtree: aggregates, no personal data (`dashboard`).
    public static let dashboard = StaffPostKind(rawValue: "dashboard")
    /// Every post.
    public static let all: [StaffPostKind] = [
        .districtOffice, .subdistrict, .community, .compoundSecretary, .firstSecretary, .operator, .dashboard,
    ]
    /// The posts held over an area subtree (the others over a compound, or over everything).
    public static let overAreas: Set<StaffPostKind> = [.districtOffice, .subdistrict, .community, .dashboard]
    /// The posts held over one compound.
    public static let overCompounds: Set<StaffPostKind> = [.compoundSecretary, .firstSecretary]
}

/// An account's status: `active`, `locked` (too many failed sign-ins, until a moment) or `disabled`
/// (by an operator: no sign-in, no refresh, and services refuse its tokens once they have the event).
public struct AccountStatus: RawRepresentable, Codable, Hashable, Sendable {
    /// The text on the wire and in the database.
    public let rawValue: String
    /// A status from its text; the value is not checked here (readers of requests check it).
    public init(rawValue: String) { self.rawValue = rawValue }

    /// May sign in (`active`).
    public static let active = AccountStatus(rawValue: "active")
    /// Locked for a while after failed sign-ins (`locked`).
    public static let locked = AccountStatus(rawValue: "locked")
    /// Disabled by an operator (`disabled`).
    public static let disabled = AccountStatus(rawValue: "disabled")
    /// Every status.
    public static let all: [AccountStatus] = [.active, .locked, .disabled]
}

/// Whose an account is: a resident's (signs in with a phone code) or a staff member's (single sign-on,
/// or a password and TOTP).
public struct AccountKind: RawRepresentable, Codable, Hashable, Sendable {
    /// The text on the wire and in the database: `resident` or `staff`.
    public let rawValue: String
    /// A kind from its text; the value is not checked here (readers of requests check it).
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A resident's account (`resident`); whether they are also a head follows their head assignments.
    public static let resident = AccountKind(rawValue: "resident")
    /// A staff member's account (`staff`); what they cover follows their posts.
    public static let staff = AccountKind(rawValue: "staff")
}

/// One post a staff account holds now.
public struct StaffPost: Codable, Hashable, Sendable {
    /// What the post is.
    public var kind: StaffPostKind
    /// For area posts: the root of the subtree covered.
    public var areaID: Int?
    /// For compound posts: the compound covered.
    public var compoundID: Int?

    /// Creates a post.
    public init(kind: StaffPostKind, areaID: Int? = nil, compoundID: Int? = nil) {
        self.kind = kind
        self.areaID = areaID
        self.compoundID = compoundID
    }
}

/// An account was created, or its status or posts changed (`account.changed`).
///
/// Published by the registry's `Accounts` feature. Consumed by every other service into its own
/// `accounts` projection, from which it resolves what a signed-in caller covers.
public struct AccountChanged: DomainEvent, Equatable {
    /// The topic, `account.changed`.
    public static let topic = "account.changed"
    /// The registry's id of the account (the `acct` claim of its tokens).
    public var accountID: Int
    /// Whose account it is.
    public var kind: AccountKind
    /// Its status after the change.
    public var status: AccountStatus
    /// For a resident's account: the resident.
    public var residentID: Int?
    /// For a staff account: the posts held now (empty for residents, and for staff without a post).
    public var posts: [StaffPost]
    /// The account's revision after this change; projections keep the highest they have seen.
    public var revision: Int
    /// `account.changed:{accountID}:{revision}`.
    public var eventID: String { "account.changed:\(accountID):\(revision)" }

    /// Creates the event from its fields.
    public init(accountID: Int, kind: AccountKind, status: AccountStatus, residentID: Int?, posts: [StaffPost], revision: Int) {
        self.accountID = accountID
        self.kind = kind
        self.status = status
        self.residentID = residentID
        self.posts = posts
        self.revision = revision
    }
}

/// A sign-in code was made for a phone and must be sent to it by SMS (`signin.code-issued`).
///
/// Published by the registry's `SignIn` feature. Consumed by notifications, which sends it through
/// the SMS channel at once (never by WeCom or the inbox). The code itself travels here because the
/// SMS needs it; the registry stores only its hash, and the queue's history keeps no payload of this
/// kind (`queue.finished`, JobQueue migration 0002).
public struct SignInCodeIssued: DomainEvent, Equatable {
    /// The topic, `signin.code-issued`.
    public static let topic = "signin.code-issued"
    /// The registry's id of the code.
    public var codeID: Int
    /// The phone to send it to, e.g. `13800000000`.
    public var phone: String
    /// The six digits.
    public var code: String
    /// When it stops being accepted (5 minutes after it was made).
    public var expiresAt: Date
    /// `signin.code-issued:{codeID}`.
    public var eventID: String { "signin.code-issued:\(codeID)" }

    /// Creates the event from its fields.
    public init(codeID: Int, phone: String, code: String, expiresAt: Date) {
        self.codeID = codeID
        self.phone = phone
        self.code = code
        self.expiresAt = expiresAt
    }
}
