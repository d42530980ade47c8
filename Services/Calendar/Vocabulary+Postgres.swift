import Models
import Postgres

// The shared vocabularies the calendar stores, bound and read as their raw values (see
// `RawRepresentable+Postgres.swift`), so `status = \(RegistrationStatus.waitlisted)` needs no literal.

extension RegistrationStatus: PostgresEncodable, PostgresDecodable {}

extension AttendanceChannel: PostgresEncodable, PostgresDecodable {
    /// The channels a registration may have (`paper` is for attendance entered afterwards only).
    static let registration: [AttendanceChannel] = [.selfService, .proxy, .walkIn]
}
