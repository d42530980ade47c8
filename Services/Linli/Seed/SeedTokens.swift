import Foundation
import ServiceKit

/// Mints the bearer tokens the seed acts with: the city's office, residents, and neighbour heads.
struct SeedTokens: Sendable {
    let service: TokenIssuer

    /// The administrator the staff steps run as.
    func admin(_ subject: String = "seed") async throws -> String {
        try await service.mint(Principal(subject: subject, role: .admin), lifetime: 3600)
    }

    /// A resident acting for themself and their household.
    func resident(_ resident: RegistrySeeder.Resident) async throws -> String {
        try await service.mint(
            Principal(subject: "resident:\(resident.id)", role: .resident, householdIDs: [resident.householdID], residentID: resident.id),
            lifetime: 3600
        )
    }

    /// A neighbour head acting for the households their unit covers.
    func head(_ head: RegistrySeeder.Head) async throws -> String {
        try await service.mint(
            Principal(subject: "resident:\(head.residentID)", role: .head, householdIDs: head.householdIDs, residentID: head.residentID),
            lifetime: 3600
        )
    }
}

/// Local wall-clock times in Asia/Shanghai, as the calendar takes them.
enum SeedClock {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!

    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// The twelve months (year, month) from ten months ago to next month.
    static func months(around now: Date) -> [(year: Int, month: Int)] {
        (-10...1).map { offset in
            let date = calendar.date(byAdding: .month, value: offset, to: now)!
            let parts = calendar.dateComponents([.year, .month], from: date)
            return (parts.year!, parts.month!)
        }
    }

    /// `2026-03-14T09:30:00` and the instant it stands for.
    static func local(year: Int, month: Int, day: Int, hour: Int, minute: Int = 0) -> (text: String, instant: Date) {
        let instant = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
        return (String(format: "%04d-%02d-%02dT%02d:%02d:00", year, month, day, hour, minute), instant)
    }

    /// An instant as RFC 3339 text, for the concerns API.
    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
