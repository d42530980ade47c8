import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// Residents: register, read, correct and find them. Staff manage every resident of their compounds;
/// a head, the residents of the households they cover. Every write publishes its event.
struct ResidentDesk {
    let jobs: JobQueue
    let clock: WallClock
    let vault: PersonalDataVault

    /// Registers a resident in a household and publishes `resident.registered` and `household.changed`.
    func register(_ new: NewResident, by caller: Caller) async throws -> Resident {
        let now = clock.now()
        let input = try ResidentInput(
            name: new.name,
            gender: new.gender,
            birthYear: new.birthYear,
            phone: new.phone,
            idNumber: new.idNumber,
            now: now
        )
        let principal = caller.principal
        return try await jobs.withTransaction { tx, outbox in
            let scope = try Access.requireManage(principal, covers: try RegistryScopes.household(new.householdID, on: tx), "household", orHead: true)
            let id = try ResidentStore.insert(input, householdID: new.householdID, compoundID: scope.compoundID ?? 0, vault: vault, on: tx)
            let placement = try RegistryEvents.placement(household: new.householdID, on: tx)
            try outbox.publish(
                ResidentRegistered(
                    residentID: id,
                    name: input.name,
                    phone: input.phone?.digits,
                    birthYear: input.birthYear,
                    placement: placement,
                    registeredAt: now,
                    revision: 1
                ),
                correlationID: caller.requestID,
                on: tx
            )
            try outbox.publish(try RegistryEvents.householdChanged(new.householdID, on: tx), correlationID: caller.requestID, on: tx)
            return try ResidentStore.find(id, showParty: principal.maySeePersonalData, on: tx)!
        }
    }

    /// A resident the principal covers (party membership only for those who may see personal data).
    func resident(_ id: Int, by principal: Principal) async throws -> Resident {
        try await jobs.pool.withConnection { tx in
            _ = try Access.require(principal, covers: try RegistryScopes.resident(id, on: tx), "resident")
            guard let resident = try ResidentStore.find(id, showParty: principal.maySeePersonalData, on: tx) else {
                throw Refusal.notFound("resident")
            }
            return resident
        }
    }

    /// Merges a patch into the stored resident, validates the result and writes it with `resident.changed`.
    func update(_ id: Int, with patch: ResidentPatch, by caller: Caller) async throws -> Resident {
        let now = clock.now()
        let principal = caller.principal
        return try await jobs.withTransaction { tx, outbox in
            _ = try Access.requireManage(principal, covers: try RegistryScopes.resident(id, on: tx), "resident", orHead: true)
            guard let current = try ResidentStore.find(id, showParty: false, on: tx) else { throw Refusal.notFound("resident") }
            let storedPhone = try ResidentStore.phone(id, vault: vault, on: tx)
            let input = try ResidentInput(
                name: patch.name ?? current.name,
                gender: patch.gender ?? current.gender?.rawValue,
                birthYear: patch.birthYear ?? current.birthYear,
                phone: patch.phone ?? storedPhone,
                idNumber: nil,
                now: now
            )
            let revision = try ResidentStore.update(id, with: input, vault: vault, on: tx)
            try outbox.publish(
                ResidentChanged(residentID: id, name: input.name, phone: input.phone?.digits, revision: revision),
                correlationID: caller.requestID,
                on: tx
            )
            return try ResidentStore.find(id, showParty: principal.maySeePersonalData, on: tx)!
        }
    }

    /// Where a resident the principal covers has lived.
    func history(_ id: Int, by principal: Principal) async throws -> [Residency] {
        try await jobs.pool.withConnection { tx in
            _ = try Access.require(principal, covers: try RegistryScopes.resident(id, on: tx), "resident")
            return try ResidentStore.history(id, on: tx)
        }
    }

    /// The residents in the principal's scope that match the filter.
    func search(_ filter: ResidentFilter, by principal: Principal) async throws -> [Resident] {
        try await jobs.pool.withConnection { tx in try ResidentStore.search(filter, principal: principal, on: tx) }
    }
}
