import Foundation
import Processes
import Testing

@Suite("Kubernetes manifests render, validate and match the code")
struct KubernetesTests {
    @Test func theProductionOverlayRendersAndValidates() async throws {
        let rendered = try await DeploymentFiles.render("deploy/k8s/overlays/production")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("linli-k8s-\(UUID().uuidString).yaml")
        try rendered.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let validator = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/kubernetes-validate" }
            .first(where: FileManager.default.isExecutableFile(atPath:))
        let validatorPath = try #require(validator, "kubernetes-validate is not installed (scripts/test installs it)")
        let (status, output) = try await ChildProcess.run(validatorPath, ["-k", "1.32.0", "--strict", "--quiet", file.path])
        #expect(status == 0, "\(output)")
    }

    @Test func everyServiceHasWhatItNeedsToRunSafely() async throws {
        let documents = try DeploymentFiles.documents(try await DeploymentFiles.render("deploy/k8s/overlays/production"))
        func find(_ kind: String, _ name: String) -> [String: Any]? {
            documents.first { $0["kind"] as? String == kind && $0[path: ["metadata", "name"]] as? String == name }
        }
        let secret = try #require(find("Secret", "linli-app"))
        let secretKeys = Set((secret["stringData"] as? [String: Any] ?? [:]).keys)
        for (service, required) in DeploymentFiles.services {
            let name = "linli-\(service)"
            let deployment = try #require(find("Deployment", name), "no Deployment \(name)")
            for kind in ["Service", "PodDisruptionBudget", "HorizontalPodAutoscaler"] { #expect(find(kind, name) != nil, "no \(kind) \(name)") }
            let pod = try #require(deployment[path: ["spec", "template", "spec"]] as? [String: Any])
            #expect((pod["terminationGracePeriodSeconds"] as? Int ?? 0) > 30, "\(name): the grace period must outlast the 20 s graceful shutdown")
            let container = try #require((pod["containers"] as? [[String: Any]])?.first)
            #expect(container[path: ["readinessProbe", "httpGet", "path"]] as? String == "/readyz")
            #expect(container[path: ["livenessProbe", "httpGet", "path"]] as? String == "/healthz")
            let env = container["env"] as? [[String: Any]] ?? []
            let names = Set(env.compactMap { $0["name"] as? String })
            for key in required { #expect(names.contains(key), "\(name) lacks \(key)") }
            for variable in env {
                if let key = variable[path: ["valueFrom", "secretKeyRef", "key"]] as? String {
                    #expect(secretKeys.contains(key), "\(name) refers to a secret key \(key) that linli-app lacks")
                }
            }
            let image = container["image"] as? String ?? ""
            #expect(image.hasSuffix("linli-\(service):1.0.0"), "\(name) image \(image)")
        }
        #expect(find("Job", "linli-migrate") != nil)
        #expect(find("Cluster", "linli-db") != nil)
    }

    @Test func theRolesScriptIsTheSameEverywhere() throws {
        #expect(try DeploymentFiles.text("deploy/sql/roles.sql") == DeploymentFiles.text("deploy/k8s/base/roles.sql"))
    }
}
