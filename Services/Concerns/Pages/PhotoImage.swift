import Foundation

/// A photo a resident uploaded, as its bytes say it is: the type from the magic bytes (never the
/// client's `Content-Type` or file name), the structure checked (a JPEG ends with its EOI marker, a
/// PNG has IHDR first and IEND last, a WebP's RIFF size matches) and the width and height read from
/// the header and bounded.
struct PhotoImage: Sendable, Equatable {
    /// The MIME types a photo may have.
    enum Kind: String, Sendable {
        case jpeg = "image/jpeg"
        case png = "image/png"
        case webp = "image/webp"
    }

    let kind: Kind
    let width: Int
    let height: Int
    let bytes: Data

    /// Why a file is not a photo we keep.
    enum Problem: Error, Equatable {
        /// The magic bytes are not those of a JPEG, PNG or WebP (415).
        case notAnImage
        /// It starts like one but is cut short or malformed (422).
        case malformed
        /// Wider or taller than ``PhotoImage/maxSide`` (422).
        case tooLarge(width: Int, height: Int)
    }

    /// The largest width or height accepted, in pixels.
    static let maxSide = 8_000

    /// Inspects uploaded bytes.
    static func inspect(_ data: Data) -> Result<PhotoImage, Problem> {
        let bytes = [UInt8](data)
        let kind: Kind
        let size: (width: Int, height: Int)?
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            kind = .jpeg
            size = jpegSize(bytes)
        } else if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            kind = .png
            size = pngSize(bytes)
        } else if bytes.count >= 12, bytes[0..<4].elementsEqual(Array("RIFF".utf8)), bytes[8..<12].elementsEqual(Array("WEBP".utf8)) {
            kind = .webp
            size = webpSize(bytes)
        } else {
            return .failure(.notAnImage)
        }
        guard let size, size.width > 0, size.height > 0 else { return .failure(.malformed) }
        guard size.width <= maxSide, size.height <= maxSide else { return .failure(.tooLarge(width: size.width, height: size.height)) }
        return .success(PhotoImage(kind: kind, width: size.width, height: size.height, bytes: data))
    }

    /// The frame size from the first SOF segment; nil unless the file ends with FF D9.
    static func jpegSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        guard bytes.count >= 4, bytes[bytes.count - 2] == 0xFF, bytes[bytes.count - 1] == 0xD9 else { return nil }
        var offset = 2
        while offset + 4 <= bytes.count {
            guard bytes[offset] == 0xFF else { return nil }
            let marker = bytes[offset + 1]
            if marker == 0xFF {  // fill byte
                offset += 1
                continue
            }
            if marker == 0x01 || (0xD0...0xD7).contains(marker) {  // markers without a length
                offset += 2
                continue
            }
            if marker == 0xD9 || marker == 0xDA { return nil }  // end, or scan data before any frame header
            let length = be16(bytes, offset + 2)
            guard length >= 2, offset + 2 + length <= bytes.count else { return nil }
            let isFrame = (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker)
            if isFrame {
                guard length >= 7 else { return nil }
                return (width: be16(bytes, offset + 7), height: be16(bytes, offset + 5))
            }
            offset += 2 + length
        }
        return nil
    }

    /// The size from IHDR (the first chunk); nil unless the last chunk is IEND.
    static func pngSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        guard bytes.count >= 8 + 25 + 12, be32(bytes, 8) == 13, bytes[12..<16].elementsEqual(Array("IHDR".utf8)) else { return nil }
        let end = bytes.count - 12
        guard be32(bytes, end) == 0, bytes[(end + 4)..<(end + 8)].elementsEqual(Array("IEND".utf8)) else { return nil }
        return (width: be32(bytes, 16), height: be32(bytes, 20))
    }

    /// The canvas size of a lossy (VP8), lossless (VP8L) or extended (VP8X) WebP; nil when the RIFF size does not match.
    static func webpSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        guard bytes.count >= 30, le32(bytes, 4) + 8 == bytes.count else { return nil }
        let chunk = String(decoding: bytes[12..<16], as: UTF8.self)
        switch chunk {
        case "VP8 ":
            guard bytes[23] == 0x9D, bytes[24] == 0x01, bytes[25] == 0x2A else { return nil }
            return (width: le16(bytes, 26) & 0x3FFF, height: le16(bytes, 28) & 0x3FFF)
        case "VP8L":
            guard bytes[20] == 0x2F else { return nil }
            let bits = le32(bytes, 21)
            return (width: (bits & 0x3FFF) + 1, height: ((bits >> 14) & 0x3FFF) + 1)
        case "VP8X":
            return (width: le24(bytes, 24) + 1, height: le24(bytes, 27) + 1)
        default:
            return nil
        }
    }

    private static func be16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) << 8 | Int(b[i + 1]) }
    private static func be32(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
    private static func le16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    private static func le24(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 | Int(b[i + 2]) << 16 }
    private static func le32(_ b: [UInt8], _ i: Int) -> Int { le24(b, i) | Int(b[i + 3]) << 24 }
}
