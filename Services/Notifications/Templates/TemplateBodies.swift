import Foundation
import Hummingbird

/// A template in force.
struct Template: Codable, Sendable, ResponseEncodable {
    var kind: String
    var channel: String
    var body: String
    /// `default` or `custom`.
    var source: String
    var byteBudget: Int
}

/// A replacement template's text.
struct NewTemplate: Decodable, Sendable { var body: String }

/// What to preview: a kind on a channel, with another text or other values than the saved ones.
struct PreviewRequest: Decodable, Sendable {
    var kind: String
    var channel: String
    var body: String?
    var context: TemplateContext?
}

/// A template rendered, and whether it fits its channel.
struct Preview: Codable, Sendable, ResponseEncodable {
    var rendered: String
    var bytes: Int
    var byteBudget: Int
    var fits: Bool
    /// For the robot: `text`, `markdown` or `news`.
    var robotForm: String?
}
