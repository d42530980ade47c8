import Foundation
import Hummingbird

/// A node of the area tree: city → district → subdistrict → community.
struct Area: Codable, Sendable, Equatable, ResponseEncodable {
    var id: Int
    var parentID: Int?
    var level: String
    var name: String
    /// Ids from the city down to this area, itself included.
    var path: [Int]

    static let levels = ["city", "district", "subdistrict", "community"]
}

/// The body of `POST /v1/areas`.
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
