import HTTPTypes
import ServiceKit

/// What a resident reads on the activity page when ``RegistrationDesk`` refuses a sign-up or a cancellation
/// for the state of things (closed, not open yet, already signed up, started): the page again with the
/// reason in Chinese and the status a client would get. A missing object or one out of scope is no such
/// message: it stays a 404 page.
enum SignUpRefusal {
    private typealias W = WebStrings.Activity

    /// The message and status for a conflict or a wrong field; `nil` for anything else.
    static func message(for refusal: Refusal) -> (text: String, status: HTTPResponse.Status)? {
        switch refusal.kind {
        case .conflict:
            let text =
                switch refusal.code {
                case "already-registered": W.alreadyRegistered
                case "registration-not-open": W.registrationNotOpen
                case "registration-closed": W.registrationClosed
                case "occurrence-cancelled": W.occurrenceCancelled
                case "not-open": W.notOpen
                case "occurrence-started": W.started
                default: W.refused
                }
            return (text, .conflict)
        case .invalid:
            let text = refusal.fields.contains { $0.field == "residentID" } ? W.notInCompound : W.refused
            return (text, .unprocessableContent)
        case .notFound, .forbidden:
            return nil
        }
    }
}
