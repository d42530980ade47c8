import Foundation
import Models
import Postgres

extension AccountScope {
    /// The principal a projection-backed resolver reads, from one row of these columns, in order:
    /// `kind`, `status`, `resident_id`, `post_kinds` (text[]), `area_ids`, `compound_ids` (bigint[]),
    /// the resident's `household` (bigint, null when none) and the households their open head
    /// assignments `covered` (bigint[]). No row: the service has not consumed the account's
    /// `account.changed` yet.
    ///
    /// Calendar, concerns, notifications and analytics select these from their `accounts`
    /// projection joined with their residents and head assignments, so the mapping is written once.
    /// - Throws: ``ScopeRefusal``.
    public static func principal(for token: Principal, from row: PostgresRow?) throws -> Principal {
        guard let row else { throw ScopeRefusal.unknown }
        let scope = AccountScope(
            kind: try row.decode(0, as: AccountKind.self),
            status: try row.decode(1, as: AccountStatus.self),
            residentID: try row.decode(2, as: Int?.self),
            postKinds: try row.decode(3, as: [String].self).map(StaffPostKind.init(rawValue:)),
            areaIDs: try row.decode(4, as: [Int].self),
            compoundIDs: try row.decode(5, as: [Int].self)
        )
        return try scope.principal(for: token, household: try row.decode(6, as: Int?.self), headHouseholds: try row.decode(7, as: [Int].self))
    }

    /// The `account.changed` fields a projection stores: the post kinds' texts, the area and
    /// compound ids.
    public var postColumns: (kinds: [String], areaIDs: [Int], compoundIDs: [Int]) {
        (postKinds.map(\.rawValue), areaIDs, compoundIDs)
    }
}
