/// A PostgreSQL data type, identified by its OID as the server reports it in a result.
public struct PostgresType: Hashable, Sendable, CustomStringConvertible {
    /// The type's object id (`pg_type.oid`).
    public let oid: UInt32

    /// Wraps a type OID.
    public init(oid: UInt32) { self.oid = oid }

    /// Lets the server infer the type from the statement (text format only).
    public static let unknown = PostgresType(oid: 0)
    public static let bool = PostgresType(oid: 16)
    public static let bytea = PostgresType(oid: 17)
    public static let char = PostgresType(oid: 18)
    public static let name = PostgresType(oid: 19)
    public static let int8 = PostgresType(oid: 20)
    public static let int2 = PostgresType(oid: 21)
    public static let int4 = PostgresType(oid: 23)
    public static let text = PostgresType(oid: 25)
    public static let oidType = PostgresType(oid: 26)
    public static let json = PostgresType(oid: 114)
    public static let float4 = PostgresType(oid: 700)
    public static let float8 = PostgresType(oid: 701)
    public static let unknownLiteral = PostgresType(oid: 705)
    public static let bpchar = PostgresType(oid: 1042)
    public static let varchar = PostgresType(oid: 1043)
    public static let date = PostgresType(oid: 1082)
    public static let timestamp = PostgresType(oid: 1114)
    public static let timestamptz = PostgresType(oid: 1184)
    public static let interval = PostgresType(oid: 1186)
    public static let numeric = PostgresType(oid: 1700)
    public static let uuid = PostgresType(oid: 2950)
    public static let jsonb = PostgresType(oid: 3802)

    public static let boolArray = PostgresType(oid: 1000)
    public static let byteaArray = PostgresType(oid: 1001)
    public static let int2Array = PostgresType(oid: 1005)
    public static let int4Array = PostgresType(oid: 1007)
    public static let textArray = PostgresType(oid: 1009)
    public static let varcharArray = PostgresType(oid: 1015)
    public static let int8Array = PostgresType(oid: 1016)
    public static let float4Array = PostgresType(oid: 1021)
    public static let float8Array = PostgresType(oid: 1022)
    public static let timestamptzArray = PostgresType(oid: 1185)
    public static let numericArray = PostgresType(oid: 1231)
    public static let uuidArray = PostgresType(oid: 2951)
    public static let jsonbArray = PostgresType(oid: 3807)

    /// Types whose binary form is their UTF-8 text (user-defined enums and domains report their own OIDs,
    /// which start at 16384, and also send their label as text).
    var isTextual: Bool {
        switch self {
        case .text, .varchar, .bpchar, .name, .char, .unknownLiteral, .unknown: true
        default: oid >= 16384
        }
    }

    /// Whether values of this type are PostgreSQL arrays, whose binary form carries its element type.
    var isArray: Bool {
        switch self {
        case .boolArray, .byteaArray, .int2Array, .int4Array, .textArray, .varcharArray, .int8Array, .float4Array,
            .float8Array, .timestamptzArray, .numericArray, .uuidArray, .jsonbArray:
            true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .bool: "bool"
        case .bytea: "bytea"
        case .int2: "int2"
        case .int4: "int4"
        case .int8: "int8"
        case .text: "text"
        case .varchar: "varchar"
        case .bpchar: "bpchar"
        case .name: "name"
        case .json: "json"
        case .jsonb: "jsonb"
        case .float4: "float4"
        case .float8: "float8"
        case .date: "date"
        case .timestamp: "timestamp"
        case .timestamptz: "timestamptz"
        case .interval: "interval"
        case .numeric: "numeric"
        case .uuid: "uuid"
        default: "oid \(oid)"
        }
    }
}

/// Whether a bound value travels as text or in PostgreSQL's binary format.
public enum PostgresFormat: Int32, Sendable {
    case text = 0
    case binary = 1
}
