import Foundation
import Postgres

/// A council as stored.
struct CouncilRecord: Decodable, Sendable {
    var id: Int
    var compoundID: Int
    var areaPath: [Int]
    var name: String
    var createdAt: Date
}

/// The councils' and seats' SQL.
enum CouncilStore {
    private static let columns = "c.id, c.compound_id, p.area_path, c.name, c.created_at"

    static func council(_ id: Int, on connection: isolated PostgresConnection) throws -> CouncilRecord? {
        try connection.query(
            "SELECT \(unescaped: columns) FROM concerns.councils c JOIN concerns.compounds p ON p.id = c.compound_id WHERE c.id = \(id)"
        ).decode(CouncilRecord.self).first
    }

    /// Councils whose compound passes a visibility condition on `p` (the compound), by id.
    static func councils(where condition: SQL, compoundID: Int?, on connection: isolated PostgresConnection) throws -> [CouncilRecord] {
        try connection.query(
            """
            SELECT \(unescaped: columns) FROM concerns.councils c JOIN concerns.compounds p ON p.id = c.compound_id
            WHERE \(condition) AND (\(compoundID)::int8 IS NULL OR c.compound_id = \(compoundID)) ORDER BY c.id LIMIT 500
            """
        ).decode(CouncilRecord.self)
    }

    /// Whether the compound already has a council.
    static func exists(compoundID: Int, on connection: isolated PostgresConnection) throws -> Bool {
        try connection.query("SELECT 1 FROM concerns.councils WHERE compound_id = \(compoundID)").rowCount > 0
    }

    static func insert(compoundID: Int, name: String, on tx: isolated PostgresConnection) throws -> Int {
        try tx.query("INSERT INTO concerns.councils (compound_id, name) VALUES (\(compoundID), \(name)) RETURNING id").scalar(Int.self) ?? 0
    }

    static func seats(of councilID: Int, on connection: isolated PostgresConnection) throws -> [SeatView] {
        try connection.query(
            """
            SELECT id, party, holder_name, holder_subject FROM concerns.council_seats
            WHERE council_id = \(councilID) AND ended_at IS NULL ORDER BY party, id
            """
        ).decode(SeatView.self)
    }

    static func addSeat(_ seat: NewSeat, to councilID: Int, on tx: isolated PostgresConnection) throws -> SeatView {
        try tx.query(
            """
            INSERT INTO concerns.council_seats (council_id, party, holder_subject, holder_name)
            VALUES (\(councilID), \(seat.party), \(seat.holderSubject), \(seat.holderName))
            RETURNING id, party, holder_name, holder_subject
            """
        ).decode(SeatView.self)[0]
    }

    /// Ends a seat; `false` if there was no such current seat on the council.
    static func endSeat(_ seatID: Int, of councilID: Int, on tx: isolated PostgresConnection) throws -> Bool {
        try tx.execute(
            "UPDATE concerns.council_seats SET ended_at = now() WHERE id = \(seatID) AND council_id = \(councilID) AND ended_at IS NULL"
        ) == 1
    }
}
