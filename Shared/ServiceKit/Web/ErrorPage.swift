import Foundation
import HTTPTypes
import Hummingbird

/// The Chinese error page a browser gets instead of problem+json: what went wrong in words, the
/// wait for a 429, the request id, and a way back.
enum ErrorPage {
    static let name = "error"

    static let template = """
        <h1>{{heading}}</h1>
        <div class="card">
        <p class="error" role="alert">{{message}}</p>
        {{#fields}}<p class="hint">{{field}}：{{message}}</p>{{/fields}}
        {{#requestID}}<p class="hint">{{requestIDLabel}}：{{requestID}}</p>{{/requestID}}
        <a class="button secondary" href="{{link}}">{{linkText}}</a>
        </div>
        """

    /// The page for `error`.
    static func html(for error: APIError, requestID: String?, signInLink: String) -> String {
        var values: [String: Any] = [
            "heading": WebStrings.Errors.title,
            "message": message(for: error),
            "requestIDLabel": WebStrings.Errors.requestID,
            "link": signInLink,
            "linkText": WebStrings.Errors.backHome,
        ]
        if let requestID { values["requestID"] = requestID }
        if error.status == .unprocessableContent {
            values["fields"] = error.fields.map { ["field": $0.field, "message": $0.message] }
        }
        return WebPages.shared.render(name, title: WebStrings.Errors.title, values)
    }

    /// The sentence for a problem, from its code and status.
    static func message(for error: APIError) -> String {
        if error.code == "csrf" { return WebStrings.Errors.csrf }
        switch error.status.code {
        case 401: return WebStrings.Errors.signInRequired
        case 403: return WebStrings.Errors.forbidden
        case 404: return WebStrings.Errors.notFound
        case 409: return WebStrings.Errors.conflict
        case 413: return WebStrings.Errors.tooLarge
        case 415: return WebStrings.Errors.unsupported
        case 400, 422: return WebStrings.Errors.invalid
        case 429:
            let wait = error.headers[.retryAfter].flatMap(Int.init)
            return WebStrings.Errors.tooMany + (wait.map { "，" + WebStrings.Errors.retryAfter(seconds: $0) } ?? "")
        case 503: return WebStrings.Errors.unavailable
        default: return WebStrings.Errors.internalError
        }
    }
}
