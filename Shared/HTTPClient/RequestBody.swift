/// What a request sends: bytes and their content type.
public struct RequestBody: Sendable {
    /// The bytes sent.
    public let bytes: [UInt8]
    /// The `Content-Type` header sent with them.
    public let contentType: String

    /// A body of `text` as UTF-8, of the given type.
    public init(_ text: String, contentType: String) {
        self.bytes = Array(text.utf8)
        self.contentType = contentType
    }

    /// A JSON document, as text.
    public static func json(_ text: String) -> RequestBody { RequestBody(text, contentType: "application/json") }
}
