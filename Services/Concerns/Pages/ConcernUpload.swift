import Foundation
import Hummingbird
import MultipartKit
import NIOCore
import NIOHTTP1
import ServiceKit

/// The concern page's `multipart/form-data` post, read with MultipartKit's parser: its text fields,
/// and the files of its `photos` inputs (an input left empty, which browsers send as a part with an
/// empty file name and no bytes, is no photo).
struct ConcernUpload: Sendable {
    /// A file part.
    struct File: Sendable {
        let field: String
        let bytes: Data
    }

    /// The text fields, first value of each name, trimmed; blank fields are left out.
    var fields: [String: String] = [:]
    /// The file parts, in the order they came.
    var files: [File] = []

    /// Parses a body.
    /// - Parameter contentType: the request's `Content-Type`, which names the boundary.
    /// - Throws: 415 when it is not multipart/form-data, 400 when the body is not well formed.
    static func parse(_ body: ByteBuffer, contentType: String?) throws -> ConcernUpload {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data"), let boundary = boundary(of: contentType) else {
            throw APIError(
                .unsupportedMediaType,
                code: "not-multipart",
                title: "The form must be sent as multipart/form-data",
                detail: "post the concern page's form"
            )
        }
        var parts: [MultipartPart] = []
        var headers = HTTPHeaders()
        var bytes = ByteBuffer()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in headers.add(name: name, value: value) }
        parser.onBody = { chunk in bytes.writeBuffer(&chunk) }
        parser.onPartComplete = {
            parts.append(MultipartPart(headers: headers, body: bytes))
            headers = HTTPHeaders()
            bytes = ByteBuffer()
        }
        do { try parser.execute(body) } catch { throw APIError.badRequest("the multipart body is not well formed") }
        var upload = ConcernUpload()
        for part in parts {
            guard let name = parameter("name", of: part.headers.first(name: "Content-Disposition")) else { continue }
            if let filename = parameter("filename", of: part.headers.first(name: "Content-Disposition")) {
                guard !filename.isEmpty || part.body.readableBytes > 0 else { continue }
                upload.files.append(File(field: name, bytes: Data(part.body.readableBytesView)))
            } else if upload.fields[name] == nil {
                let text = String(buffer: part.body).trimmingCharacters(in: .whitespacesAndNewlines)
                if !text.isEmpty { upload.fields[name] = text }
            }
        }
        return upload
    }

    /// The `boundary` parameter of a Content-Type, unquoted.
    static func boundary(of contentType: String) -> String? {
        guard let value = parameter("boundary", of: contentType), !value.isEmpty, value.count <= 70 else { return nil }
        return value
    }

    /// A `key=value` or `key="value"` parameter of a header value (`form-data; name="photos"; filename="a.png"`).
    static func parameter(_ key: String, of header: String?) -> String? {
        guard let header else { return nil }
        for parameter in header.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            return pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }
}
