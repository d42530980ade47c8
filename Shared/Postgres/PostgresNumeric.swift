/// Conversion of `numeric` values from PostgreSQL's binary format (base-10000 digits).
enum PostgresNumeric {
    /// The value as decimal text, e.g. `-12.3400` (keeps the column's scale), `NaN`, `Infinity`.
    static func string(from bytes: UnsafeRawBufferPointer) throws(PostgresDecodingFailure) -> String {
        var reader = BinaryReader(bytes)
        guard let digitCount = reader.read(Int16.self), let weight = reader.read(Int16.self),
            let sign = reader.read(UInt16.self), let scale = reader.read(Int16.self), digitCount >= 0
        else { throw .malformed }
        switch sign {
        case 0xC000: return "NaN"
        case 0xD000: return "Infinity"
        case 0xF000: return "-Infinity"
        case 0x0000, 0x4000: break
        default: throw .malformed
        }
        var digits: [Int16] = []
        for _ in 0..<digitCount {
            guard let digit = reader.read(Int16.self), (0..<10_000).contains(digit) else { throw .malformed }
            digits.append(digit)
        }
        var integerPart = ""
        if weight < 0 {
            integerPart = "0"
        } else {
            for index in 0...Int(weight) {
                let digit = index < digits.count ? Int(digits[index]) : 0
                integerPart += index == 0 ? String(digit) : pad4(digit)
            }
        }
        var fraction = ""
        if scale > 0 {
            var index = Int(weight) + 1
            while fraction.count < Int(scale) {
                let digit = index >= 0 && index < digits.count ? Int(digits[index]) : 0
                fraction += pad4(digit)
                index += 1
            }
            fraction = String(fraction.prefix(Int(scale)))
        }
        let magnitude = fraction.isEmpty ? integerPart : integerPart + "." + fraction
        return sign == 0x4000 ? "-" + magnitude : magnitude
    }

    private static func pad4(_ digit: Int) -> String {
        let text = String(digit)
        return String(repeating: "0", count: 4 - text.count) + text
    }
}
