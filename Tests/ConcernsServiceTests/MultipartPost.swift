import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ServiceKit
import ServiceTestSupport

/// A `multipart/form-data` post as a browser sends the concern form: text fields, then file parts
/// (with the type and name the client claims, which the service must not believe).
struct MultipartPost {
    struct File {
        var filename: String
        var contentType: String
        var bytes: Data
    }

    var fields: [(String, String)] = []
    var files: [File] = []
    let boundary = "----LinliTestBoundary\(UUID().uuidString.prefix(8))"

    var body: ByteBuffer {
        var buffer = ByteBuffer()
        for (name, value) in fields {
            buffer.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for file in files {
            buffer.writeString(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"\(file.filename)\"\r\nContent-Type: \(file.contentType)\r\n\r\n"
            )
            buffer.writeBytes(file.bytes)
            buffer.writeString("\r\n")
        }
        buffer.writeString("--\(boundary)--\r\n")
        return buffer
    }
}

extension PageBrowser {
    /// Posts a multipart form with the browser's cookies, the CSRF token in the `_csrf` field unless told not to.
    func postMultipart(
        _ uri: String,
        _ form: MultipartPost,
        csrf: Bool = true
    ) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, html: String) {
        var form = form
        if csrf, let token = cookies[SessionCookies.csrf] { form.fields.insert(("_csrf", token), at: 0) }
        var headers = HTTPFields()
        headers[.accept] = "text/html,application/xhtml+xml,*/*;q=0.8"
        headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        headers[.contentType] = "multipart/form-data; boundary=\(form.boundary)"
        return try await client.execute(uri: uri, method: .post, headers: headers, body: form.body) { response in
            (response.status, response.headers, String(buffer: response.body))
        }
    }

    /// A photo's status, headers and bytes, with the browser's cookies.
    func photo(_ uri: String) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, bytes: Data) {
        var headers = HTTPFields()
        headers[.accept] = "image/*,text/html;q=0.8"
        headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        return try await client.execute(uri: uri, method: .get, headers: headers, body: nil) { response in
            (response.status, response.headers, Data(response.body.readableBytesView))
        }
    }
}
