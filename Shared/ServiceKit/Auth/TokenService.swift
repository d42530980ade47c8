import Foundation
import JWTKit

/// Signs and verifies the bearer tokens (HS256 JWTs) every service accepts.
public struct TokenService: Sendable {
    private let keys: JWTKeyCollection
    private let issuer: String

    /// Creates the service with the shared secret.
    public init(secret: String, issuer: String) async {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        self.keys = keys
        self.issuer = issuer
    }

    /// Mints a token for a principal, valid for `lifetime` seconds.
    public func mint(_ principal: Principal, lifetime: TimeInterval = 8 * 3600, now: Date = Date()) async throws -> String {
        try await keys.sign(LinliClaims(principal: principal, issuer: issuer, issuedAt: now, expiresAt: now.addingTimeInterval(lifetime)))
    }

    /// Verifies a token's signature, issuer and expiry and returns its principal.
    /// - Throws: ``APIError`` 401 with a reason safe to show (never the token).
    public func verify(_ token: String) async throws -> Principal {
        let claims: LinliClaims
        do {
            claims = try await keys.verify(token, as: LinliClaims.self)
        } catch {
            throw APIError.unauthenticated("the bearer token is not valid or has expired")
        }
        guard claims.iss.value == issuer else { throw APIError.unauthenticated("the bearer token is from another issuer") }
        guard Principal.Role.all.contains(claims.role) else { throw APIError.unauthenticated("the bearer token has an unknown role") }
        return claims.principal
    }
}

/// The JWT's claims: the registered ones plus the principal's role and scope.
struct LinliClaims: JWTPayload {
    var sub: SubjectClaim
    var iss: IssuerClaim
    var iat: IssuedAtClaim
    var exp: ExpirationClaim
    var role: Principal.Role
    var areas: [Int]
    var compounds: [Int]
    var households: [Int]
    var resident: Int?

    init(principal: Principal, issuer: String, issuedAt: Date, expiresAt: Date) {
        sub = SubjectClaim(value: principal.subject)
        iss = IssuerClaim(value: issuer)
        iat = IssuedAtClaim(value: issuedAt)
        exp = ExpirationClaim(value: expiresAt)
        role = principal.role
        areas = principal.areaIDs
        compounds = principal.compoundIDs
        households = principal.householdIDs
        resident = principal.residentID
    }

    var principal: Principal {
        Principal(subject: sub.value, role: role, areaIDs: areas, compoundIDs: compounds, householdIDs: households, residentID: resident)
    }

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }
}
