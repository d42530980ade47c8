import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// Turns every event of every service into facts, projections and rollups, each in the
/// transaction that consumes the event (so a redelivered event does nothing twice).
struct EventConsumers: Sendable {
    let places: Places
    let buckets: Buckets
    /// What "now" is: when each fact is recorded.
    let clock: WallClock

    /// Subscribes the analytics queue to every event topic.
    func register(on worker: JobWorker) {
        registerRegistry(on: worker)
        registerCalendar(on: worker)
        registerConcerns(on: worker)
        registerPointsAndNotifications(on: worker)
    }

    /// A fact that only records that something happened (no rollup), at a compound's place.
    func recordPlain(
        kind: String,
        source: Int,
        variant: Int = 0,
        at date: Date?,
        compoundID: Int?,
        areaPath: [Int]?,
        on tx: isolated PostgresConnection
    ) throws {
        let now = clock.now()
        let placeID = try compoundID.map { try places.compoundPlace($0, areaPath: areaPath, on: tx) } ?? 0
        _ = try FactWriter.insert(
            Fact(kind: kind, sourceID: source, variant: variant, occurredAt: date ?? now, recordedAt: now, placeID: placeID),
            on: tx
        )
    }

    /// The place of a resident-level event: where the resident lives now, else their compound's place.
    func residentPlace(_ residentID: Int, compoundID: Int, on tx: isolated PostgresConnection) throws -> Int {
        if let place = try places.residentPlace(residentID, on: tx) { return place }
        return try places.compoundPlace(compoundID, areaPath: nil, on: tx)
    }
}
