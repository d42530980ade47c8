import Foundation
import Hummingbird
import Models
import NIOCore

extension Request {
    /// Decodes the JSON body, answering 400 for JSON that cannot be read and 422 naming the field
    /// that is missing or of the wrong type.
    public func decodeBody<T: Decodable>(_ type: T.Type, context: LinliRequestContext) async throws -> T {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        do {
            return try LinliJSON.makeDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw ProblemMiddleware.decodingProblem(error)
        }
    }
}
