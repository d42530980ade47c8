import Foundation
import Hummingbird
import JobQueue
import Models
import Postgres
import ServiceKit

/// Residents: register, read, correct, move, and their history.
struct ResidentRoutes {
    let runtime: LinliRuntime
    let vault: PersonalDataVault

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/residents") { request, context in
            let principal = try context.requirePrincipal()
            let body = try await request.decodeBody(NewResident.self, context: context)
            let input = try ResidentInput(name: body.name, gender: body.gender, birthYear: body.birthYear, phone: body.phone, idNumber: body.idNumber)
            let resident = try await runtime.jobs.withTransaction { tx, outbox in
                let scope = try Access.requireManage(
                    principal,
                    covers: try RegistryScopes.household(body.householdID, on: tx),
                    "household",
                    orHead: true
                )
                let id = try ResidentStore.insert(input, householdID: body.householdID, compoundID: scope.compoundID ?? 0, vault: vault, on: tx)
                let placement = try RegistryEvents.placement(household: body.householdID, on: tx)
                try outbox.publish(
                    ResidentRegistered(
                        residentID: id,
                        name: input.name,
                        phone: input.phone?.digits,
                        birthYear: input.birthYear,
                        placement: placement,
                        registeredAt: Date(),
                        revision: 1
                    ),
                    correlationID: context.requestID,
                    on: tx
                )
                try outbox.publish(try RegistryEvents.householdChanged(body.householdID, on: tx), correlationID: context.requestID, on: tx)
                return try ResidentStore.find(id, showParty: principal.maySeePersonalData, on: tx)!
            }
            return EditedResponse(status: .created, response: resident)
        }
        router.get("/v1/residents/{id}") { _, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id", as: Int.self)
            return try await runtime.pool.withConnection { tx in
                _ = try Access.require(principal, covers: try RegistryScopes.resident(id, on: tx), "resident")
                guard let resident = try ResidentStore.find(id, showParty: principal.maySeePersonalData, on: tx) else {
                    throw APIError.notFound("resident")
                }
                return resident
            }
        }
        router.patch("/v1/residents/{id}") { request, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id", as: Int.self)
            let patch = try await request.decodeBody(ResidentPatch.self, context: context)
            return try await update(id, patch: patch, principal: principal, correlationID: context.requestID)
        }
        router.get("/v1/residents/{id}/history") { _, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id", as: Int.self)
            return try await runtime.pool.withConnection { tx in
                _ = try Access.require(principal, covers: try RegistryScopes.resident(id, on: tx), "resident")
                return try ResidentStore.history(id, on: tx)
            }
        }
    }

    /// Merges a patch into the stored resident, validates the result and writes it with its event.
    private func update(_ id: Int, patch: ResidentPatch, principal: Principal, correlationID: String?) async throws -> Resident {
        try await runtime.jobs.withTransaction { tx, outbox in
            _ = try Access.requireManage(principal, covers: try RegistryScopes.resident(id, on: tx), "resident", orHead: true)
            guard let current = try ResidentStore.find(id, showParty: false, on: tx) else { throw APIError.notFound("resident") }
            let storedPhone = try ResidentStore.phone(id, vault: vault, on: tx)
            let phone = patch.phone ?? storedPhone
            let input = try ResidentInput(
                name: patch.name ?? current.name,
                gender: patch.gender ?? current.gender,
                birthYear: patch.birthYear ?? current.birthYear,
                phone: phone,
                idNumber: nil
            )
            let revision = try ResidentStore.update(id, with: input, vault: vault, on: tx)
            try outbox.publish(
                ResidentChanged(residentID: id, name: input.name, phone: input.phone?.digits, revision: revision),
                correlationID: correlationID,
                on: tx
            )
            return try ResidentStore.find(id, showParty: principal.maySeePersonalData, on: tx)!
        }
    }
}
