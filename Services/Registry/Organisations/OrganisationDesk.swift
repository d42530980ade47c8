import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// A compound's organisations (owners' committee, property companies, social organisations),
/// volunteer teams and group chat with its robot, kept by the compound's staff.
struct OrganisationDesk {
    let jobs: JobQueue
    let vault: PersonalDataVault

    /// Adds an organisation (at most one owners' committee) and publishes `compound.changed`.
    func create(_ new: NewOrganisation, compoundID: Int, by caller: Caller) async throws -> Organisation {
        var checks = FieldChecks()
        let kind: OrganisationKind? = checks.vocabulary(new.kind, field: "kind")
        let name = checks.text(new.name, field: "name", max: 100)
        let contact = checks.text(new.contact, field: "contact", required: new.contact != nil, max: 100)
        if let kind, new.redProperty == true, kind != .propertyCompany { checks.fail("redProperty", "applies only to a property company") }
        try checks.check()
        guard let kind, let name else { throw Refusal.invalid(checks.problems) }  // not reached: refused above
        return try await jobs.withTransaction { tx, outbox in
            _ = try Access.requireManage(caller.principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
            if kind == .ownersCommittee, try OrganisationStore.hasOwnersCommittee(compoundID: compoundID, on: tx) {
                throw Refusal.conflict("the compound already has an owners' committee", code: "already-exists")
            }
            let created = try OrganisationStore.insert(
                compoundID: compoundID,
                kind: kind,
                name: name,
                redProperty: new.redProperty ?? false,
                contact: contact,
                on: tx
            )
            try outbox.publish(try RegistryEvents.compoundChanged(compoundID, on: tx), correlationID: caller.requestID, on: tx)
            return created
        }
    }

    func organisations(compoundID: Int, by principal: Principal) async throws -> [Organisation] {
        try await jobs.pool.withConnection { tx in
            _ = try Access.require(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
            return try OrganisationStore.organisations(compoundID: compoundID, on: tx)
        }
    }

    func createTeam(_ new: NewTeam, compoundID: Int, by principal: Principal) async throws -> Team {
        var checks = FieldChecks()
        let name = checks.text(new.name, field: "name", max: 100) ?? ""
        try checks.check()
        return try await jobs.pool.withTransaction { tx in
            _ = try Access.requireManage(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
            let id = try OrganisationStore.insertTeam(compoundID: compoundID, name: name, on: tx)
            return Team(id: id, compoundID: compoundID, name: name, memberIDs: [])
        }
    }

    func teams(compoundID: Int, by principal: Principal) async throws -> [Team] {
        try await jobs.pool.withConnection { tx in
            _ = try Access.require(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
            return try OrganisationStore.teams(compoundID: compoundID, on: tx)
        }
    }

    /// Adds a resident of the team's compound to the team (again is a no-op).
    func addMember(_ new: NewMember, teamID: Int, by principal: Principal) async throws {
        try await jobs.pool.withTransaction { tx in
            guard let compoundID = try OrganisationStore.compoundID(ofTeam: teamID, on: tx) else { throw Refusal.notFound("volunteer team") }
            _ = try Access.requireManage(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "volunteer team")
            guard try RegistryScopes.resident(new.residentID, on: tx)?.compoundID == compoundID else {
                throw Refusal.invalid("residentID", "must be a resident of the team's compound")
            }
            try OrganisationStore.addMember(teamID: teamID, residentID: new.residentID, on: tx)
        }
    }
}
