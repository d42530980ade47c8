import Foundation
import Hummingbird
import Models

/// An account as the registry's account routes and `GET /v1/auth/me` show it: whose it is, its
/// status and, for staff, the posts it holds now. Never a credential.
struct AccountView: Codable, Sendable, Equatable, ResponseEncodable {
    var id: Int
    var kind: AccountKind
    var status: AccountStatus
    var displayName: String
    /// For a resident's account: the resident.
    var residentID: Int?
    /// The posts held now (empty for residents).
    var posts: [StaffPost]
    var revision: Int
    var createdAt: Date

    /// The event announcing the account as it is now.
    var changed: AccountChanged {
        AccountChanged(accountID: id, kind: kind, status: status, residentID: residentID, posts: posts, revision: revision)
    }
}

/// The body of `POST /v1/accounts`: a staff account with its posts and, optionally, the identities
/// it signs in with (an OpenID Connect subject, a staff login name).
struct NewStaffAccount: Codable, Sendable {
    var displayName: String
    var posts: [StaffPost]
    var identities: [AccountIdentity]?
}

/// One external identity of an account (`provider` phone|oidc|wechat|password, `subject`).
struct AccountIdentity: Codable, Sendable, Equatable {
    var provider: IdentityProvider
    var subject: String
}

/// Where an identity comes from; the values are those of `registry.account_identities.provider`.
enum IdentityProvider: String, Codable, Sendable, CaseIterable {
    case phone, oidc, wechat, password
}

/// The body of `PUT /v1/accounts/{id}/posts`: the posts the account holds from now on.
struct AccountPosts: Codable, Sendable {
    var posts: [StaffPost]
}

/// The filter of `GET /v1/accounts`.
struct AccountQuery: Sendable {
    var kind: AccountKind?
    var status: AccountStatus?
    var limit: Int
    var after: Int?
}
