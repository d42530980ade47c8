import Foundation
import Models

/// An account as a service's records know it (its `accounts` projection row, or the registry's
/// own tables), and the contract's one role mapping from it to a ``Principal``.
///
/// Posts are kept as three arrays (their kinds, and the area and compound ids they name): that is
/// all the mapping needs, and each is a plain `text[]`/`bigint[]` column in a projection.
public struct AccountScope: Sendable, Equatable {
    public var kind: AccountKind
    public var status: AccountStatus
    /// For a resident's account: the resident.
    public var residentID: Int?
    /// The kinds of the posts held now (staff only).
    public var postKinds: [StaffPostKind]
    /// The area ids the posts name (district-office, subdistrict, community, dashboard).
    public var areaIDs: [Int]
    /// The compound ids the posts name (compound-secretary, first-secretary).
    public var compoundIDs: [Int]

    /// Creates the record from its fields.
    public init(
        kind: AccountKind,
        status: AccountStatus,
        residentID: Int?,
        postKinds: [StaffPostKind] = [],
        areaIDs: [Int] = [],
        compoundIDs: [Int] = []
    ) {
        self.kind = kind
        self.status = status
        self.residentID = residentID
        self.postKinds = postKinds
        self.areaIDs = areaIDs
        self.compoundIDs = compoundIDs
    }

    /// The record an `account.changed` describes.
    public init(_ event: AccountChanged) {
        self.init(
            kind: event.kind,
            status: event.status,
            residentID: event.residentID,
            postKinds: event.posts.map(\.kind),
            areaIDs: event.posts.compactMap(\.areaID),
            compoundIDs: event.posts.compactMap(\.compoundID)
        )
    }

    /// The role a post gives: operator → admin; district office, subdistrict, community →
    /// district; compound secretary, first secretary → secretary; dashboard → dashboard.
    public static func role(of post: StaffPostKind) -> Principal.Role? {
        switch post {
        case .operator: .admin
        case .districtOffice, .subdistrict, .community: .district
        case .compoundSecretary, .firstSecretary: .secretary
        case .dashboard: .dashboard
        default: nil
        }
    }

    /// What the account covers now.
    /// - Parameters:
    ///   - token: the verified token's principal; its `subject` and `accountID` are kept.
    ///   - household: a resident's own household now (`nil` once they left the city).
    ///   - headHouseholds: the households of the resident's open head assignments.
    /// - Throws: ``ScopeRefusal/disabled``, ``ScopeRefusal/noPost`` or ``ScopeRefusal/mixedPosts``.
    public func principal(for token: Principal, household: Int?, headHouseholds: [Int]) throws(ScopeRefusal) -> Principal {
        guard status != .disabled else { throw .disabled }
        if kind == .resident {
            let own = household.map { [$0] } ?? []
            let isHead = !headHouseholds.isEmpty
            return Principal(
                subject: token.subject,
                role: isHead ? .head : .resident,
                householdIDs: isHead ? Array(Set(headHouseholds + own)).sorted() : own,
                residentID: residentID,
                accountID: token.accountID
            )
        }
        let roles = Set(postKinds.compactMap(Self.role(of:)))
        guard let role = roles.first else { throw .noPost }
        guard roles.count == 1 else { throw .mixedPosts }
        return Principal(
            subject: token.subject,
            role: role,
            areaIDs: role == .district || role == .dashboard ? Array(Set(areaIDs)).sorted() : [],
            compoundIDs: role == .secretary ? Array(Set(compoundIDs)).sorted() : [],
            accountID: token.accountID
        )
    }
}
