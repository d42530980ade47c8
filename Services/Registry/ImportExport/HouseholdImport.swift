import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// Imports households and residents of one compound from CSV (UTF-8, Chinese or English headers).
///
/// Each row is a resident in a dwelling; households are found or created by building and dwelling.
/// Rows with bad fields are rejected with the field and the reason; a row whose ID number is
/// already registered, or whose name and phone match a resident of the compound, is reported as a
/// probable duplicate and not imported. Everything else commits in one transaction with its events.
struct HouseholdImport {
    /// What happened to the file.
    struct Report: Codable, Sendable {
        /// A row not imported because a field is wrong.
        struct Rejected: Codable, Sendable {
            var row: Int
            var field: String
            var message: String
        }
        /// A row not imported because it probably names a resident already registered.
        struct Duplicate: Codable, Sendable {
            var row: Int
            var residentID: Int
            var reason: String
        }
        var householdsCreated: Int
        var residentsImported: Int
        var rejected: [Rejected]
        var probableDuplicates: [Duplicate]
    }

    /// Header names accepted for each field.
    static let headers: [String: [String]] = [
        "building": ["楼栋", "building"], "dwelling": ["房号", "门牌", "dwelling"], "name": ["姓名", "name"],
        "gender": ["性别", "gender"], "birthYear": ["出生年份", "birthyear", "birth year"], "phone": ["手机", "手机号", "电话", "phone"],
        "idNumber": ["身份证号", "身份证", "idnumber", "id number"],
    ]

    let vault: PersonalDataVault
    let compoundID: Int
    let limit: Int
    /// When the import runs: the residents' registration time and the bound of their birth years.
    let now: Date

    /// Maps the header row to column positions; `name` and `dwelling` are required.
    static func columns(_ header: [String]) throws -> [String: Int] {
        var positions: [String: Int] = [:]
        for (index, title) in header.enumerated() {
            let normalised = title.trimmingCharacters(in: .whitespaces).lowercased()
            if let field = headers.first(where: { $0.value.contains(normalised) })?.key { positions[field] = index }
        }
        for required in ["name", "dwelling"] where positions[required] == nil {
            throw Refusal.invalid("file", "the header has no \(headers[required]!.joined(separator: "/")) column")
        }
        return positions
    }

    func run(_ rows: [[String]], outbox: JobOutbox, correlationID: String?, on tx: isolated PostgresConnection) throws -> Report {
        guard let header = rows.first else { throw Refusal.invalid("file", "is empty") }
        guard rows.count - 1 <= limit else { throw Refusal.invalid("file", "has more than \(limit) rows") }
        let columns = try Self.columns(header)
        var report = Report(householdsCreated: 0, residentsImported: 0, rejected: [], probableDuplicates: [])
        var touched = Set<Int>()
        for (offset, fields) in rows.dropFirst().enumerated() {
            let rowNumber = offset + 2
            func value(_ field: String) -> String? {
                guard let index = columns[field], index < fields.count else { return nil }
                let text = fields[index].trimmingCharacters(in: .whitespaces)
                return text.isEmpty ? nil : text
            }
            let input: ResidentInput
            do {
                let gender = value("gender").map { Gender(csv: $0)?.rawValue ?? $0 }
                input = try ResidentInput(
                    name: value("name") ?? "",
                    gender: gender,
                    birthYear: value("birthYear").flatMap { Int($0) },
                    phone: value("phone"),
                    idNumber: value("idNumber"),
                    now: now
                )
            } catch let error as Refusal {
                report.rejected += error.fields.map { .init(row: rowNumber, field: $0.field, message: $0.message) }
                continue
            }
            guard let dwelling = value("dwelling"), dwelling.count <= 50 else {
                report.rejected.append(.init(row: rowNumber, field: "dwelling", message: "must be 1–50 characters"))
                continue
            }
            if let duplicate = try probableDuplicate(input, on: tx) {
                report.probableDuplicates.append(.init(row: rowNumber, residentID: duplicate.0, reason: duplicate.1))
                continue
            }
            let (household, created) = try household(building: value("building"), dwelling: dwelling, on: tx)
            if created { report.householdsCreated += 1 }
            let id = try ResidentStore.insert(input, householdID: household, compoundID: compoundID, vault: vault, on: tx)
            try outbox.publish(
                ResidentRegistered(
                    residentID: id,
                    name: input.name,
                    phone: input.phone?.digits,
                    birthYear: input.birthYear,
                    placement: try RegistryEvents.placement(household: household, on: tx),
                    registeredAt: now,
                    revision: 1
                ),
                correlationID: correlationID,
                on: tx
            )
            touched.insert(household)
            report.residentsImported += 1
        }
        for household in touched.sorted() {
            try outbox.publish(try RegistryEvents.householdChanged(household, on: tx), correlationID: correlationID, on: tx)
        }
        return report
    }

    private func probableDuplicate(_ input: ResidentInput, on tx: isolated PostgresConnection) throws -> (Int, String)? {
        if let idNumber = input.idNumber, let id = try ResidentStore.withIDNumber(hash: vault.hash(idNumber.value), on: tx) {
            return (id, "the ID number is already registered")
        }
        if let phone = input.phone,
            let id = try ResidentStore.withNameAndPhone(compoundID: compoundID, name: input.name, phoneHash: vault.hash(phone.digits), on: tx)
        {
            return (id, "a resident of this compound has the same name and phone")
        }
        return nil
    }

    /// The household at a building and dwelling, created (with its building) when missing.
    private func household(building: String?, dwelling: String, on tx: isolated PostgresConnection) throws -> (Int, Bool) {
        let buildingID = try building.flatMap { try HouseholdStore.upsertBuilding(compoundID: compoundID, name: $0, on: tx) }
        if let existing = try HouseholdStore.household(compoundID: compoundID, buildingID: buildingID, dwelling: dwelling, on: tx) {
            return (existing, false)
        }
        return (try HouseholdStore.insertHousehold(compoundID: compoundID, buildingID: buildingID, dwelling: dwelling, on: tx), true)
    }
}
