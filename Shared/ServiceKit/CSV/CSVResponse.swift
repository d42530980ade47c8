import Foundation
import Hummingbird
import NIOCore

/// A CSV download.
public struct CSVResponse: ResponseGenerator, Sendable {
    let rows: [[String]]
    let filename: String

    /// Rows (the first is the header) to send as `filename`.
    public init(rows: [[String]], filename: String) {
        self.rows = rows
        self.filename = filename
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(filename)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: CSVDocument.write(rows))))
    }
}
