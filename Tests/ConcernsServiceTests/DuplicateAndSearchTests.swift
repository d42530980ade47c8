import Foundation
import Hummingbird
import HummingbirdTesting
import Models
import ServiceKit
import ServiceTestSupport
import Testing

@Suite("Duplicate suggestions (pg_trgm) and search (a CJK bigram full-text index)")
struct DuplicateAndSearchTests {
    @Test func similarOpenConcernsOfTheSameCompoundAndCategoryAreSuggested() async throws {
        let env = try await ConcernsTestEnvironment.make()
        try await env.test { client in
            let first = try await env.raise(client, as: City.resident1Token, title: "地下车库积水严重")
            let unrelated = try await env.raise(client, as: City.resident1Token, title: "电梯经常停运", category: "elevator")
            let otherCompound = try await env.raise(client, as: City.residentBToken, title: "地下车库积水严重")
            // A second household reports the same problem in other words: the first is suggested.
            let raised = try await env.expect(
                client,
                .post,
                "/v1/concerns",
                as: City.resident2Token,
                json: #"{"category":"water-leak","source":"app","title":"地库积水"}"#,
                status: .created,
                decoding: RaisedBody.self
            )
            #expect(raised.possibleDuplicates.map(\.id) == [first])
            #expect(raised.possibleDuplicates.allSatisfy { $0.similarity >= 0.25 && $0.similarity <= 1 })
            // A different problem in the same category is not suggested.
            let different = try await env.expect(
                client,
                .post,
                "/v1/concerns",
                as: City.resident2Token,
                json: #"{"category":"water-leak","source":"app","title":"楼顶天台漏雨"}"#,
                status: .created,
                decoding: RaisedBody.self
            )
            #expect(different.possibleDuplicates.isEmpty)
            // Before raising: the suggestion endpoint, in the caller's own compound by default.
            let suggestions = try await env.expect(
                client,
                .get,
                "/v1/concerns/duplicates?category=water-leak&title=\(percent("车库积水"))",
                as: City.resident1Token,
                decoding: [RaisedBody.Duplicate].self
            )
            #expect(Set(suggestions.map(\.id)) == [first, raised.concern.id])
            #expect(!suggestions.map(\.id).contains(otherCompound) && !suggestions.map(\.id).contains(unrelated))
            // A settled-and-confirmed concern is no longer suggested.
            try await env.act(client, first, "acknowledge", as: City.secretaryA, extra: #","ownerParty":"property-company""#)
            try await env.act(client, first, "settle", as: City.secretaryA)
            try await env.act(client, first, "confirm", as: City.resident1Token)
            let later = try await env.expect(
                client,
                .get,
                "/v1/concerns/duplicates?category=water-leak&title=\(percent("车库积水"))",
                as: City.resident1Token,
                decoding: [RaisedBody.Duplicate].self
            )
            #expect(later.map(\.id) == [raised.concern.id])
            // Someone outside the compound cannot probe it.
            let probe = try await env.call(
                client,
                .get,
                "/v1/concerns/duplicates?compoundID=\(City.compoundA)&category=water-leak&title=x",
                as: City.residentBToken
            )
            #expect(probe.status == .unprocessableContent)
        }
    }

    @Test func searchFindsChineseWordsWithinTheCallersScope() async throws {
        let env = try await ConcernsTestEnvironment.make()
        try await env.test { client in
            let leak = try await env.raise(client, as: City.resident1Token, title: "地下车库积水严重")
            let lift = try await env.raise(client, as: City.resident2Token, title: "3栋电梯困人", category: "elevator")
            let parking = try await env.raise(
                client,
                as: City.resident2Token,
                title: "消防通道停车",
                category: "parking",
                extra: #","description":"晚上总有车停在消防通道，下雨天还积水""#
            )
            _ = try await env.raise(client, as: City.residentBToken, title: "车库积水")
            func search(_ words: String, as principal: Principal) async throws -> [Int] {
                try await env.expect(client, .get, "/v1/concerns?q=\(percent(words))", as: principal, decoding: ListBody.self).items.map(\.id)
            }
            #expect(try await search("积水", as: City.secretaryA) == [parking, leak])  // title or description, newest first
            #expect(try await search("电梯", as: City.secretaryA) == [lift])
            #expect(try await search("车库积水", as: City.secretaryA) == [leak])
            #expect(try await search("路灯", as: City.secretaryA) == [])
            #expect(try await search("梯", as: City.secretaryA) == [lift])  // a lone character begins a word (梯困)
            #expect(try await search("电梯 困人", as: City.secretaryA) == [lift])  // every word must occur
            // The same words from compound B's secretary find only B's concern.
            let fromB = try await search("积水", as: City.secretaryB)
            #expect(fromB.count == 1 && !fromB.contains(leak))
            let empty = try await env.call(client, .get, "/v1/concerns?q=%EF%BC%8C", as: City.secretaryA)  // only "，"
            #expect(try empty.problem().fieldNames == ["q"])
        }
    }

    func percent(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }
}
