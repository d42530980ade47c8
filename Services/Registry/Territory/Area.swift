import Foundation
import Hummingbird
import Postgres

/// The levels of the area tree, from the top: each area's children are of the next level.
enum AreaLevel: String, TextVocabulary {
    case city, district, subdistrict, community

    /// The level of this level's children; `nil` for a community, which has none.
    var child: AreaLevel? {
        let all = Self.allCases
        let next = all.index(after: all.firstIndex(of: self)!)
        return next < all.endIndex ? all[next] : nil
    }
}

/// A node of the area tree: city → district → subdistrict → community.
struct Area: Codable, Sendable, Equatable, ResponseEncodable {
    var id: Int
    var parentID: Int?
    var level: AreaLevel
    var name: String
    /// Ids from the city down to this area, itself included.
    var path: [Int]
}

/// The body of `POST /v1/areas`. `level` is read as text and checked with the name, so one answer
/// names both when both are wrong.
struct NewArea: Decodable, Sendable {
    var parentID: Int?
    var level: String
    var name: String
}

/// A residential compound (小区), the basic unit.
struct Compound: Codable, Sendable, Equatable, ResponseEncodable {
    var id: Int
    var areaID: Int
    var areaPath: [Int]
    var gridID: Int?
    var name: String
    var address: String?
    var revision: Int
}

/// The body of `POST /v1/compounds`.
struct NewCompound: Decodable, Sendable {
    var areaID: Int
    var gridID: Int?
    var name: String
    var address: String?
}
