import Foundation
import Hummingbird
import Models
import Postgres
import ServiceKit
import Testing

@testable import CalendarService

@Suite("Check-in, walk-ins, paper rosters and closing reports")
struct CheckInTests {
    /// An activity earning 5 points that starts in two days, with 5001 and 5002 registered.
    func heldActivity(_ env: CalendarTestEnvironment) async throws -> (ActivityBody, String, [RegistrationBody]) {
        let start = Local.at(days: 2, hour: 9)
        let activity = try await env.published(start: start, extra: #""capacity":10,"earnsPoints":true,"points":5,"volunteerRoles":["签到"]"#)
        let first: RegistrationBody = try await env.register(activity.id, start, resident: 5001, as: City.resident).decode()
        let second: RegistrationBody = try await env.register(activity.id, start, resident: 5002, as: City.head).decode()
        return (activity, start, [first, second])
    }

    @Test func aRepeatedScanChangesNothingAndPointsAreAwardedOnce() async throws {
        let env = try await CalendarTestEnvironment.make()
        let (activity, start, registrations) = try await heldActivity(env)
        let path = "/v1/activities/\(activity.id)/occurrences/\(start)/check-ins"
        // Check-in opens two hours before the start.
        let early = try await env.send(.post, path, #"{"code":"\#(registrations[0].checkInCode)"}"#, as: City.secretary)
        #expect(early.code == "check-in-not-open")
        let atTheDoor = env.at { Local.instant(start).addingTimeInterval(-1_800) }
        let first = try await atTheDoor.send(.post, path, #"{"code":"\#(registrations[0].checkInCode.lowercased())"}"#, as: City.secretary)
        #expect(first.status == .created)
        let checkedIn: CheckInReply = try first.decode()
        #expect(!checkedIn.alreadyCheckedIn)
        #expect(checkedIn.attendance.channel == "self")
        let again = try await atTheDoor.send(.post, path, #"{"qr":"\#(registrations[0].qrPayload)"}"#, as: City.secretary)
        #expect(again.status == .ok)
        let repeated: CheckInReply = try again.decode()
        #expect(repeated.alreadyCheckedIn)
        #expect(repeated.attendance.id == checkedIn.attendance.id)
        let events = try await env.events(AttendanceRecorded.self)
        #expect(events.count == 1)
        #expect(events.first?.points == 5)
        #expect(events.first?.residentID == 5001)
        #expect(events.first?.placement.householdID == 1001)
        #expect(events.first?.channel == .selfService)
        #expect(events.first?.eventID == "attendance.recorded:\(checkedIn.attendance.id)")
        // The head's proxy sign-up checks in as proxy; a bad code names the field.
        let proxy: CheckInReply = try await atTheDoor.send(.post, path, #"{"code":"\#(registrations[1].checkInCode)"}"#, as: City.secretary).decode()
        #expect(proxy.attendance.channel == "proxy")
        let wrong = try await atTheDoor.send(.post, path, #"{"code":"AAAAAA"}"#, as: City.secretary)
        #expect(wrong.fields == ["code"])
        let lookAlike = try await atTheDoor.send(.post, path, #"{"code":"O0I1L8"}"#, as: City.secretary)
        #expect(lookAlike.fields == ["code"])
        let otherOccurrence = try await atTheDoor.send(
            .post,
            path,
            #"{"qr":"linli-checkin:v1:999:\#(registrations[0].checkInCode)"}"#,
            as: City.secretary
        )
        #expect(otherOccurrence.fields == ["qr"])
        // Only the compound's staff check people in.
        #expect(try await atTheDoor.send(.post, path, #"{"code":"\#(registrations[0].checkInCode)"}"#, as: City.resident).status == .forbidden)
        #expect(try await atTheDoor.send(.post, path, #"{"code":"\#(registrations[0].checkInCode)"}"#, as: City.otherSecretary).status == .notFound)
    }

    @Test func walkInsAreRecordedAndThePaperRosterAfterwardsSkipsThoseAlreadyThere() async throws {
        let env = try await CalendarTestEnvironment.make()
        let (activity, start, _) = try await heldActivity(env)
        let during = env.at { Local.instant(start).addingTimeInterval(600) }
        let path = "/v1/activities/\(activity.id)/occurrences/\(start)"
        let walkIn = try await during.send(
            .post,
            "\(path)/check-ins",
            #"{"residentID":5003,"volunteerRole":"签到","volunteerHours":2}"#,
            as: City.secretary
        )
        #expect(walkIn.status == .created)
        #expect(try walkIn.decode(CheckInReply.self).attendance.channel == "walk-in")
        // A registered resident checked in by name keeps their channel.
        let byName: CheckInReply = try await during.send(.post, "\(path)/check-ins", #"{"residentID":5001}"#, as: City.secretary).decode()
        #expect(byName.attendance.channel == "self")
        let unknown = try await during.send(.post, "\(path)/check-ins", #"{"residentID":424242}"#, as: City.secretary)
        #expect(unknown.fields == ["residentID"])
        // The sign-in sheet lists 5001 (already in), 5002 and 6001 (from another compound, a guest).
        let after = env.at { Local.instant(start).addingTimeInterval(4 * 3_600) }
        let roster = try await after.send(
            .post,
            "\(path)/roster",
            #"{"entries":[{"residentID":5001},{"residentID":5002},{"residentID":6001,"volunteerRole":"后勤","volunteerHours":3}]}"#,
            as: City.secretary
        )
        #expect(roster.status == .ok)
        struct Result: Decodable {
            let recorded: Int
            let alreadyRecorded: Int
        }
        let result: Result = try roster.decode()
        #expect(result.recorded == 2)
        #expect(result.alreadyRecorded == 1)
        let badRoster = try await after.send(
            .post,
            "\(path)/roster",
            #"{"entries":[{"residentID":5002},{"residentID":999999,"volunteerHours":30}]}"#,
            as: City.secretary
        )
        #expect(Set(badRoster.fields) == ["entries[1].volunteerHours"])
        let unknownRoster = try await after.send(.post, "\(path)/roster", #"{"entries":[{"residentID":999999}]}"#, as: City.secretary)
        #expect(unknownRoster.fields == ["entries[0].residentID"])
        #expect(try await env.published(AttendanceRecorded.topic) == 4)
        #expect(try await env.events(AttendanceRecorded.self).filter { $0.channel == .paper }.map(\.residentID).sorted() == [5002, 6001])
        // The paper roster is for afterwards, not before the start.
        let before = try await env.send(.post, "\(path)/roster", #"{"entries":[{"residentID":5002}]}"#, as: City.secretary)
        #expect(before.code == "not-started")
    }

    @Test func theClosingReportCountsAttendanceAndVolunteerHoursAndCanBeFiledAgain() async throws {
        let env = try await CalendarTestEnvironment.make()
        let (activity, start, registrations) = try await heldActivity(env)
        let after = env.at { Local.instant(start).addingTimeInterval(3 * 3_600) }
        let path = "/v1/activities/\(activity.id)/occurrences/\(start)"
        _ = try await after.send(.post, "\(path)/check-ins", #"{"code":"\#(registrations[0].checkInCode)"}"#, as: City.secretary)
        let filed = try await after.send(
            .put,
            "\(path)/report",
            #"{"notes":"到场热烈","volunteers":[{"residentID":5001,"volunteerRole":"签到","volunteerHours":2.5},{"residentID":5010,"volunteerRole":"后勤","volunteerHours":3}]}"#,
            as: City.secretary
        )
        #expect(filed.status == .ok)
        let report: ReportReply = try filed.decode()
        #expect(report.registrations == 2)
        #expect(report.attendance == 2)
        #expect(report.volunteerHours == 5.5)
        #expect(report.byChannel == ["self": 1, "paper": 1])
        #expect(report.revision == 1)
        let held = try await env.events(ActivityHeld.self)
        #expect(held.map(\.revision) == [1])
        #expect(held.first?.attendance == 2)
        #expect(held.first?.volunteerHours == 5.5)
        // Filed again: a new revision, the same people.
        let again: ReportReply = try await after.send(.put, "\(path)/report", #"{"notes":"补充照片"}"#, as: City.secretary).decode()
        #expect(again.revision == 2)
        #expect(again.notes == "补充照片")
        #expect(try await env.events(ActivityHeld.self).map(\.revision) == [1, 2])
        #expect(try await env.published(AttendanceRecorded.topic) == 2)
        let read: ReportReply = try await after.send(.get, "\(path)/report", as: City.district).decode()
        #expect(read.attendance == 2)
        #expect(try await after.send(.get, "\(path)/report", as: City.head).status == .forbidden)
        let invalid = try await after.send(.put, "\(path)/report", #"{"volunteers":[{"residentID":5001,"volunteerRole":""}]}"#, as: City.secretary)
        #expect(invalid.fields == ["volunteers[0].volunteerRole"])
    }
}
