import Foundation
import Hummingbird
import JobQueue
import Models
import Postgres
import ServiceKit
import Testing

@testable import CalendarService

@Suite("Registration: channels, reserved seats, the window, the FIFO waitlist, exact capacity")
struct RegistrationTests {
    @Test func residentsSignUpThemselvesAndHeadsOnlyForTheHouseholdsTheyCover() async throws {
        let env = try await CalendarTestEnvironment.make()
        let start = Local.at(days: 6, hour: 9)
        let activity = try await env.published(start: start, extra: #""capacity":10"#)
        let own = try await env.register(activity.id, start, resident: 5001, as: City.resident)
        #expect(own.status == .created)
        let registration: RegistrationBody = try own.decode()
        #expect(registration.channel == "self")
        #expect(registration.status == "confirmed")
        #expect(registration.registeredBy == nil)
        #expect(registration.checkInCode.count == 6)
        #expect(registration.checkInCode.allSatisfy { "34679ACDEFGHJKMNPQRTUVWXY".contains($0) })
        #expect(registration.qrPayload == "linli-checkin:v1:\(registration.occurrenceID):\(registration.checkInCode)")
        // A resident cannot sign up a neighbour.
        #expect(try await env.register(activity.id, start, resident: 5002, as: City.resident).status == .notFound)
        // The head signs up 5002, whose household they cover: a proxy sign-up in their name.
        let proxy = try await env.register(activity.id, start, resident: 5002, as: City.head)
        #expect(proxy.status == .created)
        let proxied: RegistrationBody = try proxy.decode()
        #expect(proxied.channel == "proxy")
        #expect(proxied.registeredBy == 5010)
        // …but not 5003, whose household they do not cover (per the projection, whatever the token says).
        let uncovered = Principal(subject: "resident:5010", role: .head, householdIDs: [1001, 1002, 1003], residentID: 5010)
        #expect(try await env.register(activity.id, start, resident: 5003, as: uncovered).status == .notFound)
        // A resident of another compound does not see the activity at all.
        #expect(try await env.register(activity.id, start, resident: 6001, as: City.outsider).status == .notFound)
        // Staff sign up anyone of the compound, as proxy or walk-in, never as "self".
        let walkIn = try await env.register(activity.id, start, resident: 5003, as: City.secretary, channel: "walk-in")
        #expect(try walkIn.decode(RegistrationBody.self).channel == "walk-in")
        #expect(try await env.register(activity.id, start, resident: 6001, as: City.admin).fields == ["residentID"])
        #expect(try await env.register(activity.id, start, resident: 5010, as: City.secretary, channel: "self").fields == ["channel"])
        // Twice is a conflict.
        let twice = try await env.register(activity.id, start, resident: 5001, as: City.resident)
        #expect(twice.status == .conflict)
        #expect(twice.code == "already-registered")
        // An occurrence that does not exist is a 404.
        #expect(try await env.register(activity.id, Local.at(days: 6, hour: 10), resident: 5010, as: City.secretary).status == .notFound)
        // Each sign-up published registration.created in its transaction.
        let created = try await env.events(RegistrationCreated.self)
        #expect(created.map(\.registration.channel) == [.selfService, .proxy, .walkIn])
        #expect(created.map(\.status) == [.confirmed, .confirmed, .confirmed])
        #expect(created[1].registration.registeredBy == 5010)
        #expect(created[0].registration.occurrenceStart == Local.instant(start))
        // The head sees the sign-ups of their households only, without phones; staff see phones.
        let headView: RosterBody = try await env.send(.get, "/v1/activities/\(activity.id)/occurrences/\(start)/registrations", as: City.head)
            .decode()
        #expect(Set(headView.items.map(\.residentID)) == [5001, 5002])
        #expect(headView.items.allSatisfy { $0.phone == nil })
        let staffView: RosterBody = try await env.send(.get, "/v1/activities/\(activity.id)/occurrences/\(start)/registrations", as: City.secretary)
            .decode()
        #expect(staffView.items.count == 3)
        #expect(staffView.items.allSatisfy { $0.phone != nil })
        #expect(try await env.send(.get, "/v1/activities/\(activity.id)/occurrences/\(start)/registrations", as: City.resident).status == .forbidden)
        // The registration itself: its resident, the head and staff see it; an outsider does not.
        #expect(try await env.send(.get, "/v1/registrations/\(proxied.id)", as: City.neighbour).status == .ok)
        #expect(try await env.send(.get, "/v1/registrations/\(proxied.id)", as: City.head).status == .ok)
        #expect(try await env.send(.get, "/v1/registrations/\(proxied.id)", as: City.resident).status == .notFound)
        #expect(try await env.send(.post, "/v1/registrations/\(proxied.id)/cancel", as: City.outsider).status == .notFound)
    }

    @Test func reservedSeatsAreKeptForProxySignUps() async throws {
        let env = try await CalendarTestEnvironment.make()
        try await env.seedResidents(4, from: 7001)
        let start = Local.at(days: 6, hour: 9)
        let activity = try await env.published(start: start, extra: #""capacity":3,"reservedSeats":1"#)
        // Two general seats: the third self sign-up waits although a (reserved) seat is free.
        for resident in [7001, 7002] {
            #expect(
                try await env.register(activity.id, start, resident: resident, as: City.secretary, channel: "walk-in").decode(RegistrationBody.self)
                    .status == "confirmed"
            )
        }
        let waiting: RegistrationBody = try await env.register(activity.id, start, resident: 5001, as: City.resident).decode()
        #expect(waiting.status == "waitlisted")
        #expect(waiting.waitlistPosition == 1)
        // A head's proxy sign-up takes the reserved seat.
        let proxy: RegistrationBody = try await env.register(activity.id, start, resident: 5002, as: City.head).decode()
        #expect(proxy.status == "confirmed")
        #expect(try await env.count("SELECT count(*) FROM calendar.seats WHERE reserved AND registration_id = \(proxy.id)") == 1)
    }

    @Test func theRegistrationWindowOpensAndClosesRelativeToEachOccurrence() async throws {
        let env = try await CalendarTestEnvironment.make()
        let start = Local.at(days: 10, hour: 9)
        let activity = try await env.published(start: start, extra: #""registrationOpensDaysBefore":3,"registrationClosesMinutesBefore":120"#)
        let early = try await env.register(activity.id, start, resident: 5001, as: City.resident)
        #expect(early.status == .conflict)
        #expect(early.code == "registration-not-open")
        let opened = env.at { Local.instant(start).addingTimeInterval(-2 * 86_400) }
        #expect(try await opened.register(activity.id, start, resident: 5001, as: City.resident).status == .created)
        let closed = env.at { Local.instant(start).addingTimeInterval(-3_600) }
        let late = try await closed.register(activity.id, start, resident: 5002, as: City.neighbour)
        #expect(late.code == "registration-closed")
        // A walk-in at the door is not bound by the window.
        #expect(try await closed.register(activity.id, start, resident: 5002, as: City.secretary, channel: "walk-in").status == .created)
    }

    @Test func cancellingPromotesTheFirstOnTheWaitlistAndCancellingTwiceChangesNothing() async throws {
        let env = try await CalendarTestEnvironment.make()
        try await env.seedResidents(5, from: 7001)
        let start = Local.at(days: 6, hour: 9)
        let activity = try await env.published(start: start, extra: #""capacity":2"#)
        var ids: [Int] = []
        for resident in 7001...7005 {
            ids.append(try await env.register(activity.id, start, resident: resident, as: City.secretary).decode(RegistrationBody.self).id)
        }
        let first: RegistrationBody = try await env.send(.get, "/v1/registrations/\(ids[2])", as: City.secretary).decode()
        #expect(first.status == "waitlisted")
        #expect(first.waitlistPosition == 1)
        let cancelled = try await env.send(.post, "/v1/registrations/\(ids[0])/cancel", as: City.secretary)
        #expect(try cancelled.decode(RegistrationBody.self).status == "cancelled")
        let promoted: RegistrationBody = try await env.send(.get, "/v1/registrations/\(ids[2])", as: City.secretary).decode()
        #expect(promoted.status == "confirmed")
        let next: RegistrationBody = try await env.send(.get, "/v1/registrations/\(ids[3])", as: City.secretary).decode()
        #expect(next.waitlistPosition == 1)
        #expect(try await env.events(RegistrationPromoted.self).map(\.registration.registrationID) == [ids[2]])
        // Again: no second cancellation, no second promotion.
        #expect(try await env.send(.post, "/v1/registrations/\(ids[0])/cancel", as: City.secretary).status == .ok)
        #expect(try await env.published(RegistrationCancelled.topic) == 1)
        #expect(try await env.published(RegistrationPromoted.topic) == 1)
        // A waitlisted sign-up cancelled frees no seat and promotes nobody.
        _ = try await env.send(.post, "/v1/registrations/\(ids[4])/cancel", as: City.secretary)
        #expect(try await env.published(RegistrationPromoted.topic) == 1)
        // The resident cancels their own sign-up.
        let own: RegistrationBody = try await env.register(activity.id, start, resident: 5001, as: City.resident).decode()
        #expect(try await env.send(.post, "/v1/registrations/\(own.id)/cancel", as: City.resident).status == .ok)
    }

    @Test func twoCancellationsAtOncePromoteTheFirstTwoInLine() async throws {
        let env = try await CalendarTestEnvironment.make()
        try await env.seedResidents(8, from: 7001)
        let start = Local.at(days: 6, hour: 9)
        let activity = try await env.published(start: start, extra: #""capacity":4"#)
        var ids: [Int] = []
        for resident in 7001...7008 {
            ids.append(try await env.register(activity.id, start, resident: resident, as: City.secretary).decode(RegistrationBody.self).id)
        }
        // Both confirmed registrations cancel at the same moment.
        let cancellations = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
            for id in ids[0...1] {
                group.addTask { try await env.send(.post, "/v1/registrations/\(id)/cancel", as: City.secretary).status }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(cancellations == [.ok, .ok])
        let rows = try await env.pool.query("SELECT id, status FROM calendar.registrations ORDER BY id")
        let statuses = Dictionary(
            uniqueKeysWithValues: try rows.map { (try $0.decode("id", as: Int.self), try $0.decode("status", as: String.self)) }
        )
        #expect(statuses[ids[4]] == "confirmed")
        #expect(statuses[ids[5]] == "confirmed")
        #expect(ids[6...].allSatisfy { statuses[$0] == "waitlisted" })
        #expect(Set(try await env.events(RegistrationPromoted.self).map(\.registration.registrationID)) == [ids[4], ids[5]])
        #expect(try await env.count("SELECT count(*) FROM calendar.seats WHERE registration_id IS NOT NULL") == 4)
    }

    @Test func fiftyConcurrentSignUpsFillExactlyTheCapacityAndWaitlistTheRestInOrder() async throws {
        let env = try await CalendarTestEnvironment.make()
        try await env.seedResidents(50, from: 8001)
        let start = Local.at(days: 6, hour: 9)
        let activity = try await env.published(start: start, extra: #""capacity":20"#)
        let statuses = try await withThrowingTaskGroup(of: String.self) { group in
            for resident in 8001...8050 {
                group.addTask {
                    try await env.register(activity.id, start, resident: resident, as: City.secretary).decode(RegistrationBody.self).status
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses.filter { $0 == "confirmed" }.count == 20)
        #expect(statuses.filter { $0 == "waitlisted" }.count == 30)
        #expect(try await env.count("SELECT count(*) FROM calendar.registrations WHERE status = 'confirmed'") == 20)
        #expect(try await env.count("SELECT count(*) FROM calendar.seats WHERE registration_id IS NOT NULL") == 20)
        #expect(try await env.count("SELECT count(DISTINCT registration_id) FROM calendar.seats") == 20)
        // Every confirmed registration holds exactly one seat.
        #expect(
            try await env.count(
                "SELECT count(*) FROM calendar.registrations r WHERE status = 'confirmed' AND NOT EXISTS (SELECT 1 FROM calendar.seats s WHERE s.registration_id = r.id)"
            ) == 0
        )
        // The waitlist is in sign-up order: positions follow registration ids.
        let roster: RosterBody = try await env.send(.get, "/v1/activities/\(activity.id)/occurrences/\(start)/registrations", as: City.secretary)
            .decode()
        let waitlisted = roster.items.filter { $0.status == "waitlisted" }
        #expect(waitlisted.map(\.waitlistPosition) == (1...30).map { $0 })
        #expect(waitlisted.map(\.registrationID) == waitlisted.map(\.registrationID).sorted())
        // The listing agrees.
        let list: OccurrenceListBody = try await env.send(
            .get,
            "/v1/activities/\(activity.id)/occurrences?from=\(String(start.prefix(10)))",
            as: City.secretary
        ).decode()
        #expect(list.items.first?.confirmed == 20)
        #expect(list.items.first?.waitlisted == 30)
    }

    @Test func aCapacityChangeAddsSeatsFromTheWaitlistAndRefusesToDropBelowTheRegistered() async throws {
        let env = try await CalendarTestEnvironment.make()
        try await env.seedResidents(4, from: 7001)
        let start = Local.at(days: 6, hour: 9)
        let activity = try await env.published(start: start, extra: #""capacity":2"#)
        var ids: [Int] = []
        for resident in 7001...7004 {
            ids.append(try await env.register(activity.id, start, resident: resident, as: City.secretary).decode(RegistrationBody.self).id)
        }
        let tooSmall = try await env.send(.patch, "/v1/activities/\(activity.id)", #"{"capacity":1}"#, as: City.secretary)
        #expect(tooSmall.status == .conflict)
        #expect(tooSmall.code == "capacity-below-registrations")
        let bigger = try await env.send(.patch, "/v1/activities/\(activity.id)", #"{"capacity":3}"#, as: City.secretary)
        #expect(bigger.status == .ok)
        #expect(try await env.send(.get, "/v1/registrations/\(ids[2])", as: City.secretary).decode(RegistrationBody.self).status == "confirmed")
        #expect(try await env.send(.get, "/v1/registrations/\(ids[3])", as: City.secretary).decode(RegistrationBody.self).status == "waitlisted")
        // One occurrence's own capacity (an override) works the same way.
        let one = try await env.send(.patch, "/v1/activities/\(activity.id)/occurrences/\(start)", #"{"capacity":4}"#, as: City.secretary)
        #expect(one.status == .ok)
        #expect(try await env.send(.get, "/v1/registrations/\(ids[3])", as: City.secretary).decode(RegistrationBody.self).status == "confirmed")
        #expect(try await env.count("SELECT count(*) FROM calendar.seats") == 4)
    }
}
