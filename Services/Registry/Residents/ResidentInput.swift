import Foundation
import ServiceKit

/// A resident's fields after validation, with personal data ready to store (sealed and hashed).
struct ResidentInput: Sendable {
    var name: String
    var gender: Gender?
    var birthYear: Int?
    var phone: ChinesePhone?
    var idNumber: IdentityNumber?

    /// Validates every field, refusing with all problems at once; `now` bounds the birth year.
    init(name: String, gender: String?, birthYear: Int?, phone: String?, idNumber: String?, now: Date) throws {
        var checks = FieldChecks()
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.count > 50 { checks.fail("name", "must be 1–50 characters") }
        let parsedGender = gender.flatMap(Gender.init(rawValue:))
        if gender != nil, parsedGender == nil { checks.fail("gender", "must be female or male") }
        let thisYear = Calendar(identifier: .gregorian).component(.year, from: now)
        if let birthYear, !(1900...thisYear).contains(birthYear) { checks.fail("birthYear", "must be a year from 1900 to \(thisYear)") }
        var parsedPhone: ChinesePhone?
        if let phone, !phone.isEmpty {
            parsedPhone = ChinesePhone(phone)
            if parsedPhone == nil { checks.fail("phone", "must be an 11-digit mobile number") }
        }
        var parsedID: IdentityNumber?
        if let idNumber, !idNumber.isEmpty {
            parsedID = IdentityNumber(idNumber)
            if parsedID == nil { checks.fail("idNumber", "is not a valid identity number (GB 11643 check failed)") }
        }
        if let parsedID, let birthYear, parsedID.birthYear != birthYear { checks.fail("birthYear", "does not match the identity number") }
        try checks.check()
        self.name = trimmed
        self.gender = parsedGender
        self.birthYear = birthYear ?? parsedID?.birthYear
        self.phone = parsedPhone
        self.idNumber = parsedID
    }

    /// The columns personal data is stored in.
    struct Sealed: Sendable {
        var phoneEncrypted: Data?
        var phonePrefix: String?
        var phoneSuffix: String?
        var phoneHash: Data?
        var idNumberEncrypted: Data?
        var idNumberHash: Data?
    }

    func sealed(with vault: PersonalDataVault) throws -> Sealed {
        Sealed(
            phoneEncrypted: try phone.map { try vault.seal($0.digits) },
            phonePrefix: phone?.prefix,
            phoneSuffix: phone?.suffix,
            phoneHash: phone.map { vault.hash($0.digits) },
            idNumberEncrypted: try idNumber.map { try vault.seal($0.value) },
            idNumberHash: idNumber.map { vault.hash($0.value) }
        )
    }
}
