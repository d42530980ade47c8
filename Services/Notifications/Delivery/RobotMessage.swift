import Foundation
import Models

/// The body of a WeCom group robot request (`POST …/cgi-bin/webhook/send?key=KEY`), chosen by content:
///
/// - `news` — a message with a link whose text is short: a card with title, description and link;
/// - `markdown` — text that uses markdown (`**bold**`, `> quote`, `# heading`, `[text](url)`), up to 4,096 bytes;
/// - `text` — anything else, up to 2,048 bytes, with `@all` for urgent kinds.
///
/// Text over its limit is cut at a character boundary with an ellipsis, never mid-character.
public struct RobotMessage: Encodable, Sendable, Equatable {
    /// WeCom's limits, in UTF-8 bytes.
    public static let textLimit = 2_048
    public static let markdownLimit = 4_096
    static let newsTitleLimit = 128
    static let newsDescriptionLimit = 512

    struct Text: Encodable, Equatable {
        var content: String
        var mentionedList: [String]?
        enum CodingKeys: String, CodingKey {
            case content
            case mentionedList = "mentioned_list"
        }
    }
    struct Markdown: Encodable, Equatable { var content: String }
    struct Article: Encodable, Equatable {
        var title: String
        var description: String
        var url: String
    }
    struct News: Encodable, Equatable { var articles: [Article] }

    /// `text`, `markdown` or `news`.
    public let msgtype: String
    var text: Text?
    var markdown: Markdown?
    var news: News?

    /// Chooses the form for a message's robot text.
    /// - Parameters:
    ///   - content: the text the robot template rendered.
    ///   - title: the message's title (a news card's title).
    ///   - link: the message's link, if any.
    ///   - urgent: mention everyone (`@all`) in a text message.
    public init(content: String, title: String, link: String?, urgent: Bool) {
        if let link, !urgent, content.utf8.count <= Self.newsDescriptionLimit, !Self.usesMarkdown(content) {
            msgtype = "news"
            let description = content.replacingOccurrences(of: link, with: "").trimmingCharacters(in: .whitespacesAndNewlines)
            news = News(articles: [
                Article(
                    title: Self.truncate(title, to: Self.newsTitleLimit),
                    description: Self.truncate(description, to: Self.newsDescriptionLimit),
                    url: link
                )
            ])
        } else if Self.usesMarkdown(content) {
            msgtype = "markdown"
            markdown = Markdown(content: Self.truncate(content, to: Self.markdownLimit))
        } else {
            msgtype = "text"
            text = Text(content: Self.truncate(content, to: Self.textLimit), mentionedList: urgent ? ["@all"] : nil)
        }
    }

    /// The byte limit the content will be held to.
    public static func limit(for content: String) -> Int { usesMarkdown(content) ? markdownLimit : textLimit }

    /// Whether the text uses markdown a WeCom robot renders.
    static func usesMarkdown(_ content: String) -> Bool {
        if content.contains("**") || content.range(of: #"\[[^\]]+\]\([^)]+\)"#, options: .regularExpression) != nil { return true }
        return content.split(separator: "\n").contains { line in line.hasPrefix("#") || line.hasPrefix("> ") }
    }

    /// Cuts text to at most `limit` UTF-8 bytes at a character boundary, ending in "…" when cut.
    static func truncate(_ text: String, to limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        let ellipsis = "…"
        var result = ""
        var bytes = 0
        for character in text {
            let size = String(character).utf8.count
            if bytes + size + ellipsis.utf8.count > limit { break }
            result.append(character)
            bytes += size
        }
        return result + ellipsis
    }

    /// The JSON body.
    func encoded() throws -> Data {
        try LinliJSON.makeEncoder().encode(self)
    }
}
