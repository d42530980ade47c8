import Foundation
import Hummingbird
import HummingbirdTesting
import JobQueue
import Postgres
import RegistryService
import ServiceKit
import ServiceTestSupport
import Testing

@Suite("CSV import and export of households and residents")
struct ImportExportTests {
    struct ReportBody: Decodable {
        struct Report: Decodable {
            let householdsCreated: Int
            let residentsImported: Int
            let rejected: [Rejected]
            let probableDuplicates: [Duplicate]
        }
        struct Rejected: Decodable {
            let row: Int
            let field: String
        }
        struct Duplicate: Decodable {
            let row: Int
            let reason: String
        }
        let report: Report
    }

    @Test func importsGoodRowsAndReportsBadOnesAndDuplicates() async throws {
        let env = try await RegistryTestEnvironment.make()
        let city = try await CityFixture.make(on: env.pool)
        try await env.runtime.jobs.subscribe(queue: "calendar", to: ["resident.registered", "household.changed"])
        let secretary = Principal(subject: "staff:a", role: .secretary, compoundIDs: [city.compoundA])
        let csv = """
            楼栋,房号,姓名,性别,出生年份,手机,身份证号
            1栋,101,张桂兰,女,1949,13800001234,11010519491231002X
            1栋,101,李建国,男,1950,13800005678,
            1栋,102,王芳,女,,12345,
            2栋,201,,男,1960,,
            2栋,201,赵六,男,1949,,11010519491231002X
            2栋,202,张桂兰,女,,13800001234,
            """
        try await env.test { client in
            var headers = try await env.headers(secretary)
            headers[.contentType] = "text/csv"
            let response = try await client.execute(
                uri: "/v1/compounds/\(city.compoundA)/imports",
                method: .post,
                headers: headers,
                body: ByteBuffer(string: csv)
            ) { $0 }
            #expect(response.status == .ok)
            let report = try response.decode(ReportBody.self).report
            #expect(report.residentsImported == 2)
            #expect(report.householdsCreated == 1)
            #expect(report.rejected.map { "\($0.row):\($0.field)" }.sorted() == ["4:phone", "5:name"])
            #expect(report.probableDuplicates.map(\.row) == [6, 7])
            // Another compound's secretary cannot import into this one.
            let outsider = Principal(subject: "staff:b", role: .secretary, compoundIDs: [city.compoundB])
            var outsiderHeaders = try await env.headers(outsider)
            outsiderHeaders[.contentType] = "text/csv"
            try await client.execute(
                uri: "/v1/compounds/\(city.compoundA)/imports",
                method: .post,
                headers: outsiderHeaders,
                body: ByteBuffer(string: csv)
            ) {
                #expect($0.status == .notFound)
            }
            let missingHeader = try await client.execute(
                uri: "/v1/compounds/\(city.compoundA)/imports",
                method: .post,
                headers: headers,
                body: ByteBuffer(string: "foo,bar\n1,2\n")
            ) { $0 }
            #expect(missingHeader.status == .unprocessableContent)
            // The export shows the imported residents with masked phones and ID numbers.
            let export = try await env.send(client, .get, "/v1/compounds/\(city.compoundA)/residents.csv", as: secretary)
            #expect(export.headers[.contentType]?.hasPrefix("text/csv") == true)
            let rows = try CSVDocument.parse(String(buffer: export.body))
            #expect(rows.first == ["id", "姓名", "性别", "出生年份", "手机", "身份证号", "户号"])
            #expect(rows.dropFirst().map { $0[1] } == ["张桂兰", "李建国"])
            #expect(rows[1][4] == "138****1234")
            #expect(rows[1][5] == "110105********002X")
            let households = try await env.send(client, .get, "/v1/compounds/\(city.compoundA)/households.csv", as: secretary)
            #expect(String(buffer: households.body).contains("张桂兰、李建国"))
        }
        #expect(try await env.published("resident.registered").count == 2)
        #expect(try await env.published("household.changed").count == 1)
    }
}
