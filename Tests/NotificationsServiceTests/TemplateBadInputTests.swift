import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import ServiceKit
import ServiceTestSupport
import Testing

@testable import NotificationsService

/// Bad input that schemathesis (`scripts/fuzz-api`) found taking the notifications service down.
@Suite("Template previews survive any JSON number in their context")
struct TemplateBadInputTests {
    struct Preview: Decodable { let rendered: String }

    @Test func aHugeNumberInAPreviewContextIsRenderedNotTrappedOn() async throws {
        let env = try await NotificationsTestEnvironment.make()
        try await env.test { client in
            // 3.4e38 is a whole number beyond Int: converting it trapped and crashed the process.
            try await client.execute(
                uri: "/v1/templates/preview",
                method: .post,
                headers: try await env.headers(NotificationsTestEnvironment.admin),
                body: ByteBuffer(
                    string:
                        #"{"kind":"activity.published","channel":"inbox","body":"{{big}} {{small}}","context":{"big":3.402823466e+38,"small":42}}"#
                )
            ) { response in
                #expect(response.status == .ok)
                let rendered = try response.decode(Preview.self).rendered
                #expect(rendered.contains("3.402823466e+38"))
                #expect(rendered.contains("42"))
            }
        }
    }

    @Test func wholeAndFractionalNumbersDecodeAsTheirText() throws {
        let decode = { (json: String) in try JSONDecoder().decode(TemplateValue.self, from: Data(json.utf8)) }
        #expect(try decode("12") == .text("12"))
        #expect(try decode("1.5") == .text("1.5"))
        #expect(try decode("1e300") == .text("1e+300"))
    }
}
