import Hummingbird

/// Cursor pagination: `?limit=` (1–500, 50 by default) and `?after=` (the last id of the previous page).
public enum Pagination {
    /// The page size asked for.
    public static func limit(_ request: Request, default fallback: Int = 50) throws -> Int {
        guard let text = request.uri.queryParameters["limit"] else { return fallback }
        guard let value = Int(text), (1...500).contains(value) else { throw APIError.invalid("limit", "must be a whole number from 1 to 500") }
        return value
    }

    /// The cursor: the id after which the page starts.
    public static func after(_ request: Request) throws -> Int? {
        guard let text = request.uri.queryParameters["after"] else { return nil }
        guard let value = Int(text), value >= 0 else { throw APIError.invalid("after", "must be the cursor of a previous page") }
        return value
    }
}

/// One page of a list: its items and the cursor of the next page (`nil` on the last), as every
/// list route answers (`{"items": [...], "next": "..."}`).
public struct Page<Item: Encodable & Sendable>: Encodable, Sendable, ResponseEncodable {
    public var items: [Item]
    public var next: String?

    public init(items: [Item], next: String? = nil) {
        self.items = items
        self.next = next
    }
}

extension Page: Decodable where Item: Decodable {}
