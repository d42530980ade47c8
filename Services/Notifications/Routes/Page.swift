import Hummingbird

/// One page of a list, with the cursor of the next page.
struct Page<Item: Codable & Sendable>: Codable, Sendable, ResponseEncodable {
    var items: [Item]
    var next: String?
}
