import Foundation

/// The JSON conventions of every payload and event: ISO 8601 dates with fractional seconds (read
/// with or without them) and sorted keys, so equal values encode to equal bytes and golden fixtures are stable.
public enum LinliJSON {
    private static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let whole = Date.ISO8601FormatStyle()

    /// A new encoder with the conventions.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(fractional.format(date))
        }
        return encoder
    }

    /// A new decoder with the conventions.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            if CivilDay.isImpossible(text) {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "names a day that does not exist: \(text)")
            }
            if let date = try? fractional.parse(text) { return date }
            if let date = try? whole.parse(text) { return date }
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected an ISO 8601 date, got \(text)")
        }
        return decoder
    }

    /// Encodes a value to UTF-8 JSON bytes.
    public static func encode(_ value: some Encodable) throws -> [UInt8] {
        Array(try makeEncoder().encode(value))
    }

    static func data(_ bytes: [UInt8]) -> Data { Data(bytes) }
}
