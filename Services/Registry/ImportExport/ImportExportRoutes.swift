import Foundation
import Hummingbird
import JobQueue
import NIOCore
import Postgres
import ServiceKit

/// CSV in and out: `POST /v1/compounds/{id}/imports` (text/csv) and `GET …/residents.csv`, `…/households.csv`.
struct ImportExportRoutes {
    let runtime: LinliRuntime
    let vault: PersonalDataVault
    let limit: Int

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/compounds/{id}/imports") { request, context in
            let principal = try context.requirePrincipal()
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
            let importer = HouseholdImport(vault: vault, compoundID: compoundID, limit: limit)
            let report = try await runtime.jobs.withTransaction { tx, outbox in
                _ = try Access.requireManage(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
                return try importer.run(rows, outbox: outbox, correlationID: context.requestID, on: tx)
            }
            return ImportResult(report: report)
        }
        router.get("/v1/compounds/{id}/residents.csv") { request, context in
            let principal = try context.requirePrincipal()
            let compoundID = try context.parameters.require("id", as: Int.self)
            let residents = try await runtime.pool.withConnection { tx in
                _ = try Access.requireManage(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
                var all: [Resident] = []
                var after = 0
                while true {
                    let page = try ResidentSearch.search(
                        .init(compoundID: compoundID, namePrefix: nil, phone: nil, after: after, limit: 500),
                        principal: principal,
                        on: tx
                    )
                    all += page
                    guard page.count == 500, let last = page.last else { break }
                    after = last.id
                }
                return all
            }
            let header = ["id", "姓名", "性别", "出生年份", "手机", "身份证号", "户号"]
            let gender = ["male": "男", "female": "女"]
            return CSVResponse(
                rows: [header]
                    + residents.map { resident in
                        [
                            String(resident.id), resident.name, resident.gender.flatMap { gender[$0] } ?? "",
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
            let households = try await runtime.pool.withConnection { tx in
                _ = try Access.requireManage(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
                return try HouseholdStore.households(compoundID: compoundID, ids: nil, after: 0, limit: 100_000, on: tx)
            }
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

    struct ImportResult: ResponseEncodable, Sendable { var report: HouseholdImport.Report }
}
