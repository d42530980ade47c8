import Foundation
import ServiceKit

/// A resident's fields after validation, with personal data ready to store (sealed and hashed).
struct ResidentInput: Sendable {
    var name: String
    var gender: String?
    var birthYear: Int?
    var phone: ChinesePhone?
    var idNumber: IdentityNumber?

    /// Validates every field, collecting all problems into one 422.
    init(name: String, gender: String?, birthYear: Int?, phone: String?, idNumber: String?) throws {
        var problems: [APIError.FieldError] = []
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.count > 50 { problems.append(.init(field: "name", message: "must be 1–50 characters")) }
        if let gender, !["female", "male"].contains(gender) { problems.append(.init(field: "gender", message: "must be female or male")) }
        let thisYear = Calendar(identifier: .gregorian).component(.year, from: Date())
        if let birthYear, !(1900...thisYear).contains(birthYear) {
            problems.append(.init(field: "birthYear", message: "must be a year from 1900 to \(thisYear)"))
        }
        var parsedPhone: ChinesePhone?
        if let phone, !phone.isEmpty {
            parsedPhone = ChinesePhone(phone)
            if parsedPhone == nil { problems.append(.init(field: "phone", message: "must be an 11-digit mobile number")) }
        }
        var parsedID: IdentityNumber?
        if let idNumber, !idNumber.isEmpty {
            parsedID = IdentityNumber(idNumber)
            if parsedID == nil { problems.append(.init(field: "idNumber", message: "is not a valid identity number (GB 11643 check failed)")) }
        }
        if let parsedID, let birthYear, parsedID.birthYear != birthYear {
            problems.append(.init(field: "birthYear", message: "does not match the identity number"))
        }
        guard problems.isEmpty else { throw APIError.validation(problems) }
        self.name = trimmed
        self.gender = gender
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
