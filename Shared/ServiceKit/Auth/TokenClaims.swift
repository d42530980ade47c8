import Foundation
import JWTKit

/// The JWT's claims: the registered ones plus the principal's role and scope.
///
/// The times are checked by ``TokenVerifier`` against its clock with ``TokenVerifier/leeway``, not
/// here, so that tests can move time.
struct LinliClaims: JWTPayload {
    var sub: SubjectClaim
    var iss: IssuerClaim
    var iat: IssuedAtClaim
    var nbf: NotBeforeClaim?
    var exp: ExpirationClaim
    var role: Principal.Role
    var areas: [Int]
    var compounds: [Int]
    var households: [Int]
    var resident: Int?
    /// The registry account behind a sign-in token; absent from operator tokens (`linli token`).
    var acct: Int?

    init(principal: Principal, issuer: String, issuedAt: Date, expiresAt: Date) {
        sub = SubjectClaim(value: principal.subject)
        iss = IssuerClaim(value: issuer)
        iat = IssuedAtClaim(value: issuedAt)
        nbf = NotBeforeClaim(value: issuedAt)
        exp = ExpirationClaim(value: expiresAt)
        role = principal.role
        areas = principal.areaIDs
        compounds = principal.compoundIDs
        households = principal.householdIDs
        resident = principal.residentID
        acct = principal.accountID
    }

    var principal: Principal {
        Principal(
            subject: sub.value,
            role: role,
            areaIDs: areas,
            compoundIDs: compounds,
            householdIDs: households,
            residentID: resident,
            accountID: acct
        )
    }

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// Base64url without padding (RFC 7515 §2), the encoding of JWT parts and of configured keys.
enum Base64URL {
    static func encode(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: some StringProtocol) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard !base64.contains("=") else { return nil }
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
