import Models

/// A four-party council meeting is quorate when each of the four parties is present: the party
/// branch, the owners' committee, the property company and the resident representatives.
enum Quorum {
    /// The parties present, in the canonical order, each once.
    static func partiesPresent(_ attendees: [Attendee]) -> [CouncilParty] {
        let present = Set(attendees.map(\.party))
        return CouncilParty.all.filter { present.contains($0.rawValue) }
    }

    /// Whether every party is present.
    static func isMet(_ attendees: [Attendee]) -> Bool {
        partiesPresent(attendees).count == CouncilParty.all.count
    }

    /// The parties missing, for a refusal that says which.
    static func missing(from present: [String]) -> [CouncilParty] {
        CouncilParty.all.filter { !present.contains($0.rawValue) }
    }
}
