import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import JWTKit
import NIOCore
import Synchronization

/// The stand-in's four endpoints.
struct OidcStandInRoutes: Sendable {
    let box: StandInBox
    func issuer() -> String { box.issuer }

    /// The id_token's claims.
    struct IDToken: JWTPayload {
        let iss: String
        let sub: String
        let aud: String
        let exp: Date
        let iat: Date
        let nonce: String
        let name: String
        let groups: [String]
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/.well-known/openid-configuration") { _, _ in
            let base = issuer()
            return Self.json([
                "issuer": base, "authorization_endpoint": "\(base)/authorize", "token_endpoint": "\(base)/token",
                "jwks_uri": "\(base)/jwks", "response_types_supported": ["code"], "code_challenge_methods_supported": ["S256"],
                "id_token_signing_alg_values_supported": ["ES256"],
            ])
        }
        router.get("/jwks") { _, _ in
            let key = box.state.withLock { $0.publicKey }
            guard let (x, y) = key.parameters else { return Response(status: .internalServerError) }
            let jwk: [String: String] = ["kty": "EC", "crv": "P-256", "alg": "ES256", "use": "sig", "kid": OidcProviderStandIn.kid, "x": x, "y": y]
            return Self.json(["keys": [jwk]])
        }
        router.get("/authorize") { request, _ in try authorize(request) }
        router.post("/token") { request, _ in try await token(request) }
    }

    private func authorize(_ request: Request) throws -> Response {
        let query = request.uri.queryParameters
        func value(_ name: String) -> String? { query[name[...]].map(String.init) }
        guard value("response_type") == "code", value("client_id") == OidcProviderStandIn.clientID,
            value("code_challenge_method") == "S256", let challenge = value("code_challenge"), let redirect = value("redirect_uri"),
            let stateValue = value("state"), let nonce = value("nonce")
        else { return Self.json(["error": "invalid_request"], status: .badRequest) }
        let code = UUID().uuidString
        box.state.withLock { $0.grants[code] = .init(redirectURI: redirect, challenge: challenge, nonce: nonce, user: $0.user) }
        let escapedState = stateValue.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? stateValue
        var headers = HTTPFields()
        headers[.location] = "\(redirect)\(redirect.contains("?") ? "&" : "?")code=\(code)&state=\(escapedState)"
        return Response(status: .found, headers: headers)
    }

    private func token(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: 1 << 16)
        let form = Self.form(String(buffer: body))
        let expected = "Basic " + Data("\(OidcProviderStandIn.clientID):\(OidcProviderStandIn.clientSecret)".utf8).base64EncodedString()
        guard request.headers[.authorization] == expected else { return Self.json(["error": "invalid_client"], status: .unauthorized) }
        guard form["grant_type"] == "authorization_code", let code = form["code"], let verifier = form["code_verifier"] else {
            return Self.json(["error": "invalid_request"], status: .badRequest)
        }
        let (grant, faults, keys) = box.state.withLock { state in
            let grant = state.grants.removeValue(forKey: code)
            if grant != nil { state.redeemed += 1 }
            return (grant, state.faults, state.faults.foreignKey ? state.foreign : state.signing)
        }
        let challenge = Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        guard let grant, grant.redirectURI == form["redirect_uri"], grant.challenge == challenge, !faults.refuseVerifier else {
            return Self.json(["error": "invalid_grant"], status: .badRequest)
        }
        let now = Date()
        let claims = IDToken(
            iss: issuer(),
            sub: grant.user.subject,
            aud: faults.audience ?? OidcProviderStandIn.clientID,
            exp: now.addingTimeInterval(300),
            iat: now,
            nonce: faults.nonce ?? grant.nonce,
            name: grant.user.name,
            groups: grant.user.groups
        )
        let idToken = try await keys.sign(claims, kid: JWKIdentifier(string: OidcProviderStandIn.kid))
        return Self.json(["access_token": UUID().uuidString, "token_type": "Bearer", "expires_in": 300, "id_token": idToken])
    }

    /// A form body's fields.
    static func form(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ") }
            guard let name = parts.first?.removingPercentEncoding else { continue }
            fields[name] = (parts.count > 1 ? parts[1] : "").removingPercentEncoding
        }
        return fields
    }

    static func json(_ object: [String: any Sendable], status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
