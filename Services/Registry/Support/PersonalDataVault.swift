import Crypto
import Foundation

/// Encrypts personal data at rest and derives keyed hashes for finding it without decrypting.
///
/// Values are sealed with AES-GCM under a key that lives outside the database; a stolen dump
/// shows no phone or ID number. Hashes are HMAC-SHA256 under a key derived from the same secret,
/// so equal values can be found (duplicates, search) without a dictionary attack on plain hashes.
struct PersonalDataVault: Sendable {
    private let encryptionKey: SymmetricKey
    private let hashKey: SymmetricKey

    init(key: [UInt8]) {
        let master = SymmetricKey(data: key)
        encryptionKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data("linli.registry.encrypt".utf8), outputByteCount: 32)
        hashKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data("linli.registry.hash".utf8), outputByteCount: 32)
    }

    func seal(_ value: String) throws -> Data {
        guard let combined = try AES.GCM.seal(Data(value.utf8), using: encryptionKey).combined else {
            throw CryptoKitError.incorrectParameterSize
        }
        return combined
    }

    func open(_ sealed: Data) throws -> String {
        String(decoding: try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: encryptionKey), as: UTF8.self)
    }

    func hash(_ value: String) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: hashKey))
    }
}
