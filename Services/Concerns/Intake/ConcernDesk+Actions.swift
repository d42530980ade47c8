import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

extension ConcernDesk {
    /// Moves a concern through its states. Staff covering the compound acknowledge, refer and close;
    /// staff or the owner party's seat holder start and settle; the reporter (or whoever entered it,
    /// or staff recording a call-back) confirms or reopens.
    func transition(_ id: Int, _ body: TransitionRequest, by principal: Principal, requestID: String?) async throws -> ConcernView {
        guard let action = ConcernAction(rawValue: body.action) else {
            throw Refusal.invalid("action", "must be one of \(ConcernAction.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var checks = FieldChecks()
        let note = checks.text(body.note, field: "note", required: action == .close, max: 2_000)
        checks.choice(body.ownerParty, field: "ownerParty", in: CouncilParty.all.map(\.rawValue), required: false)
        try checks.check()
        let settings = configuration
        return try await jobs.withTransaction { tx, outbox in
            let viewer = try Viewer.load(principal, now: clock.now(), on: tx)
            guard let record = try ConcernStore.concern(id, lock: .update, on: tx) else { throw Refusal.notFound("concern") }
            let access = viewer.access(to: record)
            guard access > .none else { throw Refusal.notFound("concern") }
            try Self.authorise(action, access: access, viewer: viewer, concern: record)
            if action == .acknowledge, body.ownerParty == nil, record.ownerParty == nil {
                throw Refusal.invalid("ownerParty", "is required to acknowledge a concern that has no owner")
            }
            let state = ConcernTransition.check(
                action,
                from: record.state,
                settledAt: record.settledAt,
                confirmedAt: record.confirmedAt,
                now: clock.now(),
                reopenWindow: settings.reopenWindow
            )
            switch state {
            case .failure(let refusal): throw refusal.refusal
            case .success: break
            }
            let owner = action == .acknowledge ? body.ownerParty : nil
            let changed = try ConcernStore.apply(action, to: id, ownerParty: owner, on: tx)
            let isPublic = body.public ?? true
            let party = access == .owner ? record.ownerPartyName : nil
            try ConcernStore.addUpdate(
                to: id,
                state: changed.stateName,
                action: action.rawValue,
                public: isPublic,
                note: note,
                author: principal.subject,
                party: party,
                on: tx
            )
            try ConcernEvents.publish(
                action,
                concern: changed,
                publicNote: isPublic ? note : nil,
                correlationID: requestID,
                outbox: outbox,
                on: tx
            )
            return try view(changed, viewer: viewer, on: tx)
        }
    }

    /// Who may take an action on a concern they can see (403 otherwise).
    static func authorise(_ action: ConcernAction, access: ConcernAccess, viewer: Viewer, concern: ConcernRecord) throws {
        switch action {
        case .acknowledge, .refer, .close:
            guard access == .staff else { throw Refusal.forbidden("only staff covering the compound may \(action.rawValue) a concern") }
        case .start, .settle:
            guard access >= .owner else { throw Refusal.forbidden("only staff or the owner party may \(action.rawValue) a concern") }
        case .confirm, .reopen:
            let principal = viewer.principal
            let isReporter =
                (principal.residentID != nil && concern.reporterResidentID == principal.residentID) || concern.raisedBy == principal.subject
            guard isReporter || access == .staff else {
                throw Refusal.forbidden("only the reporter may \(action.rawValue) a settled concern")
            }
        }
    }

    /// Adds a public or internal note (staff or the owner party); a public note is a change residents are told of.
    func note(_ id: Int, _ body: NoteRequest, by principal: Principal, requestID: String?) async throws -> ConcernView {
        var checks = FieldChecks()
        let note = checks.text(body.note, field: "note", max: 2_000)
        try checks.check()
        return try await jobs.withTransaction { tx, outbox in
            let viewer = try Viewer.load(principal, now: clock.now(), on: tx)
            guard let record = try ConcernStore.concern(id, lock: .update, on: tx) else { throw Refusal.notFound("concern") }
            let access = viewer.access(to: record)
            guard access > .none else { throw Refusal.notFound("concern") }
            guard access >= .owner else { throw Refusal.forbidden("only staff or the owner party add updates") }
            let party = access == .owner ? record.ownerPartyName : nil
            try ConcernStore.addUpdate(
                to: id,
                state: nil,
                action: "note",
                public: body.public,
                note: note,
                author: principal.subject,
                party: party,
                on: tx
            )
            guard body.public else { return try view(record, viewer: viewer, on: tx) }
            let changed = try ConcernStore.touch(id, on: tx)
            try ConcernEvents.updated(changed, publicNote: note, correlationID: requestID, outbox: outbox, on: tx)
            return try view(changed, viewer: viewer, on: tx)
        }
    }

    /// Hands an unsettled concern to another of the four parties (staff only).
    func assign(_ id: Int, _ body: OwnerRequest, by principal: Principal, requestID: String?) async throws -> ConcernView {
        var checks = FieldChecks()
        checks.choice(body.ownerParty, field: "ownerParty", in: CouncilParty.all.map(\.rawValue))
        let note = checks.text(body.note, field: "note", required: false, max: 2_000)
        try checks.check()
        return try await jobs.withTransaction { tx, outbox in
            let viewer = try Viewer.load(principal, now: clock.now(), on: tx)
            guard let record = try ConcernStore.concern(id, lock: .update, on: tx) else { throw Refusal.notFound("concern") }
            let access = viewer.access(to: record)
            guard access > .none else { throw Refusal.notFound("concern") }
            guard access == .staff else { throw Refusal.forbidden("only staff covering the compound assign concerns") }
            guard record.state.isUnsettled else {
                throw Refusal.conflict("a \(record.stateName) concern cannot change hands", code: "wrong-state")
            }
            let changed = try ConcernStore.assign(id, to: body.ownerParty, on: tx)
            try ConcernStore.addUpdate(
                to: id,
                state: changed.stateName,
                action: "assign",
                public: true,
                note: note,
                author: principal.subject,
                party: nil,
                on: tx
            )
            try ConcernEvents.updated(changed, publicNote: note, correlationID: requestID, outbox: outbox, on: tx)
            return try view(changed, viewer: viewer, on: tx)
        }
    }
}
