import Crypto
import Foundation

/// How webhook requests are signed, and how a receiver checks them.
///
/// Each request carries `X-Linli-Timestamp` (Unix seconds) and `X-Linli-Signature: v1=<hex>`, the
/// HMAC-SHA256 of `"<timestamp>.<body>"` under the endpoint's secret. A receiver recomputes it,
/// compares in constant time, and refuses a timestamp outside its replay window (5 minutes by
/// default), so a captured request cannot be replayed later; the `Idempotency-Key` header lets it
/// drop a retry it already handled.
public enum WebhookSignature {
    public static let timestampHeader = "X-Linli-Timestamp"
    public static let signatureHeader = "X-Linli-Signature"
    public static let idempotencyHeader = "Idempotency-Key"

    /// The signature header's value for a body sent at `timestamp`.
    public static func sign(body: some DataProtocol, timestamp: Int, secret: String) -> String {
        var message = Data("\(timestamp).".utf8)
        message.append(contentsOf: body)
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(secret.utf8)))
        return "v1=" + code.map { String(format: "%02x", $0) }.joined()
    }

    /// Whether a request is authentic and fresh.
    /// - Parameters:
    ///   - timestamp: the `X-Linli-Timestamp` header.
    ///   - signature: the `X-Linli-Signature` header.
    ///   - now: the receiver's time.
    ///   - window: how far the timestamp may be from `now`, either way, in seconds.
    public static func verify(
        body: some DataProtocol,
        timestamp: String?,
        signature: String?,
        secret: String,
        now: Date,
        window: TimeInterval = 300
    ) -> Bool {
        guard let timestamp, let seconds = Int(timestamp), let signature else { return false }
        guard abs(now.timeIntervalSince1970 - Double(seconds)) <= window else { return false }
        let expected = Array(sign(body: body, timestamp: seconds, secret: secret).utf8)
        let given = Array(signature.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
