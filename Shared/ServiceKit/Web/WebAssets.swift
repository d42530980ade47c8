import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The web kit's static assets, served by every service on its public port so the front door may
/// route `/assets/` to any of them: the stylesheet at a name that carries a hash of its content,
/// cached for a year (`immutable`), so a page after the first costs its HTML only.
public enum WebAssets {
    /// `/assets/linli-<hash>.css`.
    public static let stylesheetPath: String = {
        let digest = SHA256.hash(data: Data(WebStylesheet.text.utf8))
        let hex = digest.prefix(6).map { String(format: "%02x", $0) }.joined()
        return "/assets/linli-\(hex).css"
    }()

    static let stylesheet = ByteBuffer(string: WebStylesheet.text)

    /// Adds `GET /assets/linli-<hash>.css`; another hash is 404 (the router's), never a stale sheet.
    static func add(to router: Router<some RequestContext>) {
        router.get(RouterPath(stringLiteral: stylesheetPath)) { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/css; charset=utf-8"
            headers[.cacheControl] = "public, max-age=31536000, immutable"
            headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: stylesheet))
        }
    }
}
