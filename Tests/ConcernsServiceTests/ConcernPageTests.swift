import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobQueue
import Models
import Postgres
import ServiceKit
import ServiceTestSupport
import Testing

@Suite("The resident's concern pages")
struct ConcernPageTests {
    static let owner = #","ownerParty":"property-company""#

    /// Raises a concern with one PNG from the page as resident 1 and returns its id.
    static func raiseFromThePage(_ browser: inout PageBrowser, title: String = "地下车库积水") async throws -> Int {
        _ = try await browser.get("/concerns/new")
        let form = MultipartPost(
            fields: [("category", "water-leak"), ("title", title), ("description", "B2 层积水到脚踝，已经三天")],
            files: [.init(filename: "leak.png", contentType: "image/png", bytes: TestImages.png(width: 5, height: 4))]
        )
        let posted = try await browser.postMultipart("/concerns", form)
        guard posted.status == .seeOther, let location = posted.headers[.location], let id = Int(location.dropFirst("/concerns/".count)) else {
            throw TestFailure("raising from the page answered \(posted.status.code)")
        }
        return id
    }

    struct TestFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    @Test func theFormAndMyListInChinese() async throws {
        let env = try await ConcernsTestEnvironment.make()
        try await env.test { client in
            var browser = try await PageBrowser.signedIn(client, as: City.resident1Token, environment: env.environment)
            let empty = try await browser.get("/concerns")
            #expect(empty.status == .ok && empty.isGuarded)
            #expect(empty.html.contains(WebStrings.Concerns.none) && empty.html.contains("href=\"/concerns/new\""))
            let form = try await browser.get("/concerns/new")
            #expect(form.status == .ok && form.isGuarded)
            #expect(form.html.contains("enctype=\"multipart/form-data\"") && form.html.contains("name=\"_csrf\""))
            #expect(form.html.contains("<option value=\"elevator\">电梯故障</option>"))
            #expect(form.html.contains("最多 3 张，每张不超过 5 MB"))
            #expect(!form.html.contains("<script") && !form.html.contains("style="))

            let first = try await Self.raiseFromThePage(&browser, title: "地下车库积水")
            let second = try await Self.raiseFromThePage(&browser, title: "电梯按钮失灵")
            // A neighbour's concern is not in my list.
            var neighbour = try await PageBrowser.signedIn(client, as: City.resident2Token, environment: env.environment)
            let theirs = try await Self.raiseFromThePage(&neighbour, title: "楼道灯不亮")
            let list = try await browser.get("/concerns")
            #expect(list.status == .ok && list.isGuarded)
            let newer = try #require(list.html.range(of: "/concerns/\(second)\""))
            let older = try #require(list.html.range(of: "/concerns/\(first)\""))
            #expect(newer.lowerBound < older.lowerBound)  // newest first
            #expect(list.html.contains("已受理") && list.html.contains("漏水积水") && list.html.contains("badge warn"))
            #expect(!list.html.contains("/concerns/\(theirs)\"") && !list.html.contains("楼道灯不亮"))
        }
    }

    @Test func theOwnerSeesTheConcernWithPhotosOthersSeeLessOrNothing() async throws {
        let env = try await ConcernsTestEnvironment.make()
        try await env.test { client in
            var owner = try await PageBrowser.signedIn(client, as: City.resident1Token, environment: env.environment)
            let id = try await Self.raiseFromThePage(&owner)
            try await env.act(client, id, "acknowledge", as: City.secretaryA, extra: Self.owner)
            let page = try await owner.get("/concerns/\(id)")
            #expect(page.status == .ok && page.isGuarded)
            #expect(page.html.contains("地下车库积水") && page.html.contains("B2 层积水到脚踝"))
            #expect(page.html.contains("<img src=\"/concerns/\(id)/photos/1\" alt=\"诉求照片 1\" width=\"5\" height=\"4\">"))
            #expect(page.html.contains("已分派") && page.html.contains("物业公司"))  // state and owner party
            #expect(page.html.contains("提交诉求") && page.html.contains("分派承办方"))  // the history
            #expect(!page.html.contains("id=\"confirm\""))  // not settled yet: nothing to answer

            // A resident of another compound: the same 404 page as for a missing concern, none of its data.
            var stranger = try await PageBrowser.signedIn(client, as: City.residentBToken, environment: env.environment)
            let refused = try await stranger.get("/concerns/\(id)")
            let missing = try await stranger.get("/concerns/999999")
            #expect(refused.status == .notFound && missing.status == .notFound && refused.isGuarded)
            #expect(!refused.html.contains("地下车库积水") && !refused.html.contains("B2 层"))
            #expect(refused.html.contains(WebStrings.Errors.notFound))
            // A neighbour in the same compound sees its public side: no description, no photos.
            var neighbour = try await PageBrowser.signedIn(client, as: City.resident2Token, environment: env.environment)
            let public_ = try await neighbour.get("/concerns/\(id)")
            #expect(public_.status == .ok && public_.html.contains("地下车库积水"))
            #expect(!public_.html.contains("B2 层积水到脚踝") && !public_.html.contains("<img"))
            // Not signed in: on to the sign-in page.
            var anonymous = PageBrowser(client: client)
            let signIn = try await anonymous.get("/concerns/\(id)")
            #expect(signIn.status == .seeOther && signIn.headers[.location]?.hasPrefix("/auth/sign-in") == true)
        }
    }

    @Test func aHeadRaisesForAHouseholdTheyCoverAResidentOnlyForTheirOwn() async throws {
        let env = try await ConcernsTestEnvironment.make()
        try await env.test { client in
            var head = try await PageBrowser.signedIn(client, as: City.head, environment: env.environment)
            let form = try await head.get("/concerns/new")
            #expect(form.html.contains("name=\"householdID\""))
            #expect(form.html.contains("<option value=\"\(City.headHousehold)\">1栋2单元201（本户）</option>"))
            #expect(form.html.contains("<option value=\"\(City.household1)\">1栋1单元101</option>"))
            #expect(!form.html.contains("2栋301"))  // another compound's household
            let posted = try await head.postMultipart(
                "/concerns",
                MultipartPost(fields: [("householdID", "\(City.household1)"), ("category", "sanitation"), ("title", "垃圾清运不及时")])
            )
            #expect(posted.status == .seeOther)
            #expect(
                try await env.count("SELECT count(*) FROM concerns.concerns WHERE household_id = \(City.household1) AND raised_by = 'resident:1003'")
                    == 1
            )
            // A resident's form has no such choice, and naming another household is refused.
            var resident = try await PageBrowser.signedIn(client, as: City.resident2Token, environment: env.environment)
            let own = try await resident.get("/concerns/new")
            #expect(!own.html.contains("name=\"householdID\""))
            let refused = try await resident.postMultipart(
                "/concerns",
                MultipartPost(fields: [("householdID", "\(City.household1)"), ("category", "noise"), ("title", "楼上噪音")])
            )
            #expect(refused.status == .unprocessableContent)
        }
        #expect(try await env.count("SELECT count(*) FROM concerns.concerns") == 1)
    }

    @Test func aReferredConcernShowsItsCouncilMeeting() async throws {
        let env = try await ConcernsTestEnvironment.make()
        try await env.test { client in
            var owner = try await PageBrowser.signedIn(client, as: City.resident1Token, environment: env.environment)
            let id = try await Self.raiseFromThePage(&owner)
            let before = try await owner.get("/concerns/\(id)")
            #expect(!before.html.contains("id=\"meetings\""))
            try await env.act(client, id, "acknowledge", as: City.secretaryA, extra: Self.owner)
            try await env.act(client, id, "refer", as: City.secretaryA)
            let council = try await env.makeCouncil(client)
            let meeting = try await env.schedule(client, council: council.id)
            #expect(meeting.agenda.map(\.concernID) == [id])
            let page = try await owner.get("/concerns/\(id)")
            #expect(page.html.contains("提交议事会") && page.html.contains("id=\"meetings\""))
            #expect(page.html.contains("十二月议事会") && page.html.contains(WebStrings.Concerns.scheduled))
        }
    }

    @Test func theReporterConfirmsOrReopensFromThePage() async throws {
        let env = try await ConcernsTestEnvironment.make()
        try await env.test { client in
            var owner = try await PageBrowser.signedIn(client, as: City.resident1Token, environment: env.environment)
            let reopened = try await Self.raiseFromThePage(&owner)
            let confirmed = try await Self.raiseFromThePage(&owner, title: "电梯按钮失灵")
            for id in [reopened, confirmed] {
                try await env.act(client, id, "acknowledge", as: City.secretaryA, extra: Self.owner)
                try await env.act(client, id, "settle", as: City.secretaryA, extra: #","note":"已疏通排水沟""#)
            }
            let settled = try await owner.get("/concerns/\(reopened)")
            #expect(settled.html.contains("已办结") && settled.html.contains("已疏通排水沟"))
            #expect(settled.html.contains("action=\"/concerns/\(reopened)/confirm\"") && settled.html.contains("id=\"reopen\""))
            #expect(settled.html.contains("前申请重新办理"))

            // Without the CSRF token: 403, and the concern stays settled.
            let forged = try await owner.post("/concerns/\(reopened)/reopen", ["note": "还在漏"], csrf: false)
            #expect(forged.status == .forbidden)
            #expect(try await env.count("SELECT count(*) FROM concerns.concerns WHERE id = \(reopened) AND state = 'settled'") == 1)
            // A neighbour may not answer someone else's settlement.
            var neighbour = try await PageBrowser.signedIn(client, as: City.resident2Token, environment: env.environment)
            _ = try await neighbour.get("/concerns/\(reopened)")
            #expect(try await neighbour.post("/concerns/\(reopened)/confirm", [:]).status == .forbidden)

            let reopen = try await owner.post("/concerns/\(reopened)/reopen", ["note": "还在漏水"])
            #expect(reopen.status == .seeOther && reopen.headers[.location] == "/concerns/\(reopened)")
            let after = try await owner.get("/concerns/\(reopened)")
            #expect(after.html.contains("办理中") && after.html.contains("居民申请重新办理") && after.html.contains("还在漏水"))
            #expect(!after.html.contains("id=\"confirm\""))

            let confirm = try await owner.post("/concerns/\(confirmed)/confirm", [:])
            #expect(confirm.status == .seeOther)
            let done = try await owner.get("/concerns/\(confirmed)")
            #expect(done.html.contains(WebStrings.Concerns.confirmed) && !done.html.contains("id=\"reopen\""))
            // A second confirmation is refused by the desk (already confirmed).
            #expect(try await owner.post("/concerns/\(confirmed)/confirm", [:]).status == .conflict)
        }
        #expect(try await env.count("SELECT count(*) FROM concerns.concerns WHERE state = 'in-progress' AND reopen_count = 1") == 1)
        #expect(try await env.count("SELECT count(*) FROM concerns.concerns WHERE confirmed_at IS NOT NULL") == 1)
        #expect(try await env.published(ConcernReopened.self).count == 1)
    }
}
