import Foundation
import JobQueue
import Postgres
import ServiceKit
import Testing

@Suite("Configuration is read from the environment and checked at start-up")
struct ConfigurationTests {
    let valid = ["LINLI_DATABASE_URL": "postgresql://registry@db/linli"]

    @Test func defaultsFillWhatIsNotSet() throws {
        let configuration = try ServiceConfiguration(serviceName: "registry", defaultPort: 8081, environment: valid)
        #expect(configuration.http.port == 8081)
        #expect(configuration.http.host == "127.0.0.1")
        #expect(configuration.http.publicURL == "http://127.0.0.1:8081")
        #expect(configuration.database.poolSize == 10)
        #expect(configuration.workerConcurrency == 16)
        #expect(configuration.auth.issuer == "linli")
        #expect(configuration.postgres.applicationName == "linli-registry")
    }

    @Test(arguments: [
        ("LINLI_DATABASE_URL", "", "is required"),
        ("LINLI_AUTH_PUBLIC_KEYS", "k1:c2hvcnQ", "32-byte Ed25519 public key"),
        ("LINLI_AUTH_PUBLIC_KEYS", "no-colon", "kid:base64url"),
        ("LINLI_HTTP_PORT", "eighty", "whole number"),
        ("LINLI_HTTP_PORT", "70000", "whole number"),
        ("LINLI_DATABASE_POOL_SIZE", "0", "whole number"),
        ("LINLI_LOG_LEVEL", "loud", "must be one of"),
        ("LINLI_PUBLIC_URL", "ftp://x", "http or https URL"),
        ("LINLI_DATABASE_URL", "postgresql://linli:pa55word@db/linli?sslmode", "not a libpq connection string"),
        ("LINLI_DATABASE_URL", "host=db password=pa55word port", "not a libpq connection string"),
    ])
    func aBadValueIsNamed(key: String, value: String, problem: String) throws {
        var environment = valid
        environment[key] = value
        let error = #expect(throws: ConfigurationError.self) {
            try ServiceConfiguration(serviceName: "registry", defaultPort: 8081, environment: environment)
        }
        #expect(error?.key == key)
        #expect(error?.description.contains(problem) == true)
        if key == "LINLI_DATABASE_URL" {  // a secret is never echoed
            #expect(error?.description.contains(value) == false)
            #expect(error?.description.contains("pa55word") == false)
        }
    }

    @Test(arguments: ["linli", "host=db dbname=linli user=registry", "postgresql://registry:pw@db:5432/linli?sslmode=require"])
    func everyFormLibpqReadsIsAccepted(url: String) throws {
        var environment = valid
        environment["LINLI_DATABASE_URL"] = url
        let configuration = try ServiceConfiguration(serviceName: "registry", defaultPort: 8081, environment: environment)
        #expect(configuration.database.connectionString == url)
    }

    @Test func zonesAndCronExpressionsAreReadOrNamed() throws {
        let reader = EnvironmentReader([
            "ZONE": "Europe/Paris", "CRON": "30 6 * * MON-FRI", "BAD_ZONE": "Mars/Olympus_Mons", "BAD_CRON": "0 24 * * *",
        ])
        let zone = try reader.timeZone("ZONE", default: "Asia/Shanghai")
        #expect(zone.identifier == "Europe/Paris")
        #expect(try reader.timeZone("UNSET", default: "Asia/Shanghai").identifier == "Asia/Shanghai")
        let cron = try reader.cron("CRON", default: "0 0 * * *", timeZone: zone)
        #expect(cron.expression == "30 6 * * MON-FRI" && cron.timeZone == zone)
        #expect(try reader.cron("UNSET", default: "0 0 * * *", timeZone: zone).expression == "0 0 * * *")
        let badZone = #expect(throws: ConfigurationError.self) { try reader.timeZone("BAD_ZONE", default: "Asia/Shanghai") }
        #expect(badZone?.key == "BAD_ZONE" && badZone?.description.contains("'Mars/Olympus_Mons'") == true)
        let badCron = #expect(throws: ConfigurationError.self) { try reader.cron("BAD_CRON", default: "0 0 * * *", timeZone: zone) }
        #expect(badCron?.key == "BAD_CRON" && badCron?.description.contains("'0 24 * * *'") == true)
    }
}

@Suite("A principal covers only its part of the city")
struct PrincipalTests {
    let compound = ObjectScope(areaPath: [1, 10, 100], compoundID: 7, householdID: 70, residentID: 700)

    @Test func eachRoleSeesItsOwnScope() {
        #expect(Principal(subject: "a", role: .admin).covers(compound))
        #expect(Principal(subject: "d", role: .district, areaIDs: [10]).covers(compound))
        #expect(!Principal(subject: "d", role: .district, areaIDs: [11]).covers(compound))
        #expect(Principal(subject: "s", role: .secretary, compoundIDs: [7]).covers(compound))
        #expect(!Principal(subject: "s", role: .secretary, compoundIDs: [8]).covers(compound))
        #expect(Principal(subject: "h", role: .head, householdIDs: [70]).covers(compound))
        #expect(!Principal(subject: "h", role: .head, householdIDs: [71]).covers(compound))
        #expect(Principal(subject: "r", role: .resident, householdIDs: [70], residentID: 700).covers(compound))
        #expect(!Principal(subject: "r", role: .resident, householdIDs: [70], residentID: 701).covers(compound))
        #expect(!Principal(subject: "x", role: .dashboard).covers(compound))
    }

    @Test func onlyStaffSeePersonalData() {
        #expect(Principal(subject: "s", role: .secretary).maySeePersonalData)
        #expect(!Principal(subject: "h", role: .head).maySeePersonalData)
        #expect(!Principal(subject: "r", role: .resident).maySeePersonalData)
        #expect(!Principal(subject: "x", role: .dashboard).maySeePersonalData)
    }
}
