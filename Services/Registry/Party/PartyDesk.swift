import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// Party organisation: a branch per compound, party groups per building, members (restricted to
/// those who may see personal data), and in-office members registering at their home compound
/// (在职党员进小区报到).
struct PartyDesk {
    let jobs: JobQueue
    let clock: WallClock

    /// Sets up or changes the compound's branch and publishes `compound.changed`.
    func setBranch(_ body: BranchBody, compoundID: Int, by caller: Caller) async throws -> Branch {
        var checks = FieldChecks()
        let name = checks.text(body.name, field: "name", max: 100) ?? ""
        try checks.check()
        return try await jobs.withTransaction { tx, outbox in
            _ = try Access.requireManage(caller.principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
            if let secretary = body.secretaryResidentID, try RegistryScopes.resident(secretary, on: tx)?.compoundID != compoundID {
                throw Refusal.invalid("secretaryResidentID", "must be a resident of the compound")
            }
            try PartyStore.upsertBranch(compoundID: compoundID, name: name, secretaryResidentID: body.secretaryResidentID, on: tx)
            try outbox.publish(try RegistryEvents.compoundChanged(compoundID, on: tx), correlationID: caller.requestID, on: tx)
            return try Self.branch(compoundID: compoundID, on: tx)
        }
    }

    func branch(compoundID: Int, by principal: Principal) async throws -> Branch {
        try await jobs.pool.withConnection { tx in
            _ = try Access.requireManage(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
            return try Self.branch(compoundID: compoundID, on: tx)
        }
    }

    /// Adds a group to the compound's branch (in one of its buildings, if given).
    func addGroup(_ body: GroupBody, compoundID: Int, by principal: Principal) async throws -> Branch {
        var checks = FieldChecks()
        let name = checks.text(body.name, field: "name", max: 100) ?? ""
        try checks.check()
        return try await jobs.pool.withTransaction { tx in
            _ = try Access.requireManage(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
            guard let branchID = try PartyStore.branchID(compoundID: compoundID, on: tx) else {
                throw Refusal.conflict("set up the compound's party branch first", code: "no-branch")
            }
            if let building = body.buildingID, !(try HouseholdStore.building(building, isIn: compoundID, on: tx)) {
                throw Refusal.invalid("buildingID", "is not a building of this compound")
            }
            try PartyStore.insertGroup(branchID: branchID, buildingID: body.buildingID, name: name, on: tx)
            return try Self.branch(compoundID: compoundID, on: tx)
        }
    }

    /// Records a resident's membership of a branch the caller covers; restricted to those who may see personal data.
    func setMembership(_ body: MembershipBody, residentID: Int, by principal: Principal) async throws {
        try await jobs.pool.withTransaction { tx in
            _ = try Access.requireManage(principal, covers: try RegistryScopes.resident(residentID, on: tx), "resident")
            guard principal.maySeePersonalData else { throw Refusal.forbidden("party membership is restricted") }
            guard let branchCompound = try PartyStore.compoundID(ofBranch: body.branchID, on: tx),
                principal.covers(try RegistryScopes.compound(branchCompound, on: tx) ?? ObjectScope())
            else { throw Refusal.invalid("branchID", "no such party branch") }
            try PartyStore.upsertMember(residentID: residentID, body, on: tx)
        }
    }

    /// An in-office member checks in at their home compound (themselves, or the compound's staff for
    /// them) and `member.checked-in` is published.
    func checkIn(_ body: CheckInBody, by caller: Caller) async throws -> CheckInReceipt {
        var checks = FieldChecks()
        let pledges = body.pledges.enumerated().compactMap { index, pledge in checks.text(pledge, field: "pledges[\(index)]", max: 100) }
        if body.pledges.count > 20 { checks.fail("pledges", "at most 20") }
        try checks.check()
        let now = clock.now()
        let principal = caller.principal
        let id = try await jobs.withTransaction { tx, outbox in
            let scope = try Access.require(principal, covers: try RegistryScopes.resident(body.residentID, on: tx), "resident")
            guard principal.residentID == body.residentID || principal.isStaff else {
                throw Refusal.forbidden("a member registers themselves, or staff record it")
            }
            guard scope.compoundID == body.compoundID else { throw Refusal.invalid("compoundID", "must be the member's home compound") }
            guard try PartyStore.isInOfficeMember(body.residentID, on: tx) else {
                throw Refusal.invalid("residentID", "is not recorded as an in-office party member")
            }
            let id = try PartyStore.checkIn(residentID: body.residentID, compoundID: body.compoundID, pledges: pledges, on: tx)
            try outbox.publish(
                MemberCheckedIn(checkInID: id, residentID: body.residentID, compoundID: body.compoundID, pledges: pledges, at: now),
                correlationID: caller.requestID,
                on: tx
            )
            return id
        }
        return CheckInReceipt(id: id)
    }

    /// The compound's check-ins, for its staff.
    func checkIns(compoundID: Int, by principal: Principal) async throws -> [CheckIn] {
        try await jobs.pool.withConnection { tx in
            _ = try Access.requireManage(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
            return try PartyStore.checkIns(compoundID: compoundID, on: tx)
        }
    }

    private static func branch(compoundID: Int, on tx: isolated PostgresConnection) throws -> Branch {
        guard let branch = try PartyStore.branch(compoundID: compoundID, on: tx) else { throw Refusal.notFound("party branch") }
        return branch
    }
}
