import Foundation
import JobQueue
import Postgres
import ServiceKit

/// A compound's households and residents in and out as CSV rows, for the compound's staff.
struct ImportExportDesk {
    let jobs: JobQueue
    let clock: WallClock
    let vault: PersonalDataVault
    /// The most rows one import takes.
    let limit: Int

    /// Imports the rows of a CSV file (header first) into a compound, in one transaction with their events.
    func importHouseholds(_ rows: [[String]], compoundID: Int, by caller: Caller) async throws -> HouseholdImport.Report {
        let importer = HouseholdImport(vault: vault, compoundID: compoundID, limit: limit, now: clock.now())
        return try await jobs.withTransaction { tx, outbox in
            _ = try Access.requireManage(caller.principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
            return try importer.run(rows, outbox: outbox, correlationID: caller.requestID, on: tx)
        }
    }

    /// Every resident of the compound, as the caller may see them.
    func residents(compoundID: Int, by principal: Principal) async throws -> [Resident] {
        try await jobs.pool.withConnection { tx in
            _ = try Access.requireManage(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
            return try ResidentStore.all(compoundID: compoundID, principal: principal, on: tx)
        }
    }

    /// Every household of the compound with its members.
    func households(compoundID: Int, by principal: Principal) async throws -> [Household] {
        try await jobs.pool.withConnection { tx in
            _ = try Access.requireManage(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
            return try HouseholdStore.households(compoundID: compoundID, ids: nil, after: 0, limit: 100_000, on: tx)
        }
    }
}
