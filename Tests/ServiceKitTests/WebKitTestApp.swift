import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ServiceKit
import ServiceTestSupport

/// A service's router with the web kit installed (as every service has it) and two routes: a page
/// that shows a form, and a form post that answers the caller's subject.
enum WebKitTestApp {
    static let openAPI = "openapi: 3.1.0\npaths: {}\n"

    static func make(_ label: String = #function) async throws -> (ServiceTestEnvironment, some ApplicationProtocol) {
        let environment = try await ServiceTestEnvironment.make(service: "web", migrations: [], openAPI: openAPI, label: label)
        let router = environment.runtime.makeRouter()
        router.get("/form") { request, _ in
            let csrf = CSRFProtection.token(for: request)
            return HTMLResponse.page("<form><input name=_csrf value=\(csrf.token)></form>", cookies: csrf.setCookie.map { [$0] } ?? [])
        }
        router.post("/v1/things") { _, context -> String in try context.requirePrincipal().subject }
        router.delete("/v1/things") { _, context -> String in try context.requirePrincipal().subject }
        router.get("/v1/things") { _, context -> String in try context.requirePrincipal().subject }
        return (environment, environment.runtime.makeApplication(router: router))
    }

    /// Headers of a browser with the given cookies (the router test client addresses requests to `localhost`).
    static func browser(cookies: [String: String], html: Bool = true) -> HTTPFields {
        var headers = HTTPFields()
        if html { headers[.accept] = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" }
        headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        return headers
    }

    /// A urlencoded form body.
    static func form(_ fields: [String: String]) -> ByteBuffer {
        ByteBuffer(
            string: fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        )
    }
}

extension HTTPFields {
    /// These headers with a form content type.
    var posting: HTTPFields {
        var headers = self
        headers[.contentType] = "application/x-www-form-urlencoded"
        return headers
    }
}
