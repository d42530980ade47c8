import Foundation
import Hummingbird
import JobQueue
import Models
import Postgres
import ServiceKit
import Testing

@testable import CalendarService

@Suite("Monthly themes pushed to every compound as drafts")
struct ThemeTests {
    /// 1,075 compounds (Zhuzhou's compound branches) across five districts, in the projection.
    func seedCompounds(_ env: CalendarTestEnvironment, count: Int) async throws {
        try await env.pool.withTransaction { tx in
            for index in 0..<count {
                let district = 1_000 + index % 5
                try ProjectionStore.apply(
                    CompoundChanged(
                        compoundID: 10_000 + index,
                        name: "小区\(index)",
                        areaPath: [City.city, district, district * 10 + index % 7],
                        gridIDs: [],
                        hasPartyBranch: true,
                        hasOwnersCommittee: true,
                        hasPropertyCompany: true,
                        hasRedProperty: false,
                        revision: 1
                    ),
                    on: tx
                )
            }
        }
    }

    @Test func aCityThemeReachesAll1075CompoundsAsDraftsInOneTransaction() async throws {
        let env = try await CalendarTestEnvironment.make()
        try await seedCompounds(env, count: 1_072)
        // 1,072 + the three compounds of the city fixture.
        let month = String(Local.at(days: 40, hour: 9).prefix(7))
        let created = try await env.send(
            .post,
            "/v1/themes",
            #"{"month":"\#(month)","title":"幸福邻里节·包饺子","guidance":"以楼栋为单位组织","formats":["包饺子","义诊"],"capacity":50,"volunteerRoles":["签到","后勤"],"earnsPoints":true,"points":10,"suggestedStart":"\#(month)-20T09:00:00","durationMinutes":150,"scopeAreaIDs":[\#(City.city)]}"#,
            as: City.admin
        )
        #expect(created.status == .created)
        let theme: ThemeBody = try created.decode()
        #expect(theme.state == "draft")
        #expect(try await env.count("SELECT count(*) FROM calendar.activities") == 0)
        let published = try await env.send(.post, "/v1/themes/\(theme.id)/publish", as: City.admin)
        #expect(published.status == .ok)
        #expect(try published.decode(ThemeBody.self).compoundCount == 1_075)
        #expect(try await env.count("SELECT count(*) FROM calendar.activities WHERE theme_id = \(theme.id) AND state = 'draft'") == 1_075)
        #expect(try await env.count("SELECT count(DISTINCT uid) FROM calendar.activities") == 1_075)
        let events = try await env.events(ThemePublished.self)
        #expect(events.map(\.revision) == [1])
        #expect(events.first?.points == 10)
        // The compound finds its draft, adjusts venue, time and capacity, and publishes it.
        let drafts: ActivityPageBody = try await env.send(.get, "/v1/activities?themeID=\(theme.id)", as: City.secretary).decode()
        #expect(drafts.items.count == 1)
        let draft = try #require(drafts.items.first)
        #expect(draft.title == "幸福邻里节·包饺子")
        #expect(draft.capacity == 50)
        #expect(draft.start == "\(month)-20T09:00:00")
        let adjusted = try await env.send(
            .patch,
            "/v1/activities/\(draft.id)",
            #"{"capacity":30,"start":"\#(month)-21T14:00:00"}"#,
            as: City.secretary
        )
        #expect(adjusted.status == .ok)
        #expect(try await env.send(.post, "/v1/activities/\(draft.id)/publish", as: City.secretary).status == .ok)
        // Publishing the theme again is refused; the drafts are not duplicated.
        #expect(try await env.send(.post, "/v1/themes/\(theme.id)/publish", as: City.admin).status == .conflict)
        #expect(try await env.count("SELECT count(*) FROM calendar.activities") == 1_075)
    }

    @Test func laterTemplateChangesShowAsDifferencesAgainstEachLocalCopy() async throws {
        let env = try await CalendarTestEnvironment.make()
        let month = String(Local.at(days: 40, hour: 9).prefix(7))
        let theme: ThemeBody = try await env.send(
            .post,
            "/v1/themes",
            #"{"month":"\#(month)","title":"法律进小区","capacity":40,"points":5,"earnsPoints":true,"scopeAreaIDs":[\#(City.lusong)]}"#,
            as: City.district
        ).decode()
        _ = try await env.send(.post, "/v1/themes/\(theme.id)/publish", as: City.district)
        // Lusong's two compounds got drafts; Tianyuan's did not.
        #expect(try await env.count("SELECT count(*) FROM calendar.activities WHERE theme_id = \(theme.id)") == 2)
        let draft = try #require(
            try await env.send(.get, "/v1/activities?themeID=\(theme.id)", as: City.secretary).decode(ActivityPageBody.self).items.first
        )
        _ = try await env.send(.patch, "/v1/activities/\(draft.id)", #"{"capacity":25}"#, as: City.secretary)
        // The district changes the template: guidance and points.
        let changed = try await env.send(.patch, "/v1/themes/\(theme.id)", #"{"guidance":"请律师到场","points":8}"#, as: City.district)
        #expect(changed.status == .ok)
        #expect(try changed.decode(ThemeBody.self).revision == 2)
        #expect(try await env.events(ThemePublished.self).map(\.revision) == [1, 2])
        struct Differences: Decodable {
            struct Row: Decodable {
                let field: String
                let templateChanged: Bool
                let locallyChanged: Bool
            }
            let themeRevision: Int
            let differences: [Row]
        }
        let differences: Differences = try await env.send(.get, "/v1/activities/\(draft.id)/theme-diff", as: City.secretary).decode()
        #expect(differences.themeRevision == 2)
        let rows = Dictionary(uniqueKeysWithValues: differences.differences.map { ($0.field, $0) })
        #expect(Set(rows.keys) == ["guidance", "points", "capacity"])
        #expect(rows["guidance"]?.templateChanged == true && rows["guidance"]?.locallyChanged == false)
        #expect(rows["capacity"]?.templateChanged == false && rows["capacity"]?.locallyChanged == true)
        // The draft itself was not overwritten.
        #expect(try await env.send(.get, "/v1/activities/\(draft.id)", as: City.secretary).decode(ActivityBody.self).capacity == 25)
        // A secretary reads the theme that reached them but cannot change it; another district cannot see it.
        #expect(try await env.send(.get, "/v1/themes/\(theme.id)", as: City.secretary).status == .ok)
        #expect(try await env.send(.patch, "/v1/themes/\(theme.id)", #"{"points":1}"#, as: City.secretary).status == .forbidden)
        let tianyuan = Principal(subject: "staff:tianyuan", role: .district, areaIDs: [City.tianyuan])
        #expect(try await env.send(.get, "/v1/themes/\(theme.id)", as: tianyuan).status == .notFound)
        #expect(try await env.send(.get, "/v1/activities/\(draft.id)/theme-diff", as: City.otherSecretary).status == .notFound)
    }

    @Test func themesAreValidatedAndADistrictReachesOnlyItsOwnCompounds() async throws {
        let env = try await CalendarTestEnvironment.make()
        let invalid = try await env.send(
            .post,
            "/v1/themes",
            #"{"month":"2026-13","title":"","scopeAreaIDs":[],"recurrence":"FREQ=HOURLY","points":-1}"#,
            as: City.admin
        )
        #expect(invalid.status == .unprocessableContent)
        #expect(Set(invalid.fields) == ["month", "title", "scopeAreaIDs", "recurrence", "points"])
        let wrongMonth = try await env.send(
            .post,
            "/v1/themes",
            #"{"month":"2031-05","title":"端午","suggestedStart":"2031-06-02T09:00:00","scopeAreaIDs":[1]}"#,
            as: City.admin
        )
        #expect(wrongMonth.fields == ["suggestedStart"])
        // The whole city is not Lusong's to set.
        let overreach = try await env.send(
            .post,
            "/v1/themes",
            #"{"month":"2031-05","title":"端午","scopeAreaIDs":[\#(City.city)]}"#,
            as: City.district
        )
        #expect(overreach.fields == ["scopeAreaIDs"])
        #expect(
            try await env.send(.post, "/v1/themes", #"{"month":"2031-05","title":"端午","scopeAreaIDs":[1]}"#, as: City.secretary).status == .forbidden
        )
    }

    @Test func aCompoundSeenForTheFirstTimeGetsTheDraftsOfPublishedThemes() async throws {
        let env = try await CalendarTestEnvironment.make()
        let month = String(Local.at(days: 40, hour: 9).prefix(7))
        let theme: ThemeBody = try await env.send(
            .post,
            "/v1/themes",
            #"{"month":"\#(month)","title":"邻里守望","scopeAreaIDs":[\#(City.tianyuan)]}"#,
            as: City.admin
        ).decode()
        _ = try await env.send(.post, "/v1/themes/\(theme.id)/publish", as: City.admin)
        #expect(try await env.count("SELECT count(*) FROM calendar.activities WHERE theme_id = \(theme.id)") == 1)
        try await env.service.jobs.withTransaction { tx, _ in
            let isNew = try ProjectionStore.apply(
                CompoundChanged(
                    compoundID: 202,
                    name: "新建小区",
                    areaPath: [City.city, City.tianyuan, City.tianyuanCommunity],
                    gridIDs: [],
                    hasPartyBranch: false,
                    hasOwnersCommittee: false,
                    hasPropertyCompany: false,
                    hasRedProperty: false,
                    revision: 1
                ),
                on: tx
            )
            #expect(isNew)
            try ThemeFanOut.draftsForNewCompound(202, now: Date(), on: tx)
        }
        #expect(try await env.count("SELECT count(*) FROM calendar.activities WHERE theme_id = \(theme.id)") == 2)
    }
}
