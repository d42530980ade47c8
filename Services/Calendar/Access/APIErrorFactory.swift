import ServiceKit

/// Shorthands for the calendar's own problem codes.
enum APIErrorFactory {
    static func invalid(_ field: String, _ message: String) -> APIError { .invalid(field, message) }

    /// 409 with a stable code, e.g. `room-clash`, `registration-closed`.
    static func conflict(_ code: String, _ detail: String) -> APIError { .conflict(detail, code: code) }
}
