import Foundation
import Hummingbird
import ServiceKit

extension Request {
    /// Decodes the JSON body, or returns `fallback` when the request has none (a POST that needs no fields).
    func decodeBodyIfPresent<T: Decodable>(_ type: T.Type, context: LinliRequestContext, default fallback: T) async throws -> T {
        var copy = self
        let buffer = try await copy.body.collect(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { return fallback }
        copy.body = .init(buffer: buffer)
        return try await copy.decodeBody(T.self, context: context)
    }
}
