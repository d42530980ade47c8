import ServiceKit

/// The registry's per-object authorisation: given where an object sits, may the caller see it, and
/// may they change it.
///
/// An object outside the caller's scope is refused as not found (its existence is not revealed); a
/// role that may see the object but not do the action is refused as forbidden.
enum Access {
    /// The object's place, or not found when it does not exist or is outside the caller's scope.
    static func require(_ principal: Principal, covers scope: ObjectScope?, _ what: String) throws -> ObjectScope {
        guard let scope, principal.covers(scope) else { throw Refusal.notFound(what) }
        return scope
    }

    /// As ``require(_:covers:_:)``, and the caller must manage it: staff (see `Principal.isStaff`), or
    /// also a head when `orHead` (heads keep the records of the households they cover).
    static func requireManage(_ principal: Principal, covers scope: ObjectScope?, _ what: String, orHead: Bool = false) throws -> ObjectScope {
        let scope = try require(principal, covers: scope, what)
        guard principal.isStaff || (orHead && principal.role == .head) else {
            throw Refusal.forbidden("a \(principal.role) may not change this \(what)")
        }
        return scope
    }
}
