import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// Keeps the calendar's projection of the registry (compounds, households, residents, heads) from the
/// registry's events. Every handler runs in the transaction that completes its job, and each row
/// remembers the revision it was built from, so a late, older event changes nothing.
struct RegistryProjection {
    let service: CalendarService

    func register(on worker: JobWorker) {
        // A head's or resident's scope follows these: their cached principal is dropped (see ScopeResolverCache).
        let scopes = service.runtime.scopes.cache
        worker.subscribe(CompoundChanged.self) { event, _, tx, _ in
            let isNew = try ProjectionStore.apply(event, on: tx)
            // A compound seen for the first time gets drafts of the themes already published to its area.
            if isNew { try ThemeFanOut.draftsForNewCompound(event.compoundID, now: service.clock.now(), on: tx) }
        }
        worker.subscribe(HouseholdChanged.self) { event, _, tx, _ in try ProjectionStore.apply(event, on: tx) }
        worker.subscribe(ResidentRegistered.self) { event, _, tx, _ in try ProjectionStore.apply(event, on: tx) }
        worker.subscribe(ResidentChanged.self) { event, _, tx, _ in try ProjectionStore.apply(event, on: tx) }
        worker.subscribe(ResidentMoved.self) { event, _, tx, _ in
            try ProjectionStore.apply(event, on: tx)
            scopes.invalidate(residentID: event.residentID)
        }
        worker.subscribe(HeadAssigned.self) { event, _, tx, _ in
            try ProjectionStore.apply(event, on: tx)
            scopes.invalidate(residentID: event.residentID)
        }
        worker.subscribe(HeadVacated.self) { event, _, tx, _ in
            try ProjectionStore.apply(event, on: tx)
            scopes.invalidate(residentID: event.residentID)
        }
    }
}
