import Foundation

/// Real, small images built byte by byte: a PNG with correct CRCs and a zlib stream of stored
/// blocks, and a baseline grey JPEG with one-code Huffman tables; both decode in any viewer.
enum TestImages {
    /// A `width`×`height` red PNG, with `padding` bytes of an ancillary `tEXt` chunk (to make it big).
    static func png(width: Int = 2, height: Int = 2, padding: Int = 0, end: Bool = true) -> Data {
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var header = Data()
        header.append(be32(width))
        header.append(be32(height))
        header.append(contentsOf: [8, 2, 0, 0, 0])  // 8-bit RGB, deflate, no filter, no interlace
        png.append(chunk("IHDR", header))
        if padding > 0 { png.append(chunk("tEXt", Data("Comment\u{0}".utf8) + Data(repeating: 0x41, count: padding))) }
        var raw = Data()
        for _ in 0..<height {
            raw.append(0)  // filter: none
            for _ in 0..<width { raw.append(contentsOf: [0xC0, 0x39, 0x2B]) }
        }
        png.append(chunk("IDAT", zlibStored(raw)))
        if end { png.append(chunk("IEND", Data())) }
        return png
    }

    /// An 8×8 mid-grey baseline JPEG: every coefficient zero, coded with one-symbol Huffman tables.
    /// - Parameter exif: adds a JFIF APP0 and an Exif APP1 segment before the tables, as phones write them.
    static func jpeg(end: Bool = true, exif: Bool = false) -> Data {
        var jpeg = Data([0xFF, 0xD8])
        if exif {
            jpeg.append(contentsOf: [0xFF, 0xE0, 0x00, 0x10] + Array("JFIF\u{0}".utf8) + [1, 1, 0, 0, 1, 0, 1, 0, 0])
            let tiff: [UInt8] = Array("Exif\u{0}\u{0}MM".utf8) + [0x00, 0x2A, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0]
            jpeg.append(contentsOf: [0xFF, 0xE1, 0x00, UInt8(tiff.count + 2)] + tiff)
        }
        jpeg.append(contentsOf: [0xFF, 0xDB, 0x00, 0x43, 0x00] + [UInt8](repeating: 1, count: 64))  // DQT
        jpeg.append(contentsOf: [0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00])  // SOF0 8×8, grey
        let oneSymbol: [UInt8] = [1] + [UInt8](repeating: 0, count: 15) + [0x00]
        jpeg.append(contentsOf: [0xFF, 0xC4, 0x00, 0x14, 0x00] + oneSymbol)  // DC table 0: category 0
        jpeg.append(contentsOf: [0xFF, 0xC4, 0x00, 0x14, 0x10] + oneSymbol)  // AC table 0: EOB
        jpeg.append(contentsOf: [0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00])  // SOS
        jpeg.append(0x3F)  // DC 0, EOB, padded with ones
        if end { jpeg.append(contentsOf: [0xFF, 0xD9]) }
        return jpeg
    }

    private static func chunk(_ type: String, _ data: Data) -> Data {
        let typed = Data(type.utf8) + data
        return be32(data.count) + typed + be32(Int(crc32(typed)))
    }

    private static func zlibStored(_ data: Data) -> Data {
        var out = Data([0x78, 0x01])
        let length = UInt16(data.count)
        out.append(contentsOf: [0x01, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)])
        out.append(data)
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return out + be32(Int(b << 16 | a))
    }

    private static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    private static func be32(_ value: Int) -> Data {
        Data([UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
    }
}
