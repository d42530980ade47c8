import Models

// The vocabularies of the contract between services (`Models`), bound and read as their raw values
// (see `RawRepresentable+Postgres.swift`). Declared here, once, so that no two services declare the
// same conformance (two modules conforming one type is a clash in any binary that links both).

extension RegistrationStatus: PostgresEncodable, PostgresDecodable {}
extension AttendanceChannel: PostgresEncodable, PostgresDecodable {}
extension HeadLevel: PostgresEncodable, PostgresDecodable {}
extension CouncilParty: PostgresEncodable, PostgresDecodable {}
extension StaffPostKind: PostgresEncodable, PostgresDecodable {}
extension AccountStatus: PostgresEncodable, PostgresDecodable {}
extension AccountKind: PostgresEncodable, PostgresDecodable {}
