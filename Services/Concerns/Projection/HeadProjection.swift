import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// The heads' assignments, from `head.assigned` and `head.vacated` (which may arrive in either order).
enum HeadProjection {
    /// - Parameter scopes: the cached sign-in scopes; the head's is dropped on each change (see ``ScopeResolverCache``).
    static func register(on worker: JobWorker, scopes: ScopeResolverCache? = nil) {
        worker.subscribe(HeadAssigned.self) { event, _, tx, _ in
            try tx.execute(
                """
                INSERT INTO concerns.head_assignments (id, level, resident_id, compound_id, household_ids, starts_on, ends_on)
                VALUES (\(event.assignmentID), \(event.level.rawValue), \(event.residentID), \(event.compoundID), \(event.householdIDs),
                        \(event.startsOn), \(event.endsOn))
                ON CONFLICT (id) DO UPDATE SET level = EXCLUDED.level, resident_id = EXCLUDED.resident_id,
                    compound_id = EXCLUDED.compound_id, household_ids = EXCLUDED.household_ids, starts_on = EXCLUDED.starts_on,
                    ends_on = EXCLUDED.ends_on
                """
            )
            scopes?.invalidate(residentID: event.residentID)
        }
        worker.subscribe(HeadVacated.self) { event, _, tx, _ in
            try tx.execute(
                """
                INSERT INTO concerns.head_assignments (id, level, resident_id, compound_id, household_ids, starts_on, vacated_on)
                VALUES (\(event.assignmentID), \(event.level.rawValue), \(event.residentID), \(event.compoundID), \(event.householdIDs),
                        \(event.endedOn), \(event.endedOn))
                ON CONFLICT (id) DO UPDATE SET vacated_on = EXCLUDED.vacated_on
                """
            )
            scopes?.invalidate(residentID: event.residentID)
        }
    }
}
