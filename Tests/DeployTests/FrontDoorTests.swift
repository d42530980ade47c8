import Foundation
import Testing

/// The front door's routing table (deploy/nginx/linli.conf.template), matched the way nginx matches
/// locations: the longest prefix, unless it is not `^~` and a regular expression (in order) matches.
struct FrontDoorTable {
    struct Location {
        let prefix: String?
        let regex: Regex<AnyRegexOutput>?
        let stopsRegex: Bool
        let upstream: String?
    }

    let locations: [Location]

    init(_ text: String) throws {
        var locations: [Location] = []
        for line in text.split(separator: "\n") {
            let words = line.trimmingCharacters(in: .whitespaces).split(separator: " ", omittingEmptySubsequences: true)
            guard words.first == "location", words.count >= 3 else { continue }
            let upstream = line.firstMatch(of: /proxy_pass http:\/\/([a-z]+);/).map { String($0.1) }
            switch words[1] {
            case "~":
                locations.append(.init(prefix: nil, regex: try Regex(String(words[2])), stopsRegex: false, upstream: upstream))
            case "^~":
                locations.append(.init(prefix: String(words[2]), regex: nil, stopsRegex: true, upstream: upstream))
            default:
                locations.append(.init(prefix: String(words[1]), regex: nil, stopsRegex: false, upstream: upstream))
            }
        }
        self.locations = locations
    }

    /// The upstream serving `path` (`nil`: answered by nginx itself, e.g. the 404 of /v1/admin).
    func upstream(for path: String) -> String? {
        let prefix = locations.filter { $0.prefix.map(path.hasPrefix) ?? false }.max { $0.prefix!.count < $1.prefix!.count }
        if let prefix, prefix.stopsRegex { return prefix.upstream }
        if let regex = locations.first(where: { $0.regex.map { path.wholeMatch(of: $0) != nil } ?? false }) { return regex.upstream }
        return prefix?.upstream
    }
}

@Suite("The front door routes every API path and every page to the service that owns it")
struct FrontDoorTests {
    static let services = ["registry", "calendar", "notifications", "analytics", "concerns"]

    static func table() throws -> FrontDoorTable {
        try FrontDoorTable(try DeploymentFiles.text("deploy/nginx/linli.conf.template"))
    }

    @Test func everyPathOfEveryOpenAPIDocumentReachesItsService() throws {
        let table = try Self.table()
        var checked = 0
        for service in Self.services {
            let document = try DeploymentFiles.text("Services/\(service.prefix(1).uppercased() + service.dropFirst())/openapi.yaml")
            for match in document.matches(of: /\n  (\/v1\/[^:\s]+):/) {
                let path = String(match.1).replacingOccurrences(of: "{", with: "x").replacingOccurrences(of: "}", with: "")
                if path.hasPrefix("/v1/admin/") {
                    // Each service's own queue admin: not behind the one origin.
                    #expect(table.upstream(for: path) == nil, "\(path) must not be routed")
                    continue
                }
                #expect(table.upstream(for: path) == service, "\(path) of \(service) goes to \(table.upstream(for: path) ?? "nothing")")
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    @Test func everyPageReachesTheServiceThatRendersIt() throws {
        let table = try Self.table()
        let pages = [
            "/": "registry", "/auth/sign-in": "registry", "/points": "registry", "/assets/linli-0123456789ab.css": "registry",
            "/activities/12": "calendar", "/activities/12/sign-up": "calendar", "/festival": "calendar", "/tickets/3": "calendar",
            "/check-in/12/20261212T143000": "calendar", "/households": "calendar", "/inbox": "notifications",
            "/inbox/7/read": "notifications", "/concerns/new": "concerns", "/dashboard": "analytics",
        ]
        for (path, service) in pages { #expect(table.upstream(for: path) == service, "\(path)") }
        // The SSE stream is not buffered (a resident's inbox updates live).
        #expect(
            try DeploymentFiles.text("deploy/nginx/linli.conf.template").contains(
                "location /v1/inbox/stream { proxy_pass http://notifications; proxy_buffering off;"
            )
        )
    }

    @Test func theFrontDoorKeepsHostCompressesAndTakesThreePhotos() throws {
        let text = try DeploymentFiles.text("deploy/nginx/linli.conf.template")
        #expect(text.contains("proxy_set_header Host $http_host;"))
        #expect(text.contains("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;"))
        #expect(text.contains("gzip on;"))
        #expect(text.contains("client_max_body_size 16m;"))
        #expect(text.contains("server_tokens off;"))
        for service in Self.services { #expect(text.contains("upstream \(service) { server @\(service.uppercased())@;")) }
    }
}

@Suite("The cluster's Ingress holds the front door's table")
struct IngressTableTests {
    @Test func theIngressRoutesEveryPrefixOfTheFrontDoorToTheSameService() throws {
        let nginx = try DeploymentFiles.text("deploy/nginx/linli.conf.template")
        let ingress = try DeploymentFiles.text("deploy/k8s/base/ingress.yaml")
        var prefixes = 0
        for match in nginx.matches(of: /location (?:\^~ )?(\/[^ ]*) \{ proxy_pass http:\/\/([a-z]+);/) {
            let prefix = match.1.count > 1 && match.1.hasSuffix("/") ? String(match.1.dropLast()) : String(match.1)
            #expect(ingress.contains("{path: \(prefix), pathType: Prefix, backend: {service: {name: linli-\(match.2),"), "\(prefix)")
            prefixes += 1
        }
        #expect(prefixes >= 30)
        #expect(
            ingress.contains("/v1/residents/[^/]+/preferences$\", pathType: ImplementationSpecific, backend: {service: {name: linli-notifications")
        )
        #expect(!ingress.contains("path: /v1/admin"))
    }
}
