import Foundation
import HTTPTypes
import Hummingbird
import Models
import NIOCore

extension Request {
    /// Decodes the JSON body, answering 415 for a body that says it is not JSON, 400 for JSON that
    /// cannot be read, and 422 naming the field that is missing, of the wrong type, or unknown to the
    /// route (see `StrictJSONDecoder`).
    public func decodeBody<T: Decodable>(_ type: T.Type, context: LinliRequestContext) async throws -> T {
        try requireJSONContentType()
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        do {
            let (value, unknown) = try StrictJSONDecoder.decode(T.self, from: Data(buffer.readableBytesView))
            if let unknown { throw APIError.invalid(unknown, "is not a field of this request") }
            return value
        } catch let error as DecodingError {
            throw ProblemMiddleware.decodingProblem(error)
        }
    }

    /// Decodes the JSON body, or returns `fallback` when the request has none (a POST that needs no fields).
    public func decodeBodyIfPresent<T: Decodable>(_ type: T.Type, context: LinliRequestContext, default fallback: T) async throws -> T {
        var copy = self
        let buffer = try await copy.body.collect(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { return fallback }
        copy.body = .init(buffer: buffer)
        return try await copy.decodeBody(T.self, context: context)
    }

    /// 415 unless the body is declared JSON (`application/json`, or a `+json` type) or not declared at all.
    func requireJSONContentType() throws {
        guard let declared = headers[.contentType] else { return }
        let mediaType = declared.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard mediaType == "application/json" || mediaType.hasSuffix("+json") else {
            throw APIError(
                .unsupportedMediaType,
                code: "unsupported-media-type",
                title: "The request body must be JSON",
                detail: "send Content-Type: application/json"
            )
        }
    }
}
