import Foundation
import Testing

@Suite("docker-compose.yml and the Dockerfile match the code")
struct ComposeTests {
    @Test func everyServiceIsBuiltConfiguredAndPublished() throws {
        let compose = try #require(try DeploymentFiles.documents(try DeploymentFiles.text("docker-compose.yml")).first)
        let services = try #require(compose["services"] as? [String: Any])
        for name in ["postgres", "roles", "migrate"] { #expect(services[name] != nil, "no \(name)") }
        var ports = Set<String>()
        for (service, required) in DeploymentFiles.services {
            let entry = try #require(services[service] as? [String: Any], "compose has no \(service)")
            #expect(entry[path: ["build", "args", "SERVICE"]] as? String == service)
            let environment = entry["environment"] as? [String: Any] ?? [:]
            for key in required { #expect(environment[key] != nil, "compose \(service) lacks \(key)") }
            let url = environment["LINLI_DATABASE_URL"] as? String ?? ""
            #expect(url.hasPrefix("postgresql://linli_\(service):"), "\(service) must connect with its own role")
            let mapping = (entry["ports"] as? [String])?.first ?? ""
            #expect(mapping.hasSuffix(":8080"))
            ports.insert(mapping)
        }
        #expect(ports.count == DeploymentFiles.services.count, "two services publish the same port")
    }

    @Test func theImageRunsAsANonRootUserWithAHealthCheck() throws {
        let dockerfile = try DeploymentFiles.text("deploy/Dockerfile")
        #expect(dockerfile.contains("HEALTHCHECK"))
        #expect(dockerfile.contains("/healthz"))
        #expect(dockerfile.contains("USER 10001"))
        #expect(dockerfile.contains("libpq5"))
        #expect(dockerfile.contains("*.resources"))  // migrations and OpenAPI documents ship beside the binaries
    }
}
