import Foundation
import HTTPTypes
import Hummingbird

extension Request {
    /// Whether the request was addressed to a loopback host (`127.0.0.1`, `localhost`, `[::1]`): a
    /// developer's machine on plain HTTP, where cookies cannot be `Secure`.
    public var isLoopback: Bool {
        guard let host = requestHost else { return false }
        return host == "localhost" || host == "127.0.0.1" || host == "[::1]" || host == "::1" || host.hasPrefix("127.")
    }

    /// The host the request was addressed to, without its port, lowercased.
    var requestHost: String? {
        guard let authority = requestAuthority else { return nil }
        if authority.hasPrefix("[") { return authority.split(separator: "]").first.map { $0 + "]" }?.lowercased() }
        return authority.split(separator: ":").first.map { String($0).lowercased() }
    }

    /// `host[:port]` the request was addressed to (HTTP/1's `Host`, HTTP/2's `:authority`).
    var requestAuthority: String? {
        head.authority ?? headers[HTTPField.Name("Host")!]
    }

    /// Whether the client prefers an HTML page to JSON: a browser opening a page or posting a form
    /// sends `Accept: text/html,…`; API clients send `application/json` or nothing.
    public var prefersHTML: Bool {
        guard let accept = headers[.accept]?.lowercased() else { return false }
        var html: Double = 0
        var json: Double = 0
        for item in accept.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            switch parts.first {
            case "text/html", "application/xhtml+xml": html = max(html, quality)
            case "application/json", "application/problem+json": json = max(json, quality)
            default: break
            }
        }
        return html > 0 && html >= json
    }

    /// The path and query of the request, as a `next` to come back to after signing in.
    public var pathAndQuery: String {
        uri.query.map { uri.path + "?" + $0 } ?? uri.path
    }
}

/// Where a sign-in may send the browser afterwards: only a path on the same origin.
public enum ReturnPath {
    /// `next` when it is a same-origin relative path (`/…`, no `//`, no scheme, no backslash or
    /// control character), else `fallback`.
    public static func safe(_ next: String?, fallback: String = "/") -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), next.count <= 2_000 else { return fallback }
        if next.contains("\\") || next.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return fallback }
        let path = next.split(separator: "?", maxSplits: 1).first.map(String.init) ?? next
        if path.contains(":") && path.split(separator: "/").first?.contains(":") == true { return fallback }
        return next
    }

    /// `next` percent-encoded for a query string.
    public static func encoded(_ next: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#")
        return next.addingPercentEncoding(withAllowedCharacters: allowed) ?? "/"
    }
}
