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

@testable import ConcernsService

@Suite("A concern's photos: checked by their bytes, stored with the concern, served to who may see it")
struct ConcernPhotoTests {
    /// Small limits, so that the refusals are reached below the shared body limit of the test runtime.
    static let configuration = ConcernsConfiguration(
        escalationSchedule: try! CronSchedule("0 0 1 1 *"),
        photoMaxBytes: 64 * 1_024,
        uploadMaxBytes: 256 * 1_024
    )

    @Test func theTypeAndSizeComeFromTheBytes() throws {
        let png = try PhotoImage.inspect(TestImages.png(width: 3, height: 2)).get()
        #expect(png.kind == .png && png.width == 3 && png.height == 2)
        let jpeg = try PhotoImage.inspect(TestImages.jpeg()).get()
        #expect(jpeg.kind == .jpeg && jpeg.width == 8 && jpeg.height == 8)
        let phone = try PhotoImage.inspect(TestImages.jpeg(exif: true)).get()
        #expect(phone.kind == .jpeg && phone.width == 8 && phone.height == 8)
        // WebP (lossless): RIFF size, WEBP, VP8L with 14-bit width-1 and height-1.
        var webp = Data("RIFF".utf8) + Data([0, 0, 0, 0]) + Data("WEBPVP8L".utf8) + Data([5, 0, 0, 0, 0x2F])
        let bits: UInt32 = (20 - 1) | ((10 - 1) << 14)
        webp.append(contentsOf: [UInt8(bits & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits >> 16 & 0xFF), UInt8(bits >> 24), 0, 0, 0, 0, 0])
        let size = UInt32(webp.count - 8)
        webp.replaceSubrange(4..<8, with: [UInt8(size & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size >> 16 & 0xFF), UInt8(size >> 24)])
        let read = try PhotoImage.inspect(webp).get()
        #expect(read.kind == .webp && read.width == 20 && read.height == 10)
        // Not an image whatever its name, cut short, or too wide.
        #expect(PhotoImage.inspect(Data("just some text, named photo.png".utf8)) == .failure(.notAnImage))
        #expect(PhotoImage.inspect(TestImages.jpeg(end: false)) == .failure(.malformed))
        #expect(PhotoImage.inspect(TestImages.png(end: false)) == .failure(.malformed))
        #expect(PhotoImage.inspect(TestImages.png(width: 9_000, height: 1)) == .failure(.tooLarge(width: 9_000, height: 1)))
    }

    @Test func everyTruncationIsRefusedAndNothingCrashes() {
        for image in [TestImages.png(width: 3, height: 3), TestImages.jpeg()] {
            for length in 0..<image.count {
                if case .success = PhotoImage.inspect(image.prefix(length)) { Issue.record("\(length) of \(image.count) bytes accepted") }
            }
        }
        var generator = SystemRandomNumberGenerator()
        for magic in [[0xFF, 0xD8, 0xFF], [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBP".utf8)] as [[UInt8]] {
            for _ in 0..<300 {
                let noise = (0..<Int.random(in: 0..<64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                _ = PhotoImage.inspect(Data(magic + noise))
            }
        }
    }

    @Test func theOwnerGetsThePhotosBackByteIdenticalAndNoOneElseDoes() async throws {
        let env = try await ConcernsTestEnvironment.make(configuration: Self.configuration)
        let png = TestImages.png(width: 4, height: 3)
        let jpeg = TestImages.jpeg()
        try await env.test { client in
            var owner = try await PageBrowser.signedIn(client, as: City.resident1Token, environment: env.environment)
            _ = try await owner.get("/concerns/new")
            var form = MultipartPost(fields: [("category", "water-leak"), ("title", "地下车库积水"), ("description", "B2 层积水到脚踝")])
            // The client's claimed types are wrong on purpose: the bytes decide.
            form.files = [
                .init(filename: "a.jpg", contentType: "image/jpeg", bytes: png),
                .init(filename: "b.bin", contentType: "application/octet-stream", bytes: jpeg),
            ]
            let posted = try await owner.postMultipart("/concerns", form)
            #expect(posted.status == .seeOther)
            let location = try #require(posted.headers[.location])
            let id = try #require(Int(location.replacingOccurrences(of: "/concerns/", with: "")))

            let stored = try await env.pool.query(
                "SELECT position::int8, mime, width::int8, height::int8, size::int8, sha256 = sha256(bytes) FROM concerns.concern_photos WHERE concern_id = \(id) ORDER BY position"
            )
            let rows = try stored.map { row in
                (
                    try row.decode(0, as: Int.self), try row.decode(1, as: String.self), try row.decode(2, as: Int.self),
                    try row.decode(3, as: Int.self),
                    try row.decode(4, as: Int.self), try row.decode(5, as: Bool.self)
                )
            }
            #expect(rows.count == 2)
            #expect(rows.first.map { $0.1 == "image/png" && $0.2 == 4 && $0.3 == 3 && $0.4 == png.count && $0.5 } == true)
            #expect(rows.last.map { $0.1 == "image/jpeg" && $0.2 == 8 && $0.3 == 8 && $0.4 == jpeg.count && $0.5 } == true)

            let first = try await owner.photo("/concerns/\(id)/photos/1")
            #expect(first.status == .ok && first.bytes == png)
            #expect(first.headers[.contentType] == "image/png")
            #expect(first.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(first.headers[.cacheControl]?.hasPrefix("private, max-age=") == true)
            #expect(first.headers[.contentDisposition] == "inline")
            let second = try await owner.photo("/concerns/\(id)/photos/2")
            #expect(second.status == .ok && second.bytes == jpeg && second.headers[.contentType] == "image/jpeg")
            #expect(try await owner.photo("/concerns/\(id)/photos/3").status == .notFound)

            // Another compound's resident: the same 404 as for a missing concern, and no bytes.
            let stranger = try await PageBrowser.signedIn(client, as: City.residentBToken, environment: env.environment)
            let refused = try await stranger.photo("/concerns/\(id)/photos/1")
            #expect(refused.status == .notFound && refused.bytes != png)
            let missing = try await stranger.photo("/concerns/999999/photos/1")
            #expect(missing.status == .notFound)
            // A neighbour in the same compound sees the concern's public side only: no photo either.
            let neighbour = try await PageBrowser.signedIn(client, as: City.resident2Token, environment: env.environment)
            #expect(try await neighbour.photo("/concerns/\(id)/photos/1").status == .notFound)
            // Their head sees the household's concern and its photos; so does the compound's secretary.
            let head = try await PageBrowser.signedIn(client, as: City.head, environment: env.environment)
            #expect(try await head.photo("/concerns/\(id)/photos/2").bytes == jpeg)
            let secretary = try await PageBrowser.signedIn(client, as: City.secretaryA, environment: env.environment)
            #expect(try await secretary.photo("/concerns/\(id)/photos/1").bytes == png)
        }
    }

    @Test func refusedUploadsStoreNothing() async throws {
        let env = try await ConcernsTestEnvironment.make(configuration: Self.configuration)
        try await env.test { client in
            var browser = try await PageBrowser.signedIn(client, as: City.resident1Token, environment: env.environment)
            _ = try await browser.get("/concerns/new")
            let fields = [("category", "noise"), ("title", "楼上装修噪音")]
            func post(_ files: [MultipartPost.File], description: String? = nil, csrf: Bool = true) async throws -> (HTTPResponse.Status, String) {
                var form = MultipartPost(fields: fields, files: files)
                if let description { form.fields.append(("description", description)) }
                let answer = try await browser.postMultipart("/concerns", form, csrf: csrf)
                return (answer.status, answer.html)
            }
            let png = MultipartPost.File(filename: "p.png", contentType: "image/png", bytes: TestImages.png())

            // A text file renamed .png, claimed as image/png: 415, as the Chinese error page.
            let text = try await post([png, .init(filename: "notes.png", contentType: "image/png", bytes: Data("这不是图片".utf8))])
            #expect(text.0 == .unsupportedMediaType)
            #expect(text.1.contains("<html") && text.1.contains(WebStrings.Errors.unsupported))
            // One photo over the photo limit (a valid PNG padded to 100 KiB): 413.
            let big = MultipartPost.File(filename: "big.png", contentType: "image/png", bytes: TestImages.png(padding: 100 * 1_024))
            let tooBig = try await post([png, big])
            #expect(tooBig.0 == .contentTooLarge && tooBig.1.contains(WebStrings.Errors.tooLarge))
            // The whole post over the upload limit, though each photo is small: 413.
            #expect(try await post([png], description: String(repeating: "水", count: 100_000)).0 == .contentTooLarge)
            // Four photos: refused.
            let four = try await post([png, png, png, png])
            #expect(four.0 == .unprocessableContent)
            // A JPEG cut short, and a PNG 9000 px wide: refused as broken or too large.
            #expect(
                try await post([.init(filename: "c.jpg", contentType: "image/jpeg", bytes: TestImages.jpeg(end: false))]).0 == .unprocessableContent
            )
            #expect(
                try await post([.init(filename: "w.png", contentType: "image/png", bytes: TestImages.png(width: 9_000, height: 1))]).0
                    == .unprocessableContent
            )
            // Without the CSRF token: 403.
            #expect(try await post([png], csrf: false).0 == .forbidden)
            // A bad field after good photos: the desk refuses, and the photos are not kept either.
            var unknown = MultipartPost(fields: [("category", "no-such-category"), ("title", "标题")], files: [png])
            unknown.fields.insert(("_csrf", browser.cookies[SessionCookies.csrf] ?? ""), at: 0)
            #expect(try await browser.postMultipart("/concerns", unknown, csrf: false).status == .unprocessableContent)
        }
        #expect(try await env.count("SELECT count(*) FROM concerns.concerns") == 0)
        #expect(try await env.count("SELECT count(*) FROM concerns.concern_photos") == 0)
        #expect(try await env.published(ConcernRaised.self).isEmpty)
    }

    @Test func theTokenMayComeInTheHeaderAndAnAPIClientGetsProblems() async throws {
        let env = try await ConcernsTestEnvironment.make(configuration: Self.configuration)
        let png = MultipartPost.File(filename: "p.png", contentType: "image/png", bytes: TestImages.png())
        try await env.test { client in
            var browser = try await PageBrowser.signedIn(client, as: City.resident1Token, environment: env.environment)
            _ = try await browser.get("/concerns/new")
            let token = try #require(browser.cookies[SessionCookies.csrf])
            let form = MultipartPost(fields: [("category", "noise"), ("title", "广场舞音响太响")], files: [png])
            // A wrong token in the field: 403.
            var wrong = form
            wrong.fields.insert(("_csrf", String(token.reversed())), at: 0)
            #expect(try await browser.postMultipart("/concerns", wrong, csrf: false).status == .forbidden)
            // The right token in the X-CSRF-Token header instead of the field: raised.
            var headers = HTTPFields()
            headers[.cookie] = browser.cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            headers[.contentType] = "multipart/form-data; boundary=\(form.boundary)"
            headers[CSRFProtection.header] = token
            let status = try await client.execute(uri: "/concerns", method: .post, headers: headers, body: form.body) { $0.status }
            #expect(status == .seeOther)
            // An API client (bearer token, JSON accepted) gets problem+json for a file that is not an image.
            var api = try await env.environment.authorization(City.resident1Token)
            let text = MultipartPost(fields: form.fields, files: [.init(filename: "x.png", contentType: "image/png", bytes: Data("%PDF-1.4".utf8))])
            api[.contentType] = "multipart/form-data; boundary=\(text.boundary)"
            api[.accept] = "application/json"
            let problem = try await client.execute(uri: "/concerns", method: .post, headers: api, body: text.body) { response in
                (response.status, response.headers[.contentType], String(buffer: response.body))
            }
            #expect(problem.0 == .unsupportedMediaType && problem.1?.hasPrefix("application/problem+json") == true)
            #expect(problem.2.contains("not-an-image"))
        }
        #expect(try await env.count("SELECT count(*) FROM concerns.concerns") == 1)
        #expect(try await env.count("SELECT count(*) FROM concerns.concern_photos") == 1)
    }
}
