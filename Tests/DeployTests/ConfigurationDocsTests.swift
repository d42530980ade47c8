import Foundation
import Testing

/// "One documented list": every `LINLI_…` key the services read is explained in `docs/`.
@Suite("Every configuration key the code reads is documented")
struct ConfigurationDocsTests {
    /// The keys named as string literals in the services' and the shared libraries' code (not the benchmarks').
    static func keysInCode() throws -> Set<String> {
        let pattern = try NSRegularExpression(pattern: "\"(LINLI_[A-Z0-9_]+)\"")
        var keys = Set<String>()
        for folder in ["Shared", "Services"] {
            let root = DeploymentFiles.root.appendingPathComponent(folder)
            let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
            for file in files where file.pathExtension == "swift" && !file.path.contains("/Services/LinliBench/") {
                let text = try String(contentsOf: file, encoding: .utf8)
                for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    keys.insert((text as NSString).substring(with: match.range(at: 1)))
                }
            }
        }
        return keys
    }

    @Test func everyKeyIsInTheOperationsGuideOrItsServicePage() throws {
        let docs = DeploymentFiles.root.appendingPathComponent("docs")
        let pages = try FileManager.default.contentsOfDirectory(at: docs, includingPropertiesForKeys: nil).filter { $0.pathExtension == "md" }
        let text = try pages.map { try String(contentsOf: $0, encoding: .utf8) }.joined(separator: "\n")
        let keys = try Self.keysInCode()
        #expect(keys.count >= 30, "found only \(keys.count) keys: is the scan still looking in the right place?")
        let undocumented = keys.filter { !text.contains("`\($0)`") }.sorted()
        #expect(undocumented.isEmpty, "not documented in docs/*.md: \(undocumented)")
    }
}
