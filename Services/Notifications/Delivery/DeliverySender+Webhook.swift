import Foundation
import Models
import Postgres
import ServiceKit

extension DeliverySender {
    /// What a system webhook receives.
    struct WebhookBody: Encodable {
        let deliveryID: Int
        let idempotencyKey: String
        let kind: String
        let title: String
        let text: String
        let link: String?
        let compoundID: Int?
        let createdAt: Date
    }

    /// What an SMS gateway receives.
    struct SMSBody: Encodable {
        let deliveryID: Int
        let idempotencyKey: String
        let kind: String
        let to: String
        let text: String
    }

    func sendToWebhook(_ delivery: PendingDelivery) async throws -> DeliveryAttempt {
        let body = WebhookBody(
            deliveryID: delivery.id,
            idempotencyKey: delivery.idempotencyKey,
            kind: delivery.kind,
            title: delivery.title,
            text: delivery.contents[TemplateSlot.inbox.rawValue] ?? "",
            link: delivery.link,
            compoundID: delivery.compoundID,
            createdAt: delivery.createdAt
        )
        return try await signedPost(body, endpointID: delivery.recipientID, delivery: delivery)
    }

    func sendSMS(_ delivery: PendingDelivery) async throws -> DeliveryAttempt {
        guard let endpointID = delivery.endpointID,
            let phone = try await pool.withConnection({ try DeliveryStore.phone(resident: delivery.recipientID, on: $0) })
        else { return .failed(error: "the resident has no phone number or gateway any more", response: nil, permanent: true) }
        let body = SMSBody(
            deliveryID: delivery.id,
            idempotencyKey: delivery.idempotencyKey,
            kind: delivery.kind,
            to: phone,
            text: delivery.contents[TemplateSlot.sms.rawValue] ?? delivery.title
        )
        return try await signedPost(body, endpointID: endpointID, delivery: delivery)
    }

    /// Signs and posts a body to an endpoint, with the delivery's idempotency key.
    private func signedPost(_ body: some Encodable, endpointID: Int, delivery: PendingDelivery) async throws -> DeliveryAttempt {
        guard let endpoint = try await pool.withConnection({ try DeliveryStore.endpoint(endpointID, on: $0) }) else {
            return .failed(error: "the webhook endpoint is gone or inactive", response: nil, permanent: true)
        }
        let data = try LinliJSON.makeEncoder().encode(body)
        let timestamp = Int(clock.now().timeIntervalSince1970)
        let headers = [
            (WebhookSignature.timestampHeader, String(timestamp)),
            (WebhookSignature.signatureHeader, WebhookSignature.sign(body: data, timestamp: timestamp, secret: endpoint.secret)),
            (WebhookSignature.idempotencyHeader, delivery.idempotencyKey),
            ("X-Linli-Delivery", String(delivery.id)),
        ]
        do {
            return .http(try await http.post(endpoint.url, body: data, headers: headers, timeout: configuration.httpTimeout))
        } catch let failure as OutboundHTTP.Failure {
            return .failed(error: failure.description, response: nil, permanent: false)
        }
    }
}
