import ServiceKit

extension RegistryService {
    /// The registry's unique constraints that a request can run into, and the 409 each answers; any
    /// other unique violation is our fault and answers 500 (see `DuplicateProblems`).
    static let duplicates: [String: DuplicateProblems.Duplicate] = [
        "compounds_area_id_name_key": .init(code: "compound-exists", detail: "the area already has a compound of this name"),
        "buildings_compound_id_name_key": .init(code: "building-exists", detail: "the compound already has a building of this name"),
        "households_dwelling": .init(code: "household-exists", detail: "the dwelling already has a household"),
        "residents_id_number": .init(code: "resident-exists", detail: "a resident with this ID number is already registered"),
        "party_branches_compound_id_key": .init(code: "branch-exists", detail: "the compound already has a party branch"),
        "party_groups_branch_id_name_key": .init(code: "party-group-exists", detail: "the branch already has a party group of this name"),
        "member_checkins_resident_id_compound_id_key": .init(
            code: "already-checked-in",
            detail: "the member has already checked in at this compound"
        ),
        "head_units_compound_id_level_name_key": .init(code: "unit-exists", detail: "the compound already has a unit of this level and name"),
        "unit_households_household_id_key": .init(code: "household-linked", detail: "the household is already linked to a unit"),
        "head_assignments_open": .init(code: "unit-has-head", detail: "the unit already has a head; end that assignment first"),
        "organisations_one_committee": .init(code: "already-exists", detail: "the compound already has an owners' committee"),
        "volunteer_teams_compound_id_name_key": .init(code: "team-exists", detail: "the compound already has a volunteer team of this name"),
        "group_chats_compound_id_key": .init(code: "group-chat-exists", detail: "the compound already has a group chat"),
        "points_entries_reverses_entry_id_key": .init(code: "already-reversed", detail: "this points entry has already been reversed"),
    ]
}
