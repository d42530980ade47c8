import Foundation
import Models
import Testing

@Suite("Every cross-service contract is pinned by a golden JSON fixture")
struct ContractTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Encodes a value, compares with its fixture, and decodes the fixture back to an equal value.
    func check<T: JobPayload & Equatable>(_ value: T, file: String) throws {
        let url = Self.fixtures.appendingPathComponent("\(file).json")
        let encoded = String(decoding: try LinliJSON.encode(value), as: UTF8.self)
        if ProcessInfo.processInfo.environment["LINLI_UPDATE_FIXTURES"] == "1" {
            try (encoded + "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOf: url, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(encoded == golden, "\(file) no longer encodes as its fixture: add a new version instead of changing this one")
        let decoded = try T.decode(version: T.version, from: Array(golden.utf8))
        #expect(decoded == value)
        #expect(file.hasPrefix(T.kind + ".v\(T.version)"))
    }

    @Test func everyContractMatchesItsFixture() throws {
        for (file, value) in EventFixtures.all {
            try open(value, file: file)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path).filter { $0.hasSuffix(".json") }
        #expect(files.count == EventFixtures.all.count, "a fixture without a sample, or a sample without a fixture")
    }

    private func open(_ value: any JobPayload, file: String) throws {
        func typed<T: JobPayload>(_ value: T) throws {
            guard let equatable = value as? any (JobPayload & Equatable) else { return }
            try check(equatable, file: file)
        }
        try typed(value)
    }

    @Test func eventIDsAreDeterministic() {
        let placement = EventFixtures.placement
        let first = ResidentRegistered(residentID: 1, name: "a", phone: nil, birthYear: nil, placement: placement, registeredAt: Date(), revision: 3)
        var second = first
        second.name = "b"
        #expect(first.eventID == "resident.registered:1:3")
        #expect(second.eventID == first.eventID)
        #expect(ResidentRegistered.kind == ResidentRegistered.topic)
    }

    @Test func newerOptionalFieldsDoNotBreakOlderReaders() throws {
        let json = #"{"compoundID":42,"chatID":8,"name":"群","revision":1,"addedLater":"ignored"}"#
        let decoded = try GroupChatChanged.decode(version: 1, from: Array(json.utf8))
        #expect(decoded.robotWebhook == nil)
        #expect(decoded.name == "群")
    }
}
