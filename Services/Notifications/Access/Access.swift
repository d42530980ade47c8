import Foundation
import ServiceKit

/// Who may do what here: staff (administrators, district offices, secretaries) manage messages
/// within their part of the city; a resident sees only their own inbox and preferences. Where
/// they may do it is ``CompoundScope``'s part.
enum Access {
    /// The principal, if staff; else forbidden.
    static func staff(_ principal: Principal) throws -> Principal {
        guard principal.isStaff else { throw Refusal.forbidden("only staff manage notifications") }
        return principal
    }

    /// The principal, if an administrator; else forbidden.
    static func admin(_ principal: Principal) throws -> Principal {
        guard principal.has(.admin) else { throw Refusal.forbidden("only administrators change this") }
        return principal
    }

    /// The resident the principal is, or forbidden for a token that is not a person's.
    static func resident(_ principal: Principal) throws -> Int {
        guard let resident = principal.residentID else { throw Refusal.forbidden("only a resident has an inbox") }
        return resident
    }
}
