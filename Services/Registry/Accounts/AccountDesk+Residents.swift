import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

extension AccountDesk {
    /// The account a phone signs in to, made on the first sign-in of a resident: the account already
    /// holding the phone identity, else (when the phone belongs to exactly one registered resident
    /// who lives in a household) a new resident account for them, announced by `account.changed`.
    /// - Returns: the account id, or `nil` when the phone names no one (or several residents).
    static func phoneAccount(
        _ phone: String,
        phoneHash: Data,
        now: Date,
        outbox: JobOutbox,
        correlationID: String?,
        on tx: isolated PostgresConnection
    ) throws -> Int? {
        if let id = try AccountStore.accountID(provider: .phone, subject: phone, on: tx) {
            try AccountStore.touchIdentity(provider: .phone, subject: phone, now: now, on: tx)
            return id
        }
        let residents = try AccountStore.placedResidents(phoneHash: phoneHash, on: tx)
        guard residents.count == 1, let resident = residents.first else { return nil }
        let id: Int
        if let existing = try AccountStore.residentAccount(resident.id, on: tx) {
            id = existing
        } else {
            id = try AccountStore.insert(kind: .resident, displayName: resident.name, residentID: resident.id, on: tx)
            _ = try publish(id, outbox: outbox, correlationID: correlationID, on: tx)
        }
        _ = try AccountStore.addIdentities([AccountIdentity(provider: .phone, subject: phone)], accountID: id, on: tx)
        try AccountStore.touchIdentity(provider: .phone, subject: phone, now: now, on: tx)
        return id
    }

    /// Whether a code may be sent to the phone: an account holds it, or exactly one placed resident has it.
    static func phoneIsRegistered(_ phone: String, phoneHash: Data, on tx: isolated PostgresConnection) throws -> Bool {
        if try AccountStore.accountID(provider: .phone, subject: phone, on: tx) != nil { return true }
        return try AccountStore.placedResidents(phoneHash: phoneHash, on: tx).count == 1
    }
}

extension AccountStore {
    /// The residents living in a household whose phone has this keyed hash (at most two are read).
    static func placedResidents(phoneHash: Data, on tx: isolated PostgresConnection) throws -> [(id: Int, name: String)] {
        try tx.query(
            "SELECT id, name FROM registry.residents WHERE phone_hash = \(phoneHash) AND household_id IS NOT NULL ORDER BY id LIMIT 2"
        ).map { (try $0.decode(0, as: Int.self), try $0.decode(1, as: String.self)) }
    }

    /// The account of a resident, or `nil`.
    static func residentAccount(_ residentID: Int, on tx: isolated PostgresConnection) throws -> Int? {
        try tx.query("SELECT id FROM registry.accounts WHERE resident_id = \(residentID)").scalar(Int.self)
    }
}
