import AsyncHTTPClient
import Foundation
import JWTKit
import Logging
import Models
import NIOCore
import NIOHTTP1
import ServiceKit

/// The registry's client of the staff OpenID Connect provider, over AsyncHTTPClient: discovery and
/// the JWKS (both cached), the authorize URL, the code exchange and the id_token's verification.
///
/// One instance per registry process (the desk holds it), so the caches serve every request.
/// Every failure is a ``StaffSignInFailure``; the provider's own answers are logged, never returned.
actor OidcProvider {
    /// The endpoints discovery names.
    struct Endpoints: Decodable, Sendable {
        let issuer: String
        let authorizationEndpoint: String
        let tokenEndpoint: String
        let jwksURI: String

        enum CodingKeys: String, CodingKey {
            case issuer
            case authorizationEndpoint = "authorization_endpoint"
            case tokenEndpoint = "token_endpoint"
            case jwksURI = "jwks_uri"
        }
    }

    /// How long discovery and the JWKS are trusted before they are read again.
    static let cacheLifetime: TimeInterval = 3600
    /// The least time between two JWKS reads forced by a token no cached key verifies (a rotation).
    static let jwksRefreshFloor: TimeInterval = 30
    /// Each request to the provider gives up after this.
    static let timeout: TimeAmount = .seconds(10)

    let settings: OidcSettings
    let http: HTTPClient
    let clock: WallClock
    let logger: Logger
    private var endpoints: (value: Endpoints, at: Date)?
    private var keys: (value: JWTKeyCollection, at: Date)?

    init(settings: OidcSettings, http: HTTPClient = .shared, clock: WallClock, logger: Logger) {
        self.settings = settings
        self.http = http
        self.clock = clock
        self.logger = logger
    }

    /// The URL the browser is sent to: code flow, the S256 challenge, state and nonce.
    func authorizeURL(for login: OidcPKCE) async throws(StaffSignInFailure) -> String {
        let endpoint = try await discovery().authorizationEndpoint
        let query = OidcForm.encode([
            ("response_type", "code"), ("client_id", settings.clientID), ("redirect_uri", settings.redirectURL),
            ("scope", settings.scopes), ("state", login.state), ("nonce", login.nonce),
            ("code_challenge", login.challenge), ("code_challenge_method", "S256"),
        ])
        return endpoint + (endpoint.contains("?") ? "&" : "?") + query
    }

    /// Redeems a code with its PKCE verifier at the token endpoint (client secret by HTTP Basic).
    /// - Returns: the id_token, not yet verified.
    func exchange(code: String, verifier: String) async throws(StaffSignInFailure) -> String {
        let endpoint = try await discovery().tokenEndpoint
        var request = HTTPClientRequest(url: endpoint)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        let credentials = "\(OidcForm.escape(settings.clientID)):\(OidcForm.escape(settings.clientSecret))"
        request.headers.add(name: "Authorization", value: "Basic \(Data(credentials.utf8).base64EncodedString())")
        let form = OidcForm.encode([
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", settings.redirectURL), ("code_verifier", verifier),
        ])
        request.body = .bytes(ByteBuffer(string: form))
        let (status, body) = try await send(request, what: "token")
        guard status == .ok else {
            guard (400..<500).contains(status.code) else { throw .providerUnavailable }
            logger.notice("the OIDC token endpoint refused the code", metadata: ["status": "\(status.code)"])
            throw .codeRefused
        }
        struct Answer: Decodable { let id_token: String? }
        guard let answer = try? LinliJSON.makeDecoder().decode(Answer.self, from: body), let token = answer.id_token else {
            throw .providerUnavailable
        }
        return token
    }

    /// Verifies an id_token's signature with the provider's JWKS (read again once when no cached
    /// key verifies it), then its issuer, audience, expiry and nonce.
    func verify(_ idToken: String, nonce: String) async throws(StaffSignInFailure) -> OidcIDToken {
        var claims: OidcIDToken
        do {
            claims = try await jwks(forceRefresh: false).verify(idToken, as: OidcIDToken.self)
        } catch let failure as StaffSignInFailure {
            throw failure
        } catch {
            guard let at = keys?.at, clock.now().timeIntervalSince(at) >= Self.jwksRefreshFloor else {
                throw .idTokenInvalid("signature")
            }
            do {
                claims = try await jwks(forceRefresh: true).verify(idToken, as: OidcIDToken.self)
            } catch let failure as StaffSignInFailure {
                throw failure
            } catch {
                throw .idTokenInvalid("signature")
            }
        }
        try claims.check(settings: settings, nonce: nonce, now: clock.now())
        return claims
    }

    /// Discovery, from the cache when it is fresh. Its issuer must be the configured one.
    func discovery() async throws(StaffSignInFailure) -> Endpoints {
        let now = clock.now()
        if let endpoints, now.timeIntervalSince(endpoints.at) < Self.cacheLifetime { return endpoints.value }
        let (status, body) = try await send(HTTPClientRequest(url: settings.issuer + "/.well-known/openid-configuration"), what: "discovery")
        guard status == .ok, let found = try? LinliJSON.makeDecoder().decode(Endpoints.self, from: body) else {
            throw .providerUnavailable
        }
        guard found.issuer == settings.issuer else {
            logger.error("OIDC discovery names another issuer", metadata: ["issuer": "\(found.issuer)"])
            throw .providerUnavailable
        }
        endpoints = (found, now)
        return found
    }

    private func jwks(forceRefresh: Bool) async throws(StaffSignInFailure) -> JWTKeyCollection {
        let now = clock.now()
        if !forceRefresh, let keys, now.timeIntervalSince(keys.at) < Self.cacheLifetime { return keys.value }
        let (status, body) = try await send(HTTPClientRequest(url: try await discovery().jwksURI), what: "jwks")
        guard status == .ok, let set = try? LinliJSON.makeDecoder().decode(JWKS.self, from: body) else { throw .providerUnavailable }
        let collection = JWTKeyCollection()
        do {
            try await collection.add(jwks: set)
        } catch {
            logger.error("the OIDC provider's JWKS has no usable key", metadata: ["error": "\(error)"])
            throw .providerUnavailable
        }
        keys = (collection, now)
        return collection
    }

    private func send(_ request: HTTPClientRequest, what: String) async throws(StaffSignInFailure) -> (HTTPResponseStatus, Data) {
        do {
            let response = try await http.execute(request, timeout: Self.timeout)
            let body = try await response.body.collect(upTo: 1 << 20)
            return (response.status, Data(body.readableBytesView))
        } catch {
            logger.warning("the OIDC provider did not answer", metadata: ["request": "\(what)", "error": "\(error)"])
            throw .providerUnavailable
        }
    }
}

/// `application/x-www-form-urlencoded` for the authorize query and the token request.
enum OidcForm {
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// `name=value&…`, each escaped.
    static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    /// Percent-encodes everything but the unreserved characters.
    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
