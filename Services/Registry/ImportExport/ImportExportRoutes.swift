import Foundation
import Hummingbird
import NIOCore
import ServiceKit

/// CSV in and out: `POST /v1/compounds/{id}/imports` (text/csv) and `GET …/residents.csv`, `…/households.csv`.
struct ImportExportRoutes {
    let desk: ImportExportDesk

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/compounds/{id}/imports") { request, context in
            let caller = try context.caller()
            let compoundID = try context.parameters.require("id", as: Int.self)
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
                throw APIError.invalid("file", "must be UTF-8 text")
            }
            let rows: [[String]]
            do {
                rows = try CSVDocument.parse(text)
            } catch let error as CSVDocument.ParseError {
                throw APIError.invalid("file", error.description)
            }
            return ImportResult(report: try await desk.importHouseholds(rows, compoundID: compoundID, by: caller))
        }
        router.get("/v1/compounds/{id}/residents.csv") { _, context in
            let principal = try context.requirePrincipal()
            let compoundID = try context.parameters.require("id", as: Int.self)
            let residents = try await desk.residents(compoundID: compoundID, by: principal)
            let header = ["id", "姓名", "性别", "出生年份", "手机", "身份证号", "户号"]
            return CSVResponse(
                rows: [header]
                    + residents.map { resident in
                        [
                            String(resident.id), resident.name, resident.gender?.chinese ?? "",
                            resident.birthYear.map(String.init) ?? "",
                            resident.phone ?? "", resident.idNumber ?? "", resident.householdID.map(String.init) ?? "",
                        ]
                    },
                filename: "compound-\(compoundID)-residents.csv"
            )
        }
        router.get("/v1/compounds/{id}/households.csv") { _, context in
            let principal = try context.requirePrincipal()
            let compoundID = try context.parameters.require("id", as: Int.self)
            let households = try await desk.households(compoundID: compoundID, by: principal)
            return CSVResponse(
                rows: [["id", "楼栋", "房号", "人数", "成员"]]
                    + households.map { household in
                        [
                            String(household.id), household.buildingID.map(String.init) ?? "", household.dwelling, String(household.members.count),
                            household.members.map(\.name).joined(separator: "、"),
                        ]
                    },
                filename: "compound-\(compoundID)-households.csv"
            )
        }
    }

    /// The answer to an import: what happened to each row.
    struct ImportResult: ResponseEncodable, Sendable { var report: HouseholdImport.Report }
}
