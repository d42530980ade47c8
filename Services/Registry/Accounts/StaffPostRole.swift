import Models
import ServiceKit

/// The one rule turning staff posts into a token role (the sign-in contract): operator → admin;
/// district office, subdistrict, community → district (the posts' areas); compound secretary, first
/// secretary → secretary (the posts' compounds); dashboard → dashboard (the posts' areas).
/// The posts of one account share one role; a mix is refused.
enum StaffPostRole {
    /// The role of one post.
    static func role(of kind: StaffPostKind) -> Principal.Role? {
        switch kind {
        case .operator: .admin
        case .districtOffice, .subdistrict, .community: .district
        case .compoundSecretary, .firstSecretary: .secretary
        case .dashboard: .dashboard
        default: nil
        }
    }

    /// The role the posts share, or `nil` when there are none or they mix roles.
    static func sharedRole(of posts: [StaffPost]) -> Principal.Role? {
        let roles = Set(posts.map { role(of: $0.kind) })
        guard roles.count == 1, let role = roles.first else { return nil }
        return role
    }

    /// Checks a set of posts a staff account is to hold: known kinds, the area or compound each
    /// needs (and not the other), one shared role. A mix of roles is a 409 (`posts-mixed`).
    static func check(_ posts: [StaffPost], field: String = "posts") throws {
        var checks = FieldChecks()
        for (index, post) in posts.enumerated() {
            let place = "\(field)[\(index)]"
            guard role(of: post.kind) != nil else {
                checks.choice(post.kind.rawValue, field: "\(place).kind", in: StaffPostKind.all.map(\.rawValue))
                continue
            }
            let overArea = StaffPostKind.overAreas.contains(post.kind)
            let overCompound = StaffPostKind.overCompounds.contains(post.kind)
            if overArea != (post.areaID != nil) {
                checks.fail("\(place).areaID", overArea ? "is required for this post" : "must be absent for this post")
            }
            if overCompound != (post.compoundID != nil) {
                checks.fail("\(place).compoundID", overCompound ? "is required for this post" : "must be absent for this post")
            }
        }
        try checks.check()
        guard posts.isEmpty || sharedRole(of: posts) != nil else {
            throw Refusal.conflict("the posts of one account must share one role", code: "posts-mixed")
        }
    }

    /// The principal a staff account signs in as, or `nil` when it holds no post (or a mix).
    static func principal(accountID: Int, posts: [StaffPost]) -> Principal? {
        guard let role = sharedRole(of: posts) else { return nil }
        let areas = Array(Set(posts.compactMap(\.areaID))).sorted()
        let compounds = Array(Set(posts.compactMap(\.compoundID))).sorted()
        return Principal(
            subject: "staff:\(accountID)",
            role: role,
            areaIDs: role == .district || role == .dashboard ? areas : [],
            compoundIDs: role == .secretary ? compounds : [],
            accountID: accountID
        )
    }
}
