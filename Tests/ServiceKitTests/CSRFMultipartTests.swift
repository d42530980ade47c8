import Foundation
import Testing

@testable import ServiceKit

@Suite("CSRF: the token of a multipart form")
struct CSRFMultipartTests {
    @Test func theFieldEndsAtItsLineBreak() {
        // In Swift "\r\n" is one Character: the value must stop there, not run on to the end of the body.
        let body =
            "--b\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nabc123\r\n--b\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\nx\r\n--b--\r\n"
        #expect(CSRFProtection.multipartField(body) == "abc123")
        #expect(CSRFProtection.multipartField("--b\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\nx\r\n--b--\r\n") == nil)
    }
}
