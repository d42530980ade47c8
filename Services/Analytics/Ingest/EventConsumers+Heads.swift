import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

extension EventConsumers {
    func registerHeadsAndChats(on worker: JobWorker) {
        consume(HeadAssigned.self, on: worker) { event, tx in
            let placeID = try places.compoundPlace(event.compoundID, areaPath: nil, on: tx)
            let fact = Fact(
                kind: HeadAssigned.topic,
                sourceID: event.assignmentID,
                occurredAt: event.startsOn,
                recordedAt: clock.now(),
                placeID: placeID,
                residentID: event.residentID,
                quantity: Double(event.householdIDs.count)
            )
            guard try FactWriter.insert(fact, on: tx), event.level == .neighbour else { return }
            try lockAssignment(event.assignmentID, on: tx)
            try lockProjected(.households, event.householdIDs, on: tx)
            // A vacancy that arrived first wins: the assignment is already over.
            try tx.execute(
                """
                INSERT INTO analytics.household_heads (household_id, assignment_id)
                SELECT h, \(event.assignmentID) FROM unnest(\(event.householdIDs)::int8[]) AS h
                WHERE NOT EXISTS (SELECT 1 FROM analytics.vacated_assignments WHERE assignment_id = \(event.assignmentID))
                ON CONFLICT DO NOTHING
                """
            )
            try recomputeHouseholdPlaces(event.householdIDs, on: tx)
        }
        consume(HeadVacated.self, on: worker) { event, tx in
            let placeID = try places.compoundPlace(event.compoundID, areaPath: nil, on: tx)
            let fact = Fact(
                kind: HeadVacated.topic,
                sourceID: event.assignmentID,
                occurredAt: event.endedOn,
                recordedAt: clock.now(),
                placeID: placeID,
                residentID: event.residentID,
                quantity: Double(event.householdIDs.count)
            )
            guard try FactWriter.insert(fact, on: tx), event.level == .neighbour else { return }
            try lockAssignment(event.assignmentID, on: tx)
            try lockProjected(.households, event.householdIDs, on: tx)
            try tx.execute("INSERT INTO analytics.vacated_assignments (assignment_id) VALUES (\(event.assignmentID)) ON CONFLICT DO NOTHING")
            try tx.execute("DELETE FROM analytics.household_heads WHERE assignment_id = \(event.assignmentID)")
            try recomputeHouseholdPlaces(event.householdIDs, on: tx)
        }
        consume(GroupChatChanged.self, on: worker) { event, tx in
            // The robot's webhook is a secret: only whether there is one is kept.
            let placeID = try places.compoundPlace(event.compoundID, areaPath: nil, on: tx)
            let now = clock.now()
            let fact = Fact(
                kind: GroupChatChanged.topic,
                sourceID: event.chatID,
                variant: event.revision,
                occurredAt: now,
                recordedAt: now,
                placeID: placeID,
                quantity: event.robotWebhook == nil ? 0 : 1
            )
            guard try FactWriter.insert(fact, on: tx) else { return }
            try lockProjected(.compounds, [event.compoundID], on: tx)
            try tx.execute(
                """
                INSERT INTO analytics.group_chats AS g (chat_id, compound_id, has_robot, revision)
                VALUES (\(event.chatID), \(event.compoundID), \(event.robotWebhook != nil), \(event.revision))
                ON CONFLICT (chat_id) DO UPDATE SET compound_id = EXCLUDED.compound_id, has_robot = EXCLUDED.has_robot,
                    revision = EXCLUDED.revision
                WHERE g.revision < EXCLUDED.revision
                """
            )
            let compoundPlaces = try tx.query("SELECT place_id FROM analytics.compounds WHERE compound_id = \(event.compoundID)").column(
                "place_id",
                as: Int.self
            )
            try PlaceState.recompute(compoundPlaces, on: tx)
        }
    }

    /// Serialises an assignment's start and end, which may be consumed at the same time in either order.
    func lockAssignment(_ id: Int, on tx: isolated PostgresConnection) throws {
        try tx.execute("SELECT pg_advisory_xact_lock(1004, (\(id) % 2147483647)::int4)")
    }

    /// What a projection lock is taken on.
    enum ProjectedSubject: Int32 {
        case households = 1005
        case compounds = 1006
    }

    /// Serialises, per household (compound), the consumer that projects it and the consumers that find
    /// its place through the projection to recompute gauges (a head's households, a group chat's
    /// compound). Without it, a head assignment consumed while its household's projection is being
    /// written finds no place to recompute, while the household's own recompute cannot see the head's
    /// uncommitted row: both commit and the gauge stays one short. Locks are taken in id order, after
    /// the assignment's and before the places' (`PlaceState.recompute`), so none wait in a cycle.
    func lockProjected(_ subject: ProjectedSubject, _ ids: [Int], on tx: isolated PostgresConnection) throws {
        guard !ids.isEmpty else { return }
        let keys = Set(ids.map { Int32($0 % 2_147_483_647) }).sorted()
        try tx.execute(
            "SELECT count(pg_advisory_xact_lock(\(subject.rawValue)::int4, k)) FROM (SELECT unnest(\(keys)::int4[]) AS k ORDER BY 1) AS sorted",
            prepared: true
        )
    }

    /// Recomputes the gauges of the places these households are in.
    func recomputeHouseholdPlaces(_ households: [Int], on tx: isolated PostgresConnection) throws {
        let placeIDs = try tx.query(
            "SELECT DISTINCT place_id FROM analytics.households WHERE household_id = ANY (\(households)::int8[])"
        ).column("place_id", as: Int.self)
        try PlaceState.recompute(placeIDs, on: tx)
    }
}
