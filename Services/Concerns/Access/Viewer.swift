import Foundation
import Models
import ServiceKit

/// The caller as the concerns service sees them: the token's principal, plus what the projection of
/// the registry and the councils say about them — their household and compound, the households
/// they cover as a head, and the council seats they hold.
struct Viewer: Sendable {
    /// A council seat the caller holds.
    struct Seat: Sendable, Equatable {
        let compoundID: Int
        let party: CouncilParty
    }

    let principal: Principal
    /// The caller's own household and compound (residents and heads known to the registry).
    var household: Int?
    var compound: Int?
    /// Households covered by a current head assignment (and by the token).
    var coveredHouseholds: Set<Int> = []
    /// Compounds of those households.
    var headCompounds: Set<Int> = []
    var seats: [Seat] = []

    /// Whether the caller is staff whose scope covers a place (administrators, district offices, secretaries).
    func isStaff(areaPath: [Int], compoundID: Int) -> Bool {
        principal.manages(ObjectScope(areaPath: areaPath, compoundID: compoundID))
    }

    /// The parties whose seat the caller holds in a compound's council.
    func parties(in compoundID: Int) -> Set<CouncilParty> {
        Set(seats.filter { $0.compoundID == compoundID }.map(\.party))
    }

    /// Compounds whose public side the caller sees: where they live, where they are a head, where they sit on the council.
    var memberCompounds: Set<Int> {
        var compounds = headCompounds.union(seats.map(\.compoundID))
        if let compound { compounds.insert(compound) }
        return compounds
    }

    /// Whether the caller may act for a household: their own (residents) or one they cover (heads).
    func speaksFor(household: Int) -> Bool {
        switch principal.role {
        case .resident: self.household == household && principal.householdIDs.contains(household)
        case .head: coveredHouseholds.contains(household) || self.household == household
        default: false
        }
    }

    /// How much of a concern the caller sees.
    func access(to concern: ConcernRecord) -> ConcernAccess {
        if isStaff(areaPath: concern.areaPath, compoundID: concern.compoundID) { return .staff }
        if let owner = concern.ownerParty, parties(in: concern.compoundID).contains(owner) { return .owner }
        if isOwn(concern) { return .own }
        if memberCompounds.contains(concern.compoundID) { return .publicView }
        return .none
    }

    /// Whether the concern is the caller's: they reported or entered it, or it is about a household they speak for.
    func isOwn(_ concern: ConcernRecord) -> Bool {
        if let resident = principal.residentID, concern.reporterResidentID == resident { return true }
        if concern.raisedBy == principal.subject { return true }
        if let household = concern.householdID, speaksFor(household: household) { return true }
        return false
    }
}

/// How much of a concern a caller sees, from nothing to everything.
enum ConcernAccess: Int, Comparable, Sendable {
    /// Not at all: the concern answers 404.
    case none
    /// Its title, category, state, owner, dates and public updates (residents of the compound).
    case publicView
    /// Also its description, photos, household and reporter's name (the reporter, their household, their head).
    case own
    /// Also its internal updates (the holder of the owner party's council seat).
    case owner
    /// Everything, with the reporter's phone (staff covering the compound).
    case staff

    static func < (lhs: ConcernAccess, rhs: ConcernAccess) -> Bool { lhs.rawValue < rhs.rawValue }
}
