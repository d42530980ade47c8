import Foundation
import HTTPTypes
import Hummingbird
import JWTKit
import LinliTestSupport
import Logging
import NIOCore
import Synchronization

/// A small real OpenID Connect provider on 127.0.0.1 (a random port) for the staff sign-in tests:
/// discovery, an ES256 JWKS, `/authorize` (answers at once with a redirect carrying `code` and
/// `state` for the configured user, as if they had signed in) and `/token` (checks the client
/// secret, the code, the redirect URI and the PKCE verifier against the S256 challenge, then returns
/// a signed id_token with iss, aud, sub, nonce, exp and the `groups` claim).
///
/// ``Faults`` make it misbehave the ways a real provider or an attacker could.
public final class OidcProviderStandIn: Sendable {
    /// The person who "signs in" at `/authorize`.
    public struct User: Sendable, Equatable {
        public var subject: String
        public var name: String
        public var groups: [String]
        public init(subject: String, name: String, groups: [String]) {
            self.subject = subject
            self.name = name
            self.groups = groups
        }
    }

    /// Ways to misbehave, each off by default.
    public struct Faults: Sendable, Equatable {
        /// Put this audience in the id_token instead of the client id.
        public var audience: String?
        /// Put this nonce in the id_token instead of the one `/authorize` was given.
        public var nonce: String?
        /// Sign the id_token with a key that is not in the JWKS (under the published kid).
        public var foreignKey = false
        /// Refuse every code verifier at `/token`.
        public var refuseVerifier = false
        public init() {}
    }

    /// The client the registry is configured with.
    public static let clientID = "linli-registry"
    public static let clientSecret = "stand-in-secret"
    static let kid = "stand-in-es256"

    public let port: Int
    private let box: StandInBox
    private let task: Task<Void, any Error>

    /// The issuer URL (`http://127.0.0.1:PORT`).
    public var issuer: String { "http://127.0.0.1:\(port)" }

    private init(port: Int, box: StandInBox, task: Task<Void, any Error>) {
        self.port = port
        self.box = box
        self.task = task
    }

    /// Who signs in at `/authorize` from now on.
    public func signIn(as user: User) { box.state.withLock { $0.user = user } }

    /// How the provider misbehaves from now on.
    public func misbehave(_ faults: Faults) { box.state.withLock { $0.faults = faults } }

    /// The number of codes redeemed at `/token` so far.
    public var redeemed: Int { box.state.withLock { $0.redeemed } }

    /// Starts the provider on a free loopback port.
    public static func start(user: User) async throws -> OidcProviderStandIn {
        let foreign = JWTKeyCollection()
        await foreign.add(ecdsa: ES256PrivateKey(), kid: JWKIdentifier(string: kid))
        let published = ES256PrivateKey()
        let ownKeys = JWTKeyCollection()
        await ownKeys.add(ecdsa: published, kid: JWKIdentifier(string: kid))
        let box = StandInBox(StandInState(user: user, signing: ownKeys, foreign: foreign, publicKey: published.publicKey))
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "oidc-stand-in")
        logger.logLevel = .critical
        let router = Router()
        OidcStandInRoutes(box: box).add(to: router)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else { throw TestSupportError("the OIDC stand-in did not start") }
        box.port.withLock { $0 = port }
        return OidcProviderStandIn(port: port, box: box, task: task)
    }

    /// Stops the provider: afterwards every request to it fails to connect.
    public func stop() async {
        task.cancel()
        _ = await task.result
    }
}

/// The stand-in's state, shared with its routes, and its port (known only once the server runs;
/// the routes build the issuer from it).
final class StandInBox: Sendable {
    let state: Mutex<StandInState>
    let port = Mutex(0)
    init(_ state: StandInState) { self.state = Mutex(state) }
    var issuer: String { "http://127.0.0.1:\(port.withLock { $0 })" }
}

/// What the stand-in remembers: the user, the faults, its keys and the codes it handed out.
struct StandInState: Sendable {
    /// A code handed out at `/authorize`, redeemable once.
    struct Grant: Sendable {
        let redirectURI: String
        let challenge: String
        let nonce: String
        let user: OidcProviderStandIn.User
    }

    var user: OidcProviderStandIn.User
    var faults = OidcProviderStandIn.Faults()
    let signing: JWTKeyCollection
    let foreign: JWTKeyCollection
    let publicKey: ES256PublicKey
    var grants: [String: Grant] = [:]
    var redeemed = 0
}
