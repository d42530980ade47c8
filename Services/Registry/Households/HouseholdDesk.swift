import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// Buildings and households of a compound: staff of the compound add and dissolve them, and every
/// change to a household publishes `household.changed`.
struct HouseholdDesk {
    let jobs: JobQueue

    func addBuilding(_ new: NewBuilding, compoundID: Int, by principal: Principal) async throws -> Building {
        var checks = FieldChecks()
        let name = checks.text(new.name, field: "name", max: 50)
        try checks.check()
        return try await jobs.pool.withTransaction { tx in
            _ = try Access.requireManage(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
            return try HouseholdStore.insertBuilding(compoundID: compoundID, name: name ?? "", on: tx)
        }
    }

    func buildings(compoundID: Int, by principal: Principal) async throws -> [Building] {
        try await jobs.pool.withConnection { tx in
            _ = try Access.require(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
            return try HouseholdStore.buildings(compoundID: compoundID, on: tx)
        }
    }

    /// Registers a household at a dwelling (in one of the compound's buildings, if given).
    func createHousehold(_ new: NewHousehold, by caller: Caller) async throws -> Household {
        var checks = FieldChecks()
        let dwelling = checks.text(new.dwelling, field: "dwelling", max: 50) ?? ""
        try checks.check()
        return try await jobs.withTransaction { tx, outbox in
            _ = try Access.requireManage(caller.principal, covers: try RegistryScopes.compound(new.compoundID, on: tx), "compound")
            if let building = new.buildingID, !(try HouseholdStore.building(building, isIn: new.compoundID, on: tx)) {
                throw Refusal.invalid("buildingID", "is not a building of this compound")
            }
            let id = try HouseholdStore.insertHousehold(compoundID: new.compoundID, buildingID: new.buildingID, dwelling: dwelling, on: tx)
            try outbox.publish(try RegistryEvents.householdChanged(id, on: tx), correlationID: caller.requestID, on: tx)
            return try HouseholdStore.households(compoundID: nil, ids: [id], after: 0, limit: 1, on: tx)[0]
        }
    }

    func household(_ id: Int, by principal: Principal) async throws -> Household {
        try await jobs.pool.withConnection { tx in
            _ = try Access.require(principal, covers: try RegistryScopes.household(id, on: tx), "household")
            return try HouseholdStore.households(compoundID: nil, ids: [id], after: 0, limit: 1, on: tx)[0]
        }
    }

    /// A page of a compound's households: heads see the households they cover, staff their compounds' households.
    func households(compoundID: Int, after: Int, limit: Int, by principal: Principal) async throws -> [Household] {
        try await jobs.pool.withConnection { tx in
            guard let scope = try RegistryScopes.compound(compoundID, on: tx) else { throw Refusal.notFound("compound") }
            let ids: [Int]? = principal.role == .head ? principal.householdIDs : nil
            guard principal.role == .head || principal.covers(scope) else { throw Refusal.notFound("compound") }
            return try HouseholdStore.households(compoundID: compoundID, ids: ids, after: after, limit: limit, on: tx)
        }
    }

    /// Dissolves an empty household.
    func dissolve(_ id: Int, by caller: Caller) async throws {
        try await jobs.withTransaction { tx, outbox in
            _ = try Access.requireManage(caller.principal, covers: try RegistryScopes.household(id, on: tx), "household")
            let members = try HouseholdStore.memberCount(id, on: tx)
            guard members == 0 else { throw Refusal.conflict("move its \(members) members out first", code: "household-not-empty") }
            try HouseholdStore.dissolve(id, on: tx)
            try outbox.publish(try RegistryEvents.householdChanged(id, on: tx), correlationID: caller.requestID, on: tx)
        }
    }
}
