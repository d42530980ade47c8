import Foundation
import Models

/// Turns the provider's posts claim into staff posts: `linli:{kind}:{id}` for a post over an area or
/// a compound (`linli:community:7`, `linli:compound-secretary:12`), `linli:operator` for an operator.
///
/// Values without the `linli:` prefix (the provider's other groups) are ignored, and so are
/// malformed ones (an unknown kind, a missing or extra id); the provider is the source of truth, so
/// the account holds exactly the posts named, in the order named, without repeats.
enum OidcPostMapping {
    static let prefix = "linli:"

    /// The posts named by the claim's values.
    static func posts(from values: [String]) -> [StaffPost] {
        var posts: [StaffPost] = []
        for value in values where value.hasPrefix(prefix) {
            guard let post = post(String(value.dropFirst(prefix.count))), !posts.contains(post) else { continue }
            posts.append(post)
        }
        return posts
    }

    private static func post(_ text: String) -> StaffPost? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let kind = StaffPostKind(rawValue: parts[0])
        guard StaffPostKind.all.contains(kind) else { return nil }
        let id = parts.count == 2 ? Int(parts[1]).flatMap { $0 > 0 ? $0 : nil } : nil
        if StaffPostKind.overAreas.contains(kind) { return id.map { StaffPost(kind: kind, areaID: $0) } }
        if StaffPostKind.overCompounds.contains(kind) { return id.map { StaffPost(kind: kind, compoundID: $0) } }
        return parts.count == 1 ? StaffPost(kind: kind) : nil
    }
}
