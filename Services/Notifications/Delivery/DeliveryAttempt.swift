import Foundation

/// What one try to send a delivery came to.
enum DeliveryAttempt: Sendable {
    /// The provider took it.
    case sent(response: String)
    /// It failed; `permanent` failures are given up at once, others retried.
    case failed(error: String, response: String?, permanent: Bool)
    /// The robot's rate limit is reached: try again after this long, without using an attempt.
    case wait(seconds: Double)

    /// Reads a WeCom robot's answer: HTTP 200 with `errcode` 0 is success; a 200 with another
    /// `errcode`, a 5xx or a 429 is a failure worth retrying; another 4xx will not get better.
    static func robot(_ answer: OutboundHTTP.Answer) -> DeliveryAttempt {
        guard answer.status == 200 else { return http(answer) }
        struct Body: Decodable {
            let errcode: Int
            let errmsg: String?
        }
        guard let body = try? JSONDecoder().decode(Body.self, from: Data(answer.body.utf8)) else {
            return .failed(error: "the robot's answer is not JSON with an errcode", response: answer.body, permanent: false)
        }
        guard body.errcode == 0 else {
            return .failed(error: "errcode \(body.errcode): \(body.errmsg ?? "")", response: answer.body, permanent: false)
        }
        return .sent(response: answer.body)
    }

    /// Reads a webhook's answer: any 2xx is success.
    static func http(_ answer: OutboundHTTP.Answer) -> DeliveryAttempt {
        switch answer.status {
        case 200..<300: .sent(response: answer.body)
        case 408, 425, 429, 500...: .failed(error: "HTTP \(answer.status)", response: answer.body, permanent: false)
        default: .failed(error: "HTTP \(answer.status)", response: answer.body, permanent: true)
        }
    }
}
