import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import ServiceKit

/// A browser on a service's pages: HTML accepted, its cookies kept (the session's access cookie for a
/// principal, the CSRF cookie the pages set), forms posted urlencoded with the CSRF token unless told not to.
public struct PageBrowser: Sendable {
    public let client: any TestClientProtocol
    public var cookies: [String: String] = [:]

    public struct Page: Sendable {
        public let status: HTTPResponse.Status
        public let headers: HTTPFields
        public let html: String

        /// Whether the page carries the web kit's security headers.
        public var isGuarded: Bool {
            headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff" && headers[.cacheControl] == "no-store"
                && headers[HTTPField.Name("Content-Security-Policy")!]?.contains("frame-ancestors 'none'") == true
                && headers[HTTPField.Name("X-Frame-Options")!] == "DENY" && headers[HTTPField.Name("Referrer-Policy")!] != nil
        }
    }

    public init(client: any TestClientProtocol) { self.client = client }

    /// A browser signed in as `principal` (the access cookie holds a token the test issuer minted).
    public static func signedIn(_ client: any TestClientProtocol, as principal: Principal?, environment: ServiceTestEnvironment) async throws -> Self
    {
        var browser = PageBrowser(client: client)
        if let principal { browser.cookies[SessionCookies.access] = try await environment.tokens.mint(principal) }
        return browser
    }

    public mutating func get(_ uri: String) async throws -> Page { try await send(uri, .get, body: nil) }

    public mutating func post(_ uri: String, _ fields: [String: String], csrf: Bool = true) async throws -> Page {
        var fields = fields
        if csrf, let token = cookies[SessionCookies.csrf] { fields["_csrf"] = token }
        let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        return try await send(uri, .post, body: body)
    }

    private mutating func send(_ uri: String, _ method: HTTPRequest.Method, body: String?) async throws -> Page {
        var headers = HTTPFields()
        headers[.accept] = "text/html,application/xhtml+xml,*/*;q=0.8"
        if !cookies.isEmpty { headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        let page = try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            Page(status: response.status, headers: response.headers, html: String(buffer: response.body))
        }
        for cookie in page.headers[values: .setCookie] {
            let pair = cookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if pair.count == 2 { cookies[String(pair[0])] = String(pair[1]) }
        }
        return page
    }
}
