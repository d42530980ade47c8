import Postgres
import ServiceKit

/// The part of the city a caller may read aggregates of.
///
/// `admin` and `dashboard` read everything; `district` its area subtrees; `secretary` its
/// compounds; heads and residents read no aggregates (403).
struct AnalyticsScope: Sendable {
    let everything: Bool
    let areaIDs: [Int]
    let compoundIDs: [Int]

    init(_ principal: Principal) throws {
        switch principal.role {
        case .admin, .dashboard: (everything, areaIDs, compoundIDs) = (true, [], [])
        case .district: (everything, areaIDs, compoundIDs) = (false, principal.areaIDs, [])
        case .secretary: (everything, areaIDs, compoundIDs) = (false, [], principal.compoundIDs)
        default: throw Refusal.forbidden("analytics are for district and compound staff and dashboards")
        }
    }

    /// The condition on a place row `p` (and the request's own area and compound filters).
    func condition(area: Int?, compound: Int?) -> SQL {
        """
        (\(everything) OR p.area_path && \(areaIDs)::int8[] OR p.compound_id = ANY (\(compoundIDs)::int8[]))
        AND (\(area)::int8 IS NULL OR \(area)::int8 = ANY (p.area_path))
        AND (\(compound)::int8 IS NULL OR p.compound_id = \(compound)::int8)
        """
    }

    /// Whether an area or compound filter names something inside the scope (if not, the request is a 404).
    func admits(area: Int?, compound: Int?, on connection: isolated PostgresConnection) throws -> Bool {
        guard area != nil || compound != nil else { return true }
        return try connection.query(
            "SELECT EXISTS (SELECT 1 FROM analytics.places p WHERE p.id <> 0 AND \(condition(area: area, compound: compound)))"
        )
        .scalar(Bool.self) ?? false
    }
}
