import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// The area tree and its compounds: who may read and add them, and the event a new compound publishes.
struct TerritoryDesk {
    let jobs: JobQueue

    /// The areas a principal may see (administrators all, others the subtrees they cover).
    func areas(by principal: Principal) async throws -> [Area] {
        let areas = try await jobs.pool.withConnection { tx in try TerritoryStore.areas(on: tx) }
        return areas.filter { principal.role == .admin || principal.covers(ObjectScope(areaPath: $0.path)) }
    }

    /// Adds an area under a parent the caller covers, one level below it; only an administrator adds a city.
    func createArea(_ new: NewArea, by principal: Principal) async throws -> Area {
        guard principal.has(.admin, .district) else { throw Refusal.forbidden("only administrators and district offices add areas") }
        var checks = FieldChecks()
        let level: AreaLevel? = checks.vocabulary(new.level, field: "level")
        let name = checks.text(new.name, field: "name", max: 100)
        try checks.check()
        guard let level, let name else { throw Refusal.invalid(checks.problems) }  // not reached: refused above
        return try await jobs.pool.withTransaction { tx in
            var parentPath: [Int] = []
            if let parentID = new.parentID {
                guard let parent = try TerritoryStore.area(parentID, on: tx),
                    principal.role == .admin || principal.covers(ObjectScope(areaPath: parent.path))
                else { throw Refusal.invalid("parentID", "no such area") }
                guard level == parent.level.child else {
                    throw Refusal.invalid("level", "a \(parent.level.rawValue) contains \((parent.level.child ?? .community).rawValue) areas")
                }
                parentPath = parent.path
            } else {
                guard principal.role == .admin, level == .city else { throw Refusal.invalid("parentID", "only a city has no parent") }
            }
            return try TerritoryStore.insertArea(parentID: new.parentID, level: level, name: name, parentPath: parentPath, on: tx)
        }
    }

    /// One page of the compounds a principal may see, optionally those under one area.
    func compounds(areaID: Int?, after: Int?, limit: Int, by principal: Principal) async throws -> [Compound] {
        try await jobs.pool.withConnection { tx in
            try TerritoryStore.compounds(CompoundFilter(principal: principal, areaID: areaID), after: after, limit: limit, on: tx)
        }
    }

    /// A compound the principal covers.
    func compound(_ id: Int, by principal: Principal) async throws -> Compound {
        let compound = try await jobs.pool.withConnection { tx in try TerritoryStore.compound(id, on: tx) }
        guard let compound, principal.covers(ObjectScope(areaPath: compound.areaPath, compoundID: compound.id)) else {
            throw Refusal.notFound("compound")
        }
        return compound
    }

    /// Adds a compound to an area the caller covers and publishes `compound.changed`.
    func createCompound(_ new: NewCompound, by caller: Caller) async throws -> Compound {
        let principal = caller.principal
        guard principal.has(.admin, .district) else { throw Refusal.forbidden("only administrators and district offices add compounds") }
        var checks = FieldChecks()
        let name = checks.text(new.name, field: "name", max: 100)
        try checks.check()
        guard let name else { throw Refusal.invalid(checks.problems) }  // not reached: refused above
        return try await jobs.withTransaction { tx, outbox in
            guard let area = try TerritoryStore.area(new.areaID, on: tx),
                principal.covers(ObjectScope(areaPath: area.path)) || principal.role == .admin
            else { throw Refusal.invalid("areaID", "no such area") }
            let compound = try TerritoryStore.insertCompound(new, name: name, area: area, on: tx)
            try outbox.publish(
                CompoundChanged(
                    compoundID: compound.id,
                    name: compound.name,
                    areaPath: compound.areaPath,
                    gridIDs: compound.gridID.map { [$0] } ?? [],
                    hasPartyBranch: false,
                    hasOwnersCommittee: false,
                    hasPropertyCompany: false,
                    hasRedProperty: false,
                    revision: compound.revision
                ),
                correlationID: caller.requestID,
                on: tx
            )
            return compound
        }
    }
}
