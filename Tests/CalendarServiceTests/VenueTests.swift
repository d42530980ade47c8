import Foundation
import Hummingbird
import LinliTestSupport
import Models
import Postgres
import ServiceKit
import Testing

@testable import CalendarService

@Suite("Venues: rooms, capacity, opening hours, clashes")
struct VenueTests {
    struct VenueReply: Decodable {
        struct Room: Decodable {
            let id: Int
            let name: String
        }
        let id: Int
        let rooms: [Room]
    }

    /// 枫林小区's service station, open 08:30–20:30 every day, with a room for 20.
    func station(_ env: CalendarTestEnvironment) async throws -> (venue: Int, room: Int) {
        let hours = (1...7).map { #"{"weekday":\#($0),"opens":"08:30","closes":"20:30"}"# }.joined(separator: ",")
        let created = try await env.send(
            .post,
            "/v1/venues",
            #"{"compoundID":101,"kind":"service-station","name":"枫林党群服务站","address":"枫林路1号","capacity":80,"openingHours":[\#(hours)]}"#,
            as: City.secretary
        )
        guard created.status == .created else { throw TestFailure("venue: \(created.text)") }
        let venue: VenueReply = try created.decode()
        let room = try await env.send(.post, "/v1/venues/\(venue.id)/rooms", #"{"name":"二楼活动室","capacity":20}"#, as: City.secretary)
        guard room.status == .created else { throw TestFailure("room: \(room.text)") }
        return (venue.id, try room.decode(VenueReply.Room.self).id)
    }

    @Test func twoActivitiesCannotBookTheSameRoomAtOnce() async throws {
        let env = try await CalendarTestEnvironment.make()
        let (venue, room) = try await station(env)
        let first = try await env.published(
            "书法班",
            start: Local.at(days: 3, hour: 9),
            extra: #""venueID":\#(venue),"roomID":\#(room),"recurrence":"FREQ=WEEKLY;COUNT=4","capacity":20"#
        )
        #expect(first.venueLabel == "枫林党群服务站 · 二楼活动室（枫林路1号）")
        // The third week overlaps at 10:00.
        let clashing = try await env.draft("合唱团", start: Local.at(days: 17, hour: 10), extra: #""venueID":\#(venue),"roomID":\#(room)"#)
        let refused = try await env.send(.post, "/v1/activities/\(clashing.id)/publish", as: City.secretary)
        #expect(refused.status == .conflict)
        #expect(refused.code == "room-clash")
        #expect(refused.text.contains("书法班"))
        #expect(try await env.send(.get, "/v1/activities/\(clashing.id)", as: City.secretary).decode(ActivityBody.self).state == "draft")
        // After 11:00 the room is free; a cancelled occurrence frees its slot too.
        let after = try await env.draft("合唱团", start: Local.at(days: 17, hour: 11), extra: #""venueID":\#(venue),"roomID":\#(room)"#)
        #expect(try await env.send(.post, "/v1/activities/\(after.id)/publish", as: City.secretary).status == .ok)
        _ = try await env.send(.post, "/v1/activities/\(first.id)/occurrences/\(Local.at(days: 24, hour: 9))/cancel", as: City.secretary)
        let freed = try await env.draft("读书会", start: Local.at(days: 24, hour: 9, minute: 30), extra: #""venueID":\#(venue),"roomID":\#(room)"#)
        #expect(try await env.send(.post, "/v1/activities/\(freed.id)/publish", as: City.secretary).status == .ok)
        // Moving an occurrence onto another activity's slot is refused too.
        let move = try await env.send(
            .patch,
            "/v1/activities/\(after.id)/occurrences/\(Local.at(days: 17, hour: 11))",
            #"{"start":"\#(Local.at(days: 10, hour: 9, minute: 30))"}"#,
            as: City.secretary
        )
        #expect(move.code == "room-clash")
        // Two publications at once cannot both take the room.
        let a = try await env.draft("甲", start: Local.at(days: 40, hour: 9), extra: #""venueID":\#(venue),"roomID":\#(room)"#)
        let b = try await env.draft("乙", start: Local.at(days: 40, hour: 9), extra: #""venueID":\#(venue),"roomID":\#(room)"#)
        let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
            for id in [a.id, b.id] { group.addTask { try await env.send(.post, "/v1/activities/\(id)/publish", as: City.secretary).status } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses.sorted { $0.code < $1.code } == [.ok, .conflict])
    }

    @Test func occurrencesMustFallWithinOpeningHoursAndSeatsWithinTheRoom() async throws {
        let env = try await CalendarTestEnvironment.make()
        let (venue, room) = try await station(env)
        let late = try await env.draft("夜校", start: Local.at(days: 3, hour: 19, minute: 30), extra: #""venueID":\#(venue),"roomID":\#(room)"#)
        let refused = try await env.send(.post, "/v1/activities/\(late.id)/publish", as: City.secretary)
        #expect(refused.status == .unprocessableContent)
        #expect(refused.fields == ["start"])
        let crowded = try await env.send(
            .post,
            "/v1/activities",
            #"{"compoundID":101,"title":"大会","start":"\#(Local.at(days: 3, hour: 9))","venueID":\#(venue),"roomID":\#(room),"capacity":50}"#,
            as: City.secretary
        )
        #expect(crowded.fields == ["capacity"])
        let wrongRoom = try await env.send(
            .post,
            "/v1/activities",
            #"{"compoundID":101,"title":"大会","start":"\#(Local.at(days: 3, hour: 9))","venueID":\#(venue),"roomID":999}"#,
            as: City.secretary
        )
        #expect(wrongRoom.fields == ["roomID"])
        // A venue of another community is not offered.
        let far = try await env.send(
            .post,
            "/v1/venues",
            #"{"compoundID":201,"kind":"hall","name":"湘江礼堂"}"#,
            as: City.otherSecretary
        )
        let farID = try far.decode(VenueReply.self).id
        let foreign = try await env.send(
            .post,
            "/v1/activities",
            #"{"compoundID":101,"title":"大会","start":"\#(Local.at(days: 3, hour: 9))","venueID":\#(farID)}"#,
            as: City.secretary
        )
        #expect(foreign.fields == ["venueID"])
    }

    @Test func venuesAreValidatedAndScoped() async throws {
        let env = try await CalendarTestEnvironment.make()
        let invalid = try await env.send(
            .post,
            "/v1/venues",
            #"{"compoundID":101,"kind":"castle","name":"","capacity":0,"openingHours":[{"weekday":8,"opens":"09:00","closes":"08:00"}]}"#,
            as: City.secretary
        )
        #expect(Set(invalid.fields) == ["kind", "name", "capacity", "openingHours[0].weekday", "openingHours[0]"])
        #expect(try await env.send(.post, "/v1/venues", #"{"compoundID":201,"kind":"hall","name":"x"}"#, as: City.secretary).fields == ["compoundID"])
        let (venue, _) = try await station(env)
        #expect(try await env.send(.get, "/v1/venues/\(venue)", as: City.otherSecretary).status == .notFound)
        #expect(try await env.send(.post, "/v1/venues/\(venue)/rooms", #"{"name":"x"}"#, as: City.otherSecretary).status == .notFound)
        #expect(try await env.send(.get, "/v1/venues", as: City.resident).status == .forbidden)
        struct VenuePage: Decodable { let items: [VenueReply] }
        let mine: VenuePage = try await env.send(.get, "/v1/venues", as: City.secretary).decode()
        #expect(mine.items.map(\.id) == [venue])
        #expect(mine.items.first?.rooms.map(\.name) == ["二楼活动室"])
        let district: VenuePage = try await env.send(.get, "/v1/venues", as: City.district).decode()
        #expect(district.items.map(\.id) == [venue])
        #expect(try await env.send(.post, "/v1/venues/\(venue)/rooms", #"{"name":"","capacity":-1}"#, as: City.secretary).fields.count == 2)
    }
}
