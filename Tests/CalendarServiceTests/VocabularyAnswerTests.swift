import Foundation
import Hummingbird
import ServiceKit
import Testing

@testable import CalendarService

/// The calendar's vocabularies in request bodies (a venue's kind, a feed's kind, an occurrence change's
/// scope) are read as text and refused with their own message, not with strict enum decoding's.
@Suite("Unknown vocabulary values keep their hand-written 422")
struct VocabularyAnswerTests {
    /// The problem document without its request id (random per request).
    func document(_ reply: Reply) -> String {
        reply.text.replacingOccurrences(of: #""requestID":"[0-9a-f]+","#, with: "", options: .regularExpression)
    }

    func invalid(_ field: String, _ message: String, at instance: String) -> String {
        #"{"errors":[{"field":"\#(field)","message":"\#(message)"}],"instance":"\#(instance)","status":422,"#
            + #""title":"Some fields are not valid","type":"https://linli.dev/problems/validation-failed"}"#
    }

    @Test func unknownKindsAndScopesAnswerTheirOwnMessage() async throws {
        let env = try await CalendarTestEnvironment.make()
        let venue = try await env.send(.post, "/v1/venues", #"{"compoundID":101,"kind":"castle","name":"礼堂"}"#, as: City.secretary)
        #expect(venue.status == .unprocessableContent)
        #expect(document(venue) == invalid("kind", "must be one of service-station, hall, outdoor, other", at: "/v1/venues"))

        let feed = try await env.send(.post, "/v1/feeds", #"{"kind":"planet","id":1}"#, as: City.admin)
        #expect(feed.status == .unprocessableContent)
        #expect(document(feed) == invalid("kind", "must be compound, theme or resident", at: "/v1/feeds"))

        let start = Local.at(days: 3, hour: 9)
        let activity = try await env.published(start: start, extra: #""recurrence":"FREQ=WEEKLY;COUNT=2""#)
        let path = "/v1/activities/\(activity.id)/occurrences/\(start)"
        let scope = try await env.send(.patch, path, #"{"scope":"all","title":"新标题"}"#, as: City.secretary)
        #expect(scope.status == .unprocessableContent)
        #expect(document(scope) == invalid("scope", "must be this or following", at: path))
    }
}
