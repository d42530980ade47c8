import Foundation
import Hummingbird
import HummingbirdTesting
import JobQueue
import Postgres
import RegistryService
import ServiceKit
import ServiceTestSupport
import Testing

@Suite("Party organisation, organisations, volunteer teams and the group chat")
struct OrganisationTests {
    @Test func branchOrganisationsAndFlagsReachCompoundChanged() async throws {
        let env = try await RegistryTestEnvironment.make()
        let city = try await CityFixture.make(on: env.pool)
        try await env.runtime.jobs.subscribe(queue: "analytics", to: ["compound.changed", "member.checkedin"])
        let secretary = Principal(subject: "staff:a", role: .secretary, compoundIDs: [city.compoundA])
        let member = try await env.resident("刘党员", household: city.householdA1)
        try await env.test { client in
            #expect(
                try await env.send(client, .put, "/v1/compounds/\(city.compoundA)/party-branch", as: secretary, json: #"{"name":"枫林小区党支部"}"#).status
                    == .ok
            )
            #expect(
                try await env.send(
                    client,
                    .post,
                    "/v1/compounds/\(city.compoundA)/organisations",
                    as: secretary,
                    json: #"{"kind":"property-company","name":"红枫物业","redProperty":true}"#
                ).status == .created
            )
            #expect(
                try await env.send(
                    client,
                    .post,
                    "/v1/compounds/\(city.compoundA)/organisations",
                    as: secretary,
                    json: #"{"kind":"owners-committee","name":"业委会"}"#
                ).status == .created
            )
            #expect(
                try await env.send(
                    client,
                    .post,
                    "/v1/compounds/\(city.compoundA)/organisations",
                    as: secretary,
                    json: #"{"kind":"owners-committee","name":"第二个"}"#
                ).status == .conflict
            )
            #expect(
                try await env.send(
                    client,
                    .post,
                    "/v1/compounds/\(city.compoundA)/organisations",
                    as: secretary,
                    json: #"{"kind":"social-organisation","name":"x","redProperty":true}"#
                ).status == .unprocessableContent
            )
            // An in-office member checks in at their home compound once recorded as one.
            let early = try await env.send(
                client,
                .post,
                "/v1/member-checkins",
                as: secretary,
                json: #"{"residentID":\#(member),"compoundID":\#(city.compoundA),"pledges":["法律咨询"]}"#
            )
            #expect(early.status == .unprocessableContent)
            let branchID = try await env.pool.query("SELECT id FROM registry.party_branches").scalar(Int.self) ?? 0
            let membership = try await env.send(
                client,
                .put,
                "/v1/residents/\(member)/party-membership",
                as: secretary,
                json: #"{"branchID":\#(branchID),"inOffice":true}"#
            )
            #expect(membership.status == .noContent)
            let memberSelf = Principal(subject: "resident:\(member)", role: .resident, householdIDs: [city.householdA1], residentID: member)
            let checkIn = try await env.send(
                client,
                .post,
                "/v1/member-checkins",
                as: memberSelf,
                json: #"{"residentID":\#(member),"compoundID":\#(city.compoundA),"pledges":["法律咨询","周末值守"]}"#
            )
            #expect(checkIn.status == .created)
            // Party membership is not shown to a head, but is to the secretary.
            let head = Principal(subject: "resident:h", role: .head, householdIDs: [city.householdA1])
            let seenByHead = try await env.send(client, .get, "/v1/residents/\(member)", as: head)
            #expect(!String(buffer: seenByHead.body).contains("partyMember"))
            let seenBySecretary = try await env.send(client, .get, "/v1/residents/\(member)", as: secretary)
            #expect(String(buffer: seenBySecretary.body).contains(#""partyMember":true"#))
        }
        let changes = try await env.published("compound.changed")
        #expect(changes.count == 3)
        #expect(changes.last?["hasPartyBranch"] as? Bool == true)
        #expect(changes.last?["hasRedProperty"] as? Bool == true)
        #expect(changes.last?["hasOwnersCommittee"] as? Bool == true)
        #expect(try await env.published("member.checkedin").first?["pledges"] as? [String] == ["法律咨询", "周末值守"])
    }

    @Test func theRobotWebhookIsStoredSecretAndNeverReturned() async throws {
        let env = try await RegistryTestEnvironment.make()
        let city = try await CityFixture.make(on: env.pool)
        try await env.runtime.jobs.subscribe(queue: "notifications", to: ["groupchat.changed"])
        let secretary = Principal(subject: "staff:a", role: .secretary, compoundIDs: [city.compoundA])
        let webhook = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=secret-robot-key-9f3a"
        try await env.test { client in
            let put = try await env.send(
                client,
                .put,
                "/v1/compounds/\(city.compoundA)/group-chat",
                as: secretary,
                json: #"{"name":"枫林邻里群","robotWebhook":"\#(webhook)"}"#
            )
            #expect(put.status == .ok)
            #expect(!String(buffer: put.body).contains("secret-robot-key"))
            #expect(String(buffer: put.body).contains("…9f3a"))
            // Renaming without the webhook field keeps the robot.
            _ = try await env.send(client, .put, "/v1/compounds/\(city.compoundA)/group-chat", as: secretary, json: #"{"name":"枫林邻里一家亲"}"#)
            let get = try await env.send(client, .get, "/v1/compounds/\(city.compoundA)/group-chat", as: secretary)
            #expect(String(buffer: get.body).contains("…9f3a"))
            #expect(String(buffer: get.body).contains("枫林邻里一家亲"))
        }
        let stored = try await env.pool.query("SELECT robot_webhook_encrypted FROM registry.group_chats").scalar(Data.self) ?? Data()
        #expect(!String(decoding: stored, as: UTF8.self).contains("secret-robot-key"))
        let events = try await env.published("groupchat.changed")
        #expect(events.map { $0["robotWebhook"] as? String } == [webhook, webhook])
    }
}
