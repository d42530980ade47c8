import CalendarCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import Postgres
import ServiceKit

extension CalendarBenchContext {
    struct Storm: Sendable, CustomStringConvertible {
        var seconds = 0.0
        var analysed = false
        var confirmed = 0
        var waitlisted = 0
        var failures = 0
        var seatsTaken = 0

        var description: String { "\(confirmed) confirmed, \(waitlisted) waitlisted, \(failures) failed, \(seatsTaken) seats taken" }
    }

    /// (b) `attempts` residents sign themselves up at once for one occurrence with `seats` seats.
    func registrationStorm(attempts: Int, seats: Int, round: Int, analysed: Bool) async throws -> Storm {
        let admin = try await headers(Self.admin)
        let today = LocalDateTime(Date(), in: RecurrenceSet.defaultTimeZone)!.date
        let start = LocalDateTime(date: today.adding(days: 2 + round)!, hour: 9)!.description
        let activity = try await client { client in
            let id = try await client.execute(
                uri: "/v1/activities",
                method: .post,
                headers: admin,
                body: ByteBuffer(string: #"{"compoundID":\#(Self.stormCompound),"title":"抢票 \#(round)","start":"\#(start)","capacity":\#(seats)}"#)
            ) { response in try Self.decode(ID.self, response, expecting: .created).id }
            try await client.execute(uri: "/v1/activities/\(id)/publish", method: .post, headers: admin) { response in
                _ = try Self.decode(ID.self, response, expecting: .ok)
            }
            return id
        }
        var tokens: [(Int, HTTPFields)] = []
        for resident in Self.residentIDs(attempts) {
            tokens.append(
                (
                    resident,
                    try await headers(Principal(subject: "resident:\(resident)", role: .resident, householdIDs: [resident], residentID: resident))
                )
            )
        }
        struct Answer: Decodable { let status: String }
        let requests = tokens
        let began = ContinuousClock.now
        let answers = try await client { client in
            try await withThrowingTaskGroup(of: String.self) { group in
                for (resident, headers) in requests {
                    group.addTask {
                        try await client.execute(
                            uri: "/v1/activities/\(activity)/occurrences/\(start)/registrations",
                            method: .post,
                            headers: headers,
                            body: ByteBuffer(string: #"{"residentID":\#(resident)}"#)
                        ) { response in
                            response.status == .created ? (try? Self.decode(Answer.self, response, expecting: .created).status) ?? "failed" : "failed"
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
        }
        var storm = Storm(seconds: (ContinuousClock.now - began).seconds, analysed: analysed)
        storm.confirmed = answers.filter { $0 == "confirmed" }.count
        storm.waitlisted = answers.filter { $0 == "waitlisted" }.count
        storm.failures = answers.filter { $0 == "failed" }.count
        let stored = try await count(
            """
            SELECT count(*) FROM calendar.registrations r JOIN calendar.occurrences o ON o.id = r.occurrence_id
            WHERE o.activity_id = \(activity) AND r.status = 'confirmed'
            """
        )
        storm.seatsTaken = try await count(
            """
            SELECT count(*) FROM calendar.seats s JOIN calendar.occurrences o ON o.id = s.occurrence_id
            WHERE o.activity_id = \(activity) AND s.registration_id IS NOT NULL
            """
        )
        guard stored == storm.confirmed else { throw BenchRequestError(description: "\(stored) confirmed stored, \(storm.confirmed) answered") }
        return storm
    }
}
